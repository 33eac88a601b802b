import { useBridge } from '../../app/bridge-context.js';
import { saveSettings } from '../../app/save-settings.js';
import { useAppStore } from '../../store/app-store.js';
import { DialogFrame } from '../dialogs/dialog-frame.js';
import { ApiTokensSection } from './api-tokens-section.js';
import './settings.css';

/** Tools → Options (XenCenter's Options dialog): the API for scripts — tokens and the local socket. */
export function OptionsDialog({ onClose }: { onClose(): void }) {
  const bridge = useBridge();
  const localSocket = useAppStore((state) => state.settings.localSocket);
  return (
    <DialogFrame title="Options" className="options-dialog" onCancel={onClose} onSubmit={onClose} submitLabel="OK" noSubmit cancelLabel="Close">
      <ApiTokensSection />
      <fieldset>
        <legend>Local socket</legend>
        <label className="check">
          <input type="checkbox" checked={localSocket} onChange={(event) => void saveSettings(bridge, { localSocket: event.target.checked })} /> Serve the API on a local socket for xenith-cli on this computer
        </label>
        <p className="dialog-note">Only your user account can open it, so it needs no token: <code>xenith-cli register --socket</code>.</p>
      </fieldset>
    </DialogFrame>
  );
}
