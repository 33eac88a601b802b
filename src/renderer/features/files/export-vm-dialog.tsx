import { useId, useMemo, useState } from 'react';
import { exportFileName, type ExportFileCompression } from '../../../shared/util/export-file-name.js';
import { useBridge } from '../../app/bridge-context.js';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { formatBytes } from '../details/format.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { useMirror } from '../dialogs/use-mirror.js';
import { disksOfVm } from '../dialogs/vm-disks.js';
import { nativeFileDialog, startDownload } from './file-transfer.js';
import './files.css';

type Compression = ExportFileCompression;

const compressionLabels: Record<Compression, string> = {
  none: 'None',
  zstd: 'Zstandard (fast, smaller file)',
  gzip: 'Gzip (slower; for older tools)',
};

/**
 * Export (VM menu, and Export Snapshot… in the Snapshots tab): the VM or snapshot to an XVA file, with its
 * compression. In the desktop app the file is chosen in the native Save dialog; in a browser the browser downloads
 * it. A running VM is exported from a snapshot taken now and removed afterwards, and the dialog says so; every chunk
 * is checked as it streams and a failed or cancelled export leaves no file.
 */
export function ExportVmDialog({ vmId, onClose }: { vmId: string; onClose(): void }) {
  const ids = useId();
  const bridge = useBridge();
  const vm = useObjectsStore(selectObject(vmId, 'VM'));
  const mirror = useMirror();
  const disks = useMemo(() => disksOfVm(mirror, vmId), [mirror, vmId]);
  const [compression, setCompression] = useState<Compression>('none');
  const [chosen, setChosen] = useState<{ handle: string; name: string } | null>(null);
  const { busy, error, call } = useDialogCall();
  const dialog = nativeFileDialog();
  const inBrowser = bridge.transport === 'websocket' || !dialog;
  const suggested = exportFileName(nameOf(vm), compression);
  const running = vm !== undefined && !vm.is_a_snapshot && !vm.is_a_template && vm.power_state !== 'Halted';
  const what = vm?.is_a_snapshot ? 'snapshot' : vm?.is_a_template ? 'template' : 'VM';

  const browse = async () => {
    if (!dialog) return;
    const choice = await dialog({ mode: 'save', title: `Export '${nameOf(vm)}'`, suggestedName: suggested, filters: [{ name: 'XVA files', extensions: ['xva', 'gz', 'zst'] }] });
    if (choice) setChosen(choice);
  };

  const blockedBy = !vm ? `The ${what} is gone` : !inBrowser && !chosen ? 'Choose where to save the file' : null;

  const submit = async () => {
    const target = inBrowser ? ({ kind: 'download' } as const) : ({ kind: 'handle', handle: chosen!.handle } as const);
    const output = await call('vm.exportFile', { vmId, compression, target });
    if (!output) return;
    if (output.link) startDownload(output.link.url);
    onClose();
  };

  return (
    <DialogFrame
      title={vm?.is_a_snapshot ? 'Export Snapshot' : 'Export'}
      intro={`Exports the ${what} '${nameOf(vm)}' (${disks.length} ${disks.length === 1 ? 'disk' : 'disks'}, ${formatBytes(disks.reduce((sum, disk) => sum + disk.sizeBytes, 0))}) to an XVA file. Every chunk is checked against its checksum as it arrives; the file is kept only once all of it is verified.`}
      className="export-vm-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Export"
      busyLabel="Starting…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <div className="field">
        <span className="field-label" id={`${ids}-file-label`}>File:</span>
        {inBrowser ? (
          <output aria-labelledby={`${ids}-file-label`} className="export-file-name">{`${suggested} — your browser downloads it`}</output>
        ) : (
          <span className="export-file-choice">
            <output aria-labelledby={`${ids}-file-label`} className="export-file-name">{chosen?.name ?? '(no file chosen)'}</output>
            <button type="button" onClick={() => void browse()} disabled={busy} data-autofocus>
              Browse…
            </button>
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-format`}>Format:</label>
        <select id={`${ids}-format`} value="xva" disabled>
          <option value="xva">XVA (XenServer and XCP-ng export)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-compression`}>Compression:</label>
        <select id={`${ids}-compression`} value={compression} onChange={(event) => setCompression(event.target.value as Compression)} disabled={busy} data-autofocus={inBrowser ? true : undefined}>
          {(Object.keys(compressionLabels) as Compression[]).map((each) => (
            <option key={each} value={each}>
              {compressionLabels[each]}
            </option>
          ))}
        </select>
      </div>
      {running && (
        <p className="dialog-note warning" role="note">
          {`'${nameOf(vm)}' is running: Xenith exports it from a snapshot taken now, and removes the snapshot afterwards. The VM keeps running.`}
        </p>
      )}
    </DialogFrame>
  );
}
