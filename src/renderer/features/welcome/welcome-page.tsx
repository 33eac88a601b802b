import { useShallow } from 'zustand/react/shallow';
import type { PoolSummary } from '../../../shared/api/pool-schema.js';
import { useBridge } from '../../app/bridge-context.js';
import { useNow } from '../../app/use-now.js';
import { commandById, runCommand } from '../../commands/registry.js';
import { callForCommand } from '../../commands/report-failure.js';
import { useCommandSelection } from '../../commands/use-command-selection.js';
import { useAppStore } from '../../store/app-store.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { goTo } from '../details/go-to.js';
import { describePoolState } from '../pools/pool-state-text.js';
import './welcome.css';

/** One known pool: its name and address, its state, and Connect (or Show, once connected). */
function PoolRow({ pool, now }: { pool: PoolSummary; now: number }) {
  const bridge = useBridge();
  const state = describePoolState(pool, now);
  const name = pool.label || pool.address;
  const canConnect = pool.state === 'disconnected' || pool.state === 'error';
  return (
    <li className="welcome-pool">
      <span className="welcome-pool-name">{name}</span>
      <span className="welcome-pool-detail">
        {pool.user}@{pool.address}
      </span>
      <span className={`welcome-pool-state tone-${state.tone}`}>{state.text}</span>
      {canConnect ? (
        <button type="button" className="toolbar-button" aria-label={`Connect ${name}`} onClick={() => void callForCommand(bridge, 'pool.connect', { poolId: pool.poolId })}>
          Connect
        </button>
      ) : (
        <button type="button" className="toolbar-button" aria-label={`Show ${name}`} disabled={pool.state !== 'connected'} onClick={() => goTo(`pool:${pool.poolId}`)}>
          Show
        </button>
      )}
    </li>
  );
}

/**
 * The Welcome page (nothing selected): XenCenter's Add a Server and New VM, and every pool Xenith knows with its
 * state and Connect, so a saved pool is one click away after start-up.
 */
export function WelcomePage() {
  const bridge = useBridge();
  const version = useAppStore((state) => state.version);
  const pools = usePoolsStore(useShallow((state) => [...state.pools.values()]));
  const selection = useCommandSelection();
  const now = useNow(pools.some((pool) => pool.state === 'reconnecting'));
  const newVm = commandById('vm.new');
  const canCreate = newVm.isEnabled(selection);
  return (
    <div className="welcome-page">
      <h1>Welcome to Xenith</h1>
      <p className="welcome-intro">
        Manage your XCP-ng and XenServer pools from one app. {version ? `This is Xenith ${version.version}.` : 'Connecting to the server…'}
      </p>
      <div className="welcome-actions">
        <button type="button" className="welcome-action" onClick={() => useDialogStore.getState().show({ kind: 'addPool' })}>
          <span className="welcome-action-title">Add a Server</span>
          <span className="welcome-action-note">Connect to a pool's master (or any of its servers).</span>
        </button>
        <button type="button" className="welcome-action" disabled={!canCreate} aria-describedby={canCreate ? undefined : 'welcome-new-vm-reason'} onClick={() => runCommand(newVm, { bridge, selection })}>
          <span className="welcome-action-title">New VM</span>
          <span className="welcome-action-note" id={canCreate ? undefined : 'welcome-new-vm-reason'}>
            {canCreate ? 'Create a VM from a template, step by step.' : 'Connect a pool first.'}
          </span>
        </button>
      </div>
      <section className="welcome-pools" aria-labelledby="welcome-pools-title">
        <h2 id="welcome-pools-title">Your pools</h2>
        {pools.length === 0 ? (
          <p className="dialog-note">No pools yet. Add a server to start.</p>
        ) : (
          <ul>
            {pools.map((pool) => (
              <PoolRow key={pool.poolId} pool={pool} now={now} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
