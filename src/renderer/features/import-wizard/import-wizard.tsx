import { useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { useBridge } from '../../app/bridge-context.js';
import { useAppStore } from '../../store/app-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { selectCreatedWhenDone } from '../dialogs/select-created-vm.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { WizardFrame } from '../dialogs/wizard-frame.js';
import { fileSourceOf, headAsBase64, nativeFileDialog, uploadToLink, type PickedFile } from '../files/file-transfer.js';
import { choicesForPool, importSteps, initialChoices, stepProblem, stepTitle, type ImportChoices } from './import-choices.js';
import { FinishStep, LocationStep, NetworkingStep, SourceStep, StorageStep } from './import-steps.js';
import './import-wizard.css';
import '../files/files.css';

/**
 * XenCenter's Import wizard (File > Import…): Import Source (an XVA, OVA, OVF or disk image, read for what it holds),
 * Home Server (or Location for a disk), Storage, Networking and Finish. The desktop app opens the file through its
 * native dialog; a browser picks it and uploads it once the import has started. The VM is selected when it arrives.
 */
export function ImportWizard({ poolId, onClose }: { poolId: string | null; onClose(): void }) {
  const bridge = useBridge();
  const mirror = useMirror();
  const pools = usePoolsStore((state) => state.pools);
  const dialog = nativeFileDialog();
  const inBrowser = bridge.transport === 'websocket' || !dialog;
  const firstPool = poolId ?? [...pools.values()].find((pool) => pool.state === 'connected')?.poolId ?? null;
  const [choices, setChoices] = useState<ImportChoices>(() => initialChoices(firstPool));
  const [stepIndex, setStepIndex] = useState(0);
  const [inspecting, setInspecting] = useState(false);
  const [inspectError, setInspectError] = useState<ApiError | null>(null);
  const { busy, error, call } = useDialogCall();
  const steps = importSteps(choices);
  const step = steps[Math.min(stepIndex, steps.length - 1)]!;
  const problems = useMemo(
    () => steps.map((each) => (each === 'source' && inspectError ? 'Xenith cannot import this file (see above)' : stepProblem(mirror, choices, each, inBrowser))),
    [steps, mirror, choices, inBrowser, inspectError],
  );
  const reachable = (index: number) => problems.slice(0, index).every((each) => each === null);

  /** Reads what the chosen file holds, then sets the defaults for the pool. */
  const inspect = async (file: PickedFile) => {
    setChoices((current) => ({ ...current, file, description: null }));
    setInspectError(null);
    setInspecting(true);
    const head = file.kind === 'browser' ? await headAsBase64(file.file) : undefined;
    const result = await bridge.call('file.inspect', { source: fileSourceOf(file), ...(head !== undefined ? { head } : {}) });
    setInspecting(false);
    if (!result.ok) {
      setInspectError(result.error);
      return;
    }
    setChoices((current) => {
      if (current.file !== file) return current;
      const described = { ...current, description: result.output };
      return described.poolId ? choicesForPool(mirror, described, described.poolId) : described;
    });
  };

  const browse = async () => {
    if (!dialog) return;
    const choice = await dialog({
      mode: 'open',
      title: 'Import',
      filters: [
        { name: 'VMs and disk images', extensions: ['xva', 'gz', 'zst', 'ova', 'ovf', 'vhd', 'vmdk', 'img', 'raw'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (choice) void inspect({ kind: 'handle', handle: choice.handle, name: choice.name });
  };

  const finish = async () => {
    const { file, description, poolId: target, srId } = choices;
    if (!file || !description || !target || !srId) return;
    const source = fileSourceOf(file);
    const output =
      description.format === 'disk'
        ? await call('disk.importFile', { srId, source, name: description.name })
        : await call('vm.importFile', {
            poolId: target,
            srId,
            source,
            networkMap: choices.networks,
            ...(Object.keys(choices.storage).length > 0 ? { storageMap: choices.storage } : {}),
            ...(choices.homeHostId ? { homeHostId: choices.homeHostId } : {}),
            start: choices.start,
          });
    if (!output) return;
    if (output.link && file.kind === 'browser') {
      // The browser streams the file from disk; the import job shows its progress, and a failed upload says why.
      void uploadToLink(output.link.url, file.file).then((answer) => {
        if (!answer.ok && !/^Imported/.test(answer.message)) useAppStore.getState().setError({ code: 'UPLOAD_FAILED', message: answer.message });
      });
    }
    if (description.format !== 'disk') selectCreatedWhenDone(output.jobIds);
    onClose();
  };

  const stepProps = { mirror, choices, update: setChoices };
  return (
    <WizardFrame
      title="Import"
      className="import-wizard"
      stepTitles={steps.map((each) => stepTitle(each, choices))}
      stepIndex={Math.min(stepIndex, steps.length - 1)}
      reachable={reachable}
      onStep={setStepIndex}
      problem={problems[Math.min(stepIndex, steps.length - 1)] ?? null}
      busy={busy}
      error={error}
      finishLabel="Finish"
      finishBusyLabel="Starting the import…"
      onFinish={() => void finish()}
      onCancel={onClose}
    >
      {step === 'source' && (
        <SourceStep choices={choices} inBrowser={inBrowser} inspecting={inspecting} inspectError={inspectError} onBrowse={() => void browse()} onBrowserFile={(file) => void inspect({ kind: 'browser', file, name: file.name })} />
      )}
      {step === 'location' && <LocationStep {...stepProps} />}
      {step === 'storage' && <StorageStep {...stepProps} />}
      {step === 'networking' && <NetworkingStep {...stepProps} />}
      {step === 'finish' && <FinishStep {...stepProps} />}
    </WizardFrame>
  );
}
