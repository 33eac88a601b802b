import { useState } from 'react';
import { apiTokenNameSchema } from '../../../shared/api/methods/tokens.js';
import { useDialogCall } from '../dialogs/use-dialog-call.js';
import { CallError } from '../dialogs/call-error.js';
import { formatTokenDate, useApiTokens } from './use-api-tokens.js';

/**
 * Options → API tokens: named, long-lived tokens for scripts and xenith-cli. A new token's secret shows once, to
 * copy; the server keeps only a hash. Revoking one refuses it at once, even on connections already open.
 */
export function ApiTokensSection() {
  const tokens = useApiTokens();
  const { busy, error, call } = useDialogCall();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const parsedName = apiTokenNameSchema.safeParse(name);
  const create = async () => {
    if (!parsedName.success) return;
    const output = await call('token.create', { name: parsedName.data });
    if (output) {
      setCreated({ name: output.token.name, secret: output.secret });
      setName('');
    }
  };
  return (
    <fieldset className="api-tokens">
      <legend>API tokens</legend>
      <p className="dialog-note">For scripts and xenith-cli: <code>xenith-cli register &lt;address&gt; --token &lt;token&gt;</code>, or an <code>Authorization: Bearer</code> header.</p>
      {tokens === null ? (
        <p className="dialog-note">Loading…</p>
      ) : tokens.length === 0 ? (
        <p className="dialog-note">No tokens yet.</p>
      ) : (
        <table className="token-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.tokenId}>
                <td>{token.name}</td>
                <td>{formatTokenDate(token.createdAt)}</td>
                <td>{formatTokenDate(token.lastUsedAt)}</td>
                <td>
                  <button type="button" className="small-button" disabled={busy} aria-label={`Revoke ${token.name}`} onClick={() => void call('token.revoke', { tokenId: token.tokenId })}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {created && (
        <div className="token-secret" role="status">
          <label>
            Token “{created.name}” — copy it now, it is not shown again:
            <input type="text" readOnly value={created.secret} onFocus={(event) => event.currentTarget.select()} aria-label={`Secret of ${created.name}`} />
          </label>
        </div>
      )}
      <div className="token-create">
        <input type="text" value={name} placeholder="Name (a script, a machine)" aria-label="New token name" maxLength={100} disabled={busy} onChange={(event) => setName(event.target.value)} />
        <button type="button" className="small-button" disabled={busy || !parsedName.success} onClick={() => void create()}>
          Create Token
        </button>
      </div>
      <CallError error={error} />
    </fieldset>
  );
}
