import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { formatSince } from '../details/format.js';
import { useMirror, useNow } from '../details/use-mirror.js';
import { describeTiming, describeType, lastRunOutcome, lastRunTime, scheduleOfVm, timingOf } from './vmss-facts.js';

/** Which snapshot schedule covers the VM, when it runs, and how its last run went; and the way to the schedules. */
export function ScheduleLine({ vm, onOpenSchedules, canOpen }: { vm: XapiRecord<'VM'>; onOpenSchedules: () => void; canOpen: boolean }) {
  const now = useNow(30_000);
  const schedule = useMirror(
    (index) => {
      const vmss = scheduleOfVm(index, vm);
      if (!vmss) return null;
      return { name: vmss.name_label, enabled: vmss.enabled, when: describeTiming(timingOf(vmss)), type: describeType(vmss.type), keeps: vmss.retained_snapshots, ran: lastRunTime(vmss), outcome: lastRunOutcome(index, vmss) };
    },
    [vm.snapshot_schedule],
  );
  const ran = schedule?.ran ?? null;
  return (
    <div className="snapshots-schedule" role="status" aria-label="Scheduled snapshots">
      {schedule ? (
        <span>
          Scheduled snapshots: <strong>{schedule.name}</strong>
          {schedule.enabled ? '' : ' (disabled)'} — {schedule.when}, {schedule.type.toLowerCase()}, keeps {schedule.keeps}.{' '}
          <span className={schedule.outcome?.failed ? 'schedule-outcome failed' : 'schedule-outcome'} title={schedule.outcome?.body}>
            {ran === null ? 'It has not run yet.' : `Last run ${formatSince(ran / 1000, now) ?? ''} ago${schedule.outcome ? (schedule.outcome.failed ? ', failed' : ', succeeded') : ''}.`}
          </span>
        </span>
      ) : (
        <span>This VM is not on a snapshot schedule.</span>
      )}
      <button type="button" className="link-button" disabled={!canOpen} onClick={onOpenSchedules}>
        Snapshot Schedules…
      </button>
    </div>
  );
}
