import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { useBridge } from '../../app/bridge-context.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { CallError } from './call-error.js';
import { DialogFrame } from './dialog-frame.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { BlockingVmFix } from './blocking-vm-fix.js';
import { afterNewMaster, masterAmong, masterCandidates } from './new-master.js';
import { NewMasterChoice } from './new-master-choice.js';
import { useAppStore } from '../../store/app-store.js';
import { useDialogCall } from './use-dialog-call.js';
import { useMirror } from './use-mirror.js';

type Plan = MethodOutput<'host.evacuationPlan'>;
type PlanState = { state: 'loading' } | { state: 'failed'; error: ApiError } | { state: 'ready'; plan: Plan };

/** Asks the server what evacuating the host would do; `recheck` asks again (after the user moved VMs). */
function useEvacuationPlan(hostId: string): [PlanState, () => void] {
  const bridge = useBridge();
  const [plan, setPlan] = useState<PlanState>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setPlan({ state: 'loading' });
    void bridge.call('host.evacuationPlan', { hostId }).then((result) => {
      if (live) setPlan(result.ok ? { state: 'ready', plan: result.output } : { state: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [bridge, hostId, round]);
  return [plan, useCallback(() => setRound((value) => value + 1), [])];
}

/**
 * Enter Maintenance Mode: the VMs that will migrate off the server (and where, when known) and the ones that
 * cannot, with XAPI's reason. As in XenCenter, the server is not put in maintenance while any VM cannot move.
 */
export function EnterMaintenanceDialog({ hostId, onClose }: { hostId: string; onClose(): void }) {
  const bridge = useBridge();
  const host = useObjectsStore(selectObject(hostId, 'host'));
  const mirror = useMirror();
  const [planState, recheck] = useEvacuationPlan(hostId);
  const { busy, error, call } = useDialogCall();
  // VMs suspended or shut down here, so Exit Maintenance Mode can bring them back.
  const [stopped, setStopped] = useState<readonly string[]>([]);
  const fixed = useCallback((vmId: string) => {
    setStopped((was) => [...was, vmId]);
    recheck();
  }, [recheck]);
  const hostName = nameOf(host);
  const vmName = (id: string) => nameOf(mirror.objects.get(id)) || id;

  const blockedBy =
    planState.state === 'loading'
      ? 'Checking the VMs on this server…'
      : planState.state === 'failed'
        ? 'The evacuation could not be planned'
        : planState.plan.blocking.length > 0
          ? 'Shut down, suspend or move the VMs that cannot be migrated first'
          : null;

  // The pool master: another server can take over first (XenCenter says so and offers it).
  const master = useMemo(() => masterAmong(mirror, [hostId]), [mirror, hostId]);
  const candidates = useMemo(() => (master ? masterCandidates(mirror, master, [hostId]) : []), [mirror, master, hostId]);
  const [newMaster, setNewMaster] = useState<string | null>(() => candidates[0]?.$id ?? null);

  const submit = async () => {
    const input = { hostId, stoppedVmIds: [...stopped] };
    if (master && newMaster) {
      onClose();
      await afterNewMaster(bridge, newMaster, async () => {
        const result = await bridge.call('host.enterMaintenance', input);
        if (!result.ok) useAppStore.getState().setError(result.error);
      });
      return;
    }
    if (await call('host.enterMaintenance', input)) onClose();
  };

  return (
    <DialogFrame
      title="Enter Maintenance Mode"
      intro={`Xenith will migrate the VMs on ${hostName} to other servers of the pool and disable it, so it can be serviced.`}
      className="enter-maintenance-dialog"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Enter Maintenance Mode"
      busyLabel="Entering…"
      busy={busy}
      blockedBy={blockedBy}
      error={error}
    >
      {master && <NewMasterChoice master={master} candidates={candidates} value={newMaster} onChange={setNewMaster} disabled={busy} what="is in maintenance mode" />}
      {planState.state === 'loading' && (
        <p className="dialog-note" role="status">
          <span className="spinner" aria-hidden="true" /> Checking where the VMs on {hostName} can go…
        </p>
      )}
      {planState.state === 'failed' && <CallError error={planState.error} />}
      {planState.state === 'ready' && (
        <>
          <section aria-label="VMs that will be migrated" className="plan-section">
            <h3>VMs that will be migrated</h3>
            {planState.plan.moving.length === 0 ? (
              <p className="dialog-note">No running VM needs to move.</p>
            ) : (
              <ul className="plan-list">
                {planState.plan.moving.map((move) => (
                  <li key={move.vmId}>
                    <span className="choice-name">{vmName(move.vmId)}</span>
                    <span className="choice-detail">→ {move.toHostId ? nameOf(mirror.objects.get(move.toHostId)) || move.toHostId : 'another server'}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {planState.plan.blocking.length > 0 && (
            <section aria-label="VMs that cannot be migrated" className="plan-section blocking">
              <h3>VMs that cannot be migrated</h3>
              <ul className="plan-list">
                {planState.plan.blocking.map((block) => {
                  const vm = objectOf(mirror, 'VM', block.vmId);
                  return (
                    <li key={block.vmId}>
                      <span className="choice-name">{vmName(block.vmId)}</span>
                      {vm && <BlockingVmFix vm={vm} disabled={busy} onFixed={fixed} />}
                      <span className="choice-detail error">
                        {block.reason.message} <code className="error-code">({block.reason.code})</code>
                      </span>
                    </li>
                  );
                })}
              </ul>
              <button type="button" className="small-button" onClick={recheck} disabled={busy}>
                Check Again
              </button>
            </section>
          )}
        </>
      )}
    </DialogFrame>
  );
}
