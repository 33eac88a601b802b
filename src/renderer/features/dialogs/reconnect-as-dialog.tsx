import { useId, useState } from 'react';
import { usePoolsStore } from '../../store/pools-store.js';
import { DialogFrame } from './dialog-frame.js';
import { useDialogCall } from './use-dialog-call.js';

/**
 * XenCenter's "Reconnect As": another user name and password for a pool, through pool.reconnectAs. After a refused
 * login the caret goes to the password, where the fix usually is.
 */
export function ReconnectAsDialog({ poolId, onClose }: { poolId: string; onClose(): void }) {
  const ids = useId();
  const pool = usePoolsStore((state) => state.pools.get(poolId));
  const [user, setUser] = useState(pool?.user ?? 'root');
  const [password, setPassword] = useState('');
  const { busy, error, call } = useDialogCall();
  const blockedBy = !pool ? 'This pool is no longer known' : user.trim() === '' ? 'Enter a user name' : null;

  const submit = async () => {
    const output = await call('pool.reconnectAs', { poolId, user: user.trim(), password });
    if (!output) return;
    usePoolsStore.getState().upsertPool(output);
    onClose();
  };
  return (
    <DialogFrame
      title="Reconnect As"
      intro={`Log in to ${pool?.label || pool?.address || 'the pool'} as another user.`}
      className="reconnect-as-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Reconnect"
      busyLabel="Connecting…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      <fieldset className="credentials" disabled={busy}>
        <legend>User login credentials</legend>
        <div className="field">
          <label htmlFor={`${ids}-user`}>User name:</label>
          <input id={`${ids}-user`} value={user} onChange={(event) => setUser(event.target.value)} autoComplete="username" spellCheck={false} data-autofocus={error ? undefined : true} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-password`}>Password:</label>
          <input id={`${ids}-password`} type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" data-autofocus={error ? true : undefined} />
        </div>
      </fieldset>
    </DialogFrame>
  );
}
