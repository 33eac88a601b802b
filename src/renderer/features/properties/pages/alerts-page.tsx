import type { AlarmRow } from '../../dialogs/alarm-rows.js';
import { AlarmFields } from '../../dialogs/alarm-fields.js';
import type { HostDraft } from '../draft-host.js';
import type { VmDraft } from '../draft-vm.js';
import { problemOf } from '../properties-draft.js';
import type { PageProps } from '../page-props.js';

/** Alerts: the pool's performance alarms for this VM or server (other_config:perfmon), as Alert Settings… sets them. */
export function AlertsPage({ draft, update, problems, saving }: PageProps<VmDraft | HostDraft>) {
  const kind = draft.class === 'host' ? 'host' : 'VM';
  const problem = problemOf(problems, 'alerts', 'alarms');
  const change = (alarm: string, patch: Partial<AlarmRow>) => update({ alarms: { ...draft.alarms, [alarm]: { ...draft.alarms[alarm]!, ...patch } } });
  return (
    <>
      <p className="dialog-note">The pool checks these every few minutes and raises an alert when a value stays past its level for the time given.</p>
      <AlarmFields kind={kind} rows={draft.alarms} disabled={saving} onChange={change} />
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
