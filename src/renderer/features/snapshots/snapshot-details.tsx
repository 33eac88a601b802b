import { useBridge } from '../../app/bridge-context.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { formatBytes } from '../details/format.js';
import { useMirror } from '../details/use-mirror.js';
import { powerStateAtSnapshot, snapshotDisks, snapshotMode, snapshotSpace } from './snapshot-facts.js';
import { snapshotTime } from './snapshot-tree.js';
import { useThumbnail } from './thumbnail-cache.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** The selected snapshot's details (XenCenter's side panel): its screenshot, what it is, and its disks. */
export function SnapshotDetails({ snapshot }: { snapshot: XapiRecord<'VM'> }) {
  const bridge = useBridge();
  const details = useMirror((index) => ({ disks: snapshotDisks(index, snapshot), space: snapshotSpace(index, snapshot) }), [snapshot]);
  const src = useThumbnail(bridge, snapshot.$id, snapshot.blobs['XenCenter.VNCSnapshot'] ?? null);
  const time = snapshotTime(snapshot);
  const state = powerStateAtSnapshot(snapshot);
  const facts: [string, string][] = [
    ['Name', snapshot.name_label],
    ['Description', snapshot.name_description || '—'],
    ['Taken', time !== null ? timeFormat.format(time) : 'Unknown'],
    ['Mode', snapshotMode(snapshot)],
    ...(state ? ([['VM state then', state]] as [string, string][]) : []),
    ['Disk space', formatBytes(details.space)],
    ['Tags', snapshot.tags.join(', ') || '—'],
    ...(snapshot.is_vmss_snapshot === true ? ([['Taken by', 'A snapshot schedule']] as [string, string][]) : []),
  ];
  return (
    <section className="snapshot-details" aria-label={`Snapshot ${snapshot.name_label}`}>
      {src ? <img className="snapshot-screenshot" src={src} alt={`Console of ${snapshot.name_label} when it was taken`} /> : <div className="snapshot-screenshot empty">No screenshot</div>}
      <dl className="snapshot-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Disks</h3>
      {details.disks.length === 0 ? (
        <p className="dialog-note">No disks.</p>
      ) : (
        <table className="snapshot-disks">
          <thead>
            <tr>
              <th scope="col">Disk</th>
              <th scope="col">Size</th>
              <th scope="col">Storage</th>
            </tr>
          </thead>
          <tbody>
            {details.disks.map((disk) => (
              <tr key={disk.id}>
                <td>{disk.name}</td>
                <td>{formatBytes(disk.sizeBytes)}</td>
                <td>{disk.srName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
