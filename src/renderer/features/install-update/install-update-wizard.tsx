import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { useBridge } from '../../app/bridge-context.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { useJobsStore, whenJobFinished } from '../../store/jobs-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { WizardFrame } from '../dialogs/wizard-frame.js';
import { familyOf } from '../updates/updates-model.js';
import { chosenCatalogueUpdate, emptyInstallChoices, installUpdateSteps, installUpdateStepTitles, selectionOf, stepProblem, withListing, type InstallUpdateChoices } from './install-update-choices.js';
import { BeforeYouStartStep, InstallStep, PrechecksStep, SelectServersStep, SelectUpdateStep, UpdateModeStep, UploadStep } from './install-update-steps.js';
import '../updates/updates.css';

/** XenServer's own catalogue; the field can point elsewhere (a mirror, the simulator's update source). */
const vendorCatalogue = 'https://updates.ops.xenserver.com/xenserver/updates.xml';

/** The pool the wizard starts on: the one asked for, else the first connected one. */
function startingPool(poolId: string | null): string | null {
  if (poolId) return poolId;
  return [...usePoolsStore.getState().pools.values()].find((pool) => pool.state === 'connected')?.poolId ?? null;
}

/**
 * XenCenter's Install Update wizard for XCP-ng and XenServer pools: Before You Start, Select Update, Select
 * Servers, Upload (XenServer's one-stream upload), Prechecks (with the rolling update's dry run), Update Mode and
 * Install. Install starts the job (a rolling pool update, or an install only) and closes; the task panel follows it.
 */
export function InstallUpdateWizard({ poolId, onClose }: { poolId: string | null; onClose(): void }) {
  const bridge = useBridge();
  const mirror = useMirror();
  const [choices, setChoices] = useState<InstallUpdateChoices>(() => emptyInstallChoices(startingPool(poolId), vendorCatalogue));
  const [stepIndex, setStepIndex] = useState(0);
  const { busy, error, call } = useDialogCall();
  const step = installUpdateSteps[stepIndex]!;
  const pool = choices.poolId ? objectsOfType(mirror, 'pool', choices.poolId)[0] : undefined;
  const family = pool ? familyOf(mirror, pool) : null;

  // The listing: asked when the pool changes, and again on request (another catalogue, after a sync).
  const [listing, setListing] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null });
  const reload = useCallback(() => {
    const target = choices.poolId;
    if (!target) return;
    setListing({ busy: true, error: null });
    const catalogueUrl = family === 'xenserver' ? choices.catalogueUrl : undefined;
    void bridge.call('updates.list', { poolId: target, ...(catalogueUrl ? { catalogueUrl } : {}) }).then((answer) => {
      setListing({ busy: false, error: answer.ok ? null : answer.error });
      if (answer.ok) setChoices((current) => (current.poolId === target ? withListing(current, answer.output) : current));
    });
  }, [bridge, choices.poolId, choices.catalogueUrl, family]);
  const listed = choices.listing !== null;
  // Only a new pool asks by itself; the catalogue field asks again through its Check button.
  useEffect(() => {
    if (!listed && choices.poolId) reload();
  }, [choices.poolId]);

  // XenServer 8.4: synchronising with the CDN is a job; the listing is asked again when it ends.
  const [sync, setSync] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null });
  const runSync = () => {
    if (!choices.poolId) return;
    setSync({ busy: true, error: null });
    void bridge.call('updates.sync', { poolId: choices.poolId }).then(async (answer) => {
      if (!answer.ok) return setSync({ busy: false, error: answer.error });
      const job = await whenJobFinished(answer.output.jobIds[0]!);
      setSync({ busy: false, error: job.error });
      reload();
    });
  };

  // XenServer: the upload starts when the Upload step opens, once per chosen update.
  const [upload, setUpload] = useState<{ jobId: string | null; error: ApiError | null; updateId: string | null }>({ jobId: null, error: null, updateId: null });
  const uploadJob = useJobsStore((state) => (upload.jobId ? (state.jobs.get(upload.jobId) ?? null) : null));
  const chosen = chosenCatalogueUpdate(choices);
  const startUpload = useCallback(() => {
    if (!choices.poolId || !chosen?.url) return;
    const updateId = chosen.id;
    setUpload({ jobId: null, error: null, updateId });
    void bridge.call('updates.upload', { poolId: choices.poolId, url: chosen.url, name: chosen.name }).then(async (answer) => {
      if (!answer.ok) return setUpload({ jobId: null, error: answer.error, updateId });
      const jobId = answer.output.jobIds[0]!;
      setUpload({ jobId, error: null, updateId });
      const job = await whenJobFinished(jobId);
      if (job.state === 'succeeded' && job.resultObjectId) setChoices((current) => ({ ...current, poolUpdateId: job.resultObjectId, prechecks: null }));
      else setUpload({ jobId, error: job.error ?? { code: 'CANCELLED', message: 'The upload was cancelled.' }, updateId });
    });
  }, [bridge, choices.poolId, chosen]);
  useEffect(() => {
    if (step === 'upload' && family === 'xenserver' && !choices.poolUpdateId && upload.updateId !== chosen?.id) startUpload();
  }, [step, family, choices.poolUpdateId, upload.updateId, chosen?.id, startUpload]);

  // Prechecks: asked when the step opens and whenever what they depend on changed (they are reset then).
  const [checking, setChecking] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null });
  const selection = selectionOf(choices);
  const selectionKey = JSON.stringify(selection);
  const precheckInput = useMemo(
    () => (choices.poolId && selection ? { poolId: choices.poolId, hostIds: [...choices.hostIds], selection, mode: 'automatic' as const, disableHa: choices.disableHa } : null),
    // The selection is rebuilt on every render: its JSON says when it changed.
    [choices.poolId, choices.hostIds, selectionKey, choices.disableHa],
  );
  const recheck = useCallback(() => {
    if (!precheckInput || precheckInput.hostIds.length === 0) return;
    setChecking({ busy: true, error: null });
    void bridge.call('updates.precheck', precheckInput).then((answer) => {
      setChecking({ busy: false, error: answer.ok ? null : answer.error });
      if (answer.ok) setChoices((current) => ({ ...current, prechecks: answer.output }));
    });
  }, [bridge, precheckInput]);
  useEffect(() => {
    if (step === 'prechecks' && !choices.prechecks && !checking.busy) recheck();
  }, [step, choices.prechecks]);

  const problems = installUpdateSteps.map((each) => stepProblem(choices, each));
  const reachable = (index: number) => problems.slice(0, index).every((each) => each === null);
  const install = async () => {
    if (!choices.poolId || !selection) return;
    const output = await call('updates.install', { poolId: choices.poolId, hostIds: [...choices.hostIds], selection, mode: choices.mode, disableHa: choices.disableHa });
    if (output) onClose();
  };
  const props = { mirror, choices, update: setChoices };

  return (
    <WizardFrame
      title="Install Update"
      className="install-update-wizard"
      stepTitles={installUpdateSteps.map((each) => installUpdateStepTitles[each])}
      stepIndex={stepIndex}
      reachable={reachable}
      onStep={setStepIndex}
      problem={problems[stepIndex]!}
      busy={busy}
      error={error}
      finishLabel="Install Update"
      finishBusyLabel="Starting…"
      onFinish={() => void install()}
      onCancel={onClose}
    >
      {step === 'beforeYouStart' && <BeforeYouStartStep {...props} />}
      {step === 'selectUpdate' && <SelectUpdateStep {...props} family={family} listing={{ ...listing, reload }} sync={{ ...sync, run: runSync }} />}
      {step === 'selectServers' && <SelectServersStep {...props} />}
      {step === 'upload' && <UploadStep {...props} upload={{ job: uploadJob, error: upload.error, retry: startUpload }} />}
      {step === 'prechecks' && <PrechecksStep {...props} checking={checking.busy} error={checking.error} recheck={recheck} />}
      {step === 'updateMode' && <UpdateModeStep {...props} />}
      {step === 'install' && <InstallStep {...props} />}
    </WizardFrame>
  );
}
