import { useAppStore } from '../../store/app-store.js';
import { DialogFrame } from './dialog-frame.js';

/** Help → About Xenith: what this is and which version runs. */
export function AboutDialog({ onClose }: { onClose(): void }) {
  const version = useAppStore((state) => state.version);
  return (
    <DialogFrame title="About Xenith" className="about-dialog" onCancel={onClose} onSubmit={onClose} submitLabel="OK" noSubmit cancelLabel="Close">
      <p className="about-name">Xenith {version?.version ?? ''}</p>
      <p className="dialog-note">A manager for XCP-ng and XenServer pools on Windows, macOS and Linux, for people who know XenCenter.</p>
      <p className="dialog-note">Licensed under the GNU Affero General Public License, version 3 or later.</p>
    </DialogFrame>
  );
}
