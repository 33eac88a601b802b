import { useId, useState } from 'react';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { callForCommand } from '../../commands/report-failure.js';
import { whenJobFinished } from '../../store/jobs-store.js';
import { isoImagesOfPool } from '../dialogs/pool-resources.js';
import { useMirror } from '../details/use-mirror.js';
import { dvdDriveOf } from './dvd-drive.js';
import './dvd-drive.css';

const empty = '';

/**
 * XenCenter's DVD drive selector above a VM's console: the ISO in its DVD drive, to change or eject (vm.setCd).
 * Locked while a change runs; a refusal shows in the window's error line, the job in the task panel.
 */
export function DvdDriveBar({ vm }: { vm: XapiRecord<'VM'> }) {
  const id = useId();
  const bridge = useBridge();
  const { drive, isos } = useMirror((index) => ({ drive: dvdDriveOf(index, vm), isos: isoImagesOfPool(index, vm.$pool) }), [vm]);
  const [pending, setPending] = useState(false);
  const choose = async (isoId: string | null) => {
    setPending(true);
    const output = await callForCommand(bridge, 'vm.setCd', { vmId: vm.$id, isoId });
    const [jobId] = output?.jobIds ?? [];
    if (jobId !== undefined) await whenJobFinished(jobId);
    setPending(false);
  };
  const srs = [...new Set(isos.map((iso) => iso.srName))];
  return (
    <div className="dvd-drive-bar">
      <label htmlFor={id}>DVD Drive 1:</label>
      <select id={id} value={drive.isoId ?? empty} disabled={pending || drive.busy} onChange={(event) => void choose(event.target.value || null)} aria-describedby={drive.vbdId ? undefined : `${id}-note`}>
        <option value={empty}>&lt;empty&gt;</option>
        {srs.map((srName) => (
          <optgroup key={srName} label={srName}>
            {isos
              .filter((iso) => iso.srName === srName)
              .map((iso) => (
                <option key={iso.id} value={iso.id}>
                  {iso.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {(pending || drive.busy) && <span className="spinner" role="status" aria-label="Changing the disc" />}
      {!drive.vbdId && (
        <span id={`${id}-note`} className="dvd-drive-note">
          This VM has no DVD drive: choosing an ISO adds one.
        </span>
      )}
    </div>
  );
}
