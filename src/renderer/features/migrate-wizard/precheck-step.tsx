import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { MigrationCheck } from '../../../shared/api/methods/vm-transfer.js';
import { useBridge } from '../../app/bridge-context.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { CallError } from '../dialogs/call-error.js';
import { migrateInput, type CrossPoolChoices } from './cross-pool-choices.js';
import type { MigrateStepProps } from './migrate-steps.js';

/** Where the precheck stands: asking the pools, their answer, or a failure to ask. */
export type PrecheckState = { state: 'checking' } | { state: 'done'; check: MigrationCheck } | { state: 'failed'; error: ApiError };

/** Asks the pools (vm.migrationCheck) whenever the choices change while the precheck is wanted. */
export function usePrecheck(choices: CrossPoolChoices, wanted: boolean): PrecheckState {
  const bridge = useBridge();
  const [result, setResult] = useState<PrecheckState>({ state: 'checking' });
  const input = migrateInput(choices);
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    if (!wanted || !key) return;
    let live = true;
    setResult({ state: 'checking' });
    void bridge.call('vm.migrationCheck', JSON.parse(key) as NonNullable<typeof input>).then((answer) => {
      if (!live) return;
      setResult(answer.ok ? { state: 'done', check: answer.output } : { state: 'failed', error: answer.error });
    });
    return () => {
      live = false;
    };
  }, [bridge, key, wanted]);
  return result;
}

function ReasonList({ reasons }: { reasons: readonly ApiError[] }) {
  return (
    <ul className="plain-list precheck-reasons">
      {reasons.map((reason) => (
        <li key={`${reason.code}:${reason.message}`}>
          {reason.message} <code className="error-code">({reason.code})</code>
        </li>
      ))}
    </ul>
  );
}

/** Precheck: XAPI's verdict (VM.assert_can_migrate) before anything moves, with its reasons when it refuses. */
export function PrecheckStep({ precheck }: { precheck: PrecheckState }) {
  switch (precheck.state) {
    case 'checking':
      return (
        <p className="dialog-note" role="status">
          <span className="spinner" aria-hidden="true" /> Asking the pools whether the VM can go…
        </p>
      );
    case 'failed':
      return <CallError error={precheck.error} />;
    case 'done': {
      const { check } = precheck;
      if (!check.canMigrate) {
        return (
          <div role="status">
            <p className="precheck-verdict bad">The VM cannot be migrated with these choices:</p>
            <ReasonList reasons={check.reasons} />
            <p className="dialog-note">Go back and change the destination, storage or networks, or fix the cause on the pools.</p>
          </div>
        );
      }
      if (check.path === 'streaming') {
        return (
          <div role="status">
            <p className="precheck-verdict">The VM can go, streamed through Xenith: the destination refuses storage motion.</p>
            <ReasonList reasons={check.reasons} />
            <p className="dialog-note">Xenith copies the halted VM to the destination and deletes it from its pool once the copy is verified.</p>
          </div>
        );
      }
      return (
        <p className="precheck-verdict ok" role="status">
          The pools accept the migration: the disks go host to host by storage motion.
        </p>
      );
    }
  }
}

/** Finish: what will happen, in one summary. */
export function FinishStep({ mirror, choices, precheck }: Pick<MigrateStepProps, 'mirror' | 'choices'> & { precheck: PrecheckState }) {
  const vm = objectOf(mirror, 'VM', choices.vmId);
  const host = objectOf(mirror, 'host', choices.hostId);
  const pool = usePoolsStore((state) => (host ? state.pools.get(host.$pool) : undefined));
  const srNames = [...new Set(Object.values(choices.storage).map((sr) => nameOf(objectOf(mirror, 'SR', sr))))];
  const path = precheck.state === 'done' && precheck.check.path === 'streaming' ? 'Streamed through Xenith, then the source is deleted' : 'Storage motion (host to host)';
  const rows = [
    ['VM', nameOf(vm)],
    ['Destination', `${nameOf(host)} in ${pool?.label || pool?.address || 'the other pool'}`],
    ['Storage', srNames.join(', ') || 'No disks'],
    ['Transfer network', nameOf(objectOf(mirror, 'network', choices.transferNetworkId))],
    ['How', vm?.power_state === 'Running' ? `${path}; the VM keeps running` : path],
  ] as const;
  return (
    <div>
      <p className="dialog-note">Check the choices, then select Finish to migrate the VM.</p>
      <dl className="summary" aria-label="Summary">
        {rows.map(([label, value]) => (
          <div key={label} className="summary-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
