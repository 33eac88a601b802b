import { useId } from 'react';
import type { HostDraft } from '../draft-host.js';
import { problemOf } from '../properties-draft.js';
import { PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

/** Log Destination: logs kept on the server only, or also sent to a remote syslog server. */
export function LogDestinationPage({ draft, update, problems, saving }: PageProps<HostDraft>) {
  const group = useId();
  return (
    <fieldset className="plain" disabled={saving}>
      <legend className="visually-hidden">Log destination</legend>
      <label className="check">
        <input type="radio" name={group} checked={!draft.remoteLog} onChange={() => update({ remoteLog: false })} />
        Keep the server's logs on the server only
      </label>
      <label className="check">
        <input type="radio" name={group} checked={draft.remoteLog} onChange={() => update({ remoteLog: true })} />
        Also send them to a remote syslog server
      </label>
      <div className="indented">
        <PageField label="Server" problem={problemOf(problems, 'logDestination', 'logServer')} note="A host name or an IP address.">
          {(ids) => (
            <input
              id={ids.id}
              value={draft.logServer}
              maxLength={255}
              disabled={!draft.remoteLog}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(event) => update({ logServer: event.target.value })}
            />
          )}
        </PageField>
      </div>
    </fieldset>
  );
}
