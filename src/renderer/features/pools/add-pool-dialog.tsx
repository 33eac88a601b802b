import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiError } from '../../../shared/api/errors.js';
import { useBridge } from '../../app/bridge-context.js';
import { BusyLabel } from '../../components/busy-label.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { useAppStore } from '../../store/app-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { browserHistoryStorage, readServerHistory, rememberServer, serverSuggestions } from './server-history.js';

/** Known pools' addresses, for the server box's suggestions. */
const selectKnownAddresses = (state: { pools: ReadonlyMap<string, { address: string }> }) => [...state.pools.values()].map((pool) => pool.address);

/**
 * XenCenter's "Add New Server": a server box with history, user name (root by default), password and
 * "Remember this server". Add stays disabled until server and user are filled; while connecting the fields are
 * locked and the button shows progress; a failure is shown inline and everything typed stays.
 */
export function AddPoolDialog({ onClose }: { onClose(): void }) {
  const bridge = useBridge();
  const ids = useId();
  const knownAddresses = usePoolsStore(useShallow(selectKnownAddresses));
  const suggestions = useMemo(() => serverSuggestions(readServerHistory(browserHistoryStorage()), knownAddresses), [knownAddresses]);
  const [server, setServer] = useState('');
  const [user, setUser] = useState('root');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const canAdd = server.trim() !== '' && user.trim() !== '' && !busy;
  const serverRef = useRef<HTMLInputElement>(null);
  const mountedRef = useRef(true);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
    };
  }, []);
  const passwordRef = useRef<HTMLInputElement>(null);

  // After a failure the fields are enabled again: put the caret where the fix is typed.
  useEffect(() => {
    if (!error) return;
    const field = error.code === 'SESSION_AUTHENTICATION_FAILED' ? passwordRef.current : serverRef.current;
    field?.focus();
    field?.select();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canAdd) return;
    setBusy(true);
    setError(null);
    // Answered once the pool's first rows are in: the dialog closes and VMs fill in the tree behind it.
    const result = await bridge.call('pool.add', { address: server.trim(), user: user.trim(), password, save: remember, waitFor: 'listed' });
    if (result.ok) {
      rememberServer(browserHistoryStorage(), server);
      usePoolsStore.getState().upsertPool(result.output);
      if (mountedRef.current) onClose();
      return;
    }
    if (!mountedRef.current) {
      // Closed while connecting: the failure must still reach the user.
      useAppStore.getState().setError(result.error);
      return;
    }
    setBusy(false);
    setError(result.error);
  };

  const titleId = `${ids}-title`;
  const introId = `${ids}-intro`;
  const errorId = `${ids}-error`;
  return (
    <ModalDialog labelledBy={titleId} describedBy={introId} onCancel={onClose} className="add-pool-dialog">
      <form onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <h2 id={titleId}>Add New Server</h2>
        <p id={introId} className="dialog-intro">
          Enter the name or address of any server in the pool (host, host:port, or several separated by “;”) and your
          login for that pool.
        </p>
        <div className="field">
          <label htmlFor={`${ids}-server`}>Server:</label>
          <input
            id={`${ids}-server`}
            ref={serverRef}
            list={`${ids}-history`}
            value={server}
            onChange={(event) => setServer(event.target.value)}
            disabled={busy}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            aria-describedby={error ? errorId : undefined}
          />
          <datalist id={`${ids}-history`}>
            {suggestions.map((address) => (
              <option key={address} value={address} />
            ))}
          </datalist>
        </div>
        <fieldset className="credentials" disabled={busy}>
          <legend>User login credentials</legend>
          <div className="field">
            <label htmlFor={`${ids}-user`}>User name:</label>
            <input id={`${ids}-user`} value={user} onChange={(event) => setUser(event.target.value)} autoComplete="username" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-password`}>Password:</label>
            <input id={`${ids}-password`} ref={passwordRef} type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" />
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} disabled={busy} />
          Remember this server
        </label>
        {error && (
          <p id={errorId} className="error inline-error" role="alert">
            {error.message} ({error.code})
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={!canAdd}>
            <BusyLabel busy={busy} label="Add" busyLabel="Connecting…" />
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
