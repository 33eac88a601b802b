import { useBridge } from '../../app/bridge-context.js';
import { useNow } from '../../app/use-now.js';
import type { CommandId } from '../../../shared/ui/menu-model.js';
import { commandById, runCommand } from '../../commands/registry.js';
import { currentCommandSelection } from '../../commands/use-command-selection.js';
import { selectPool, usePoolsStore } from '../../store/pools-store.js';
import { describePoolState } from './pool-state-text.js';
import './pool-connection-panel.css';

/**
 * What the details pane shows for a pool that is not connected (XenCenter's disconnected server page): its name,
 * address and state (with why the last attempt failed), and Connect — the same command as the menus.
 */
export function PoolConnectionPanel({ poolId }: { poolId: string }) {
  const bridge = useBridge();
  const pool = usePoolsStore(selectPool(poolId));
  const now = useNow(pool?.state === 'reconnecting');
  if (!pool) return null;
  const { text, tone } = describePoolState(pool, now);
  const run = (id: CommandId) => runCommand(commandById(id), { bridge, selection: currentCommandSelection() });
  const canConnect = pool.state === 'disconnected' || pool.state === 'error';
  return (
    <div className="details-pane pool-connection-panel">
      <header className="details-header">
        <span className={`subject-icon pool-icon ${tone}`} aria-hidden="true">
          ◆
        </span>
        <h1 className="subject-title">{pool.label || pool.address}</h1>
        <span className="details-kind">Pool</span>
      </header>
      <dl className="pool-connection-facts">
        <dt>State</dt>
        <dd data-testid="pool-connection-state" className={`tone-${tone}`}>
          {pool.state === 'error' ? 'Connection failed' : text}
        </dd>
        {pool.state === 'error' && pool.error && (
          <>
            <dt>Why</dt>
            <dd>
              {pool.error.message} <code>{pool.error.code}</code>
            </dd>
          </>
        )}
        <dt>Address</dt>
        <dd>{pool.address}</dd>
        <dt>User</dt>
        <dd>{pool.user}</dd>
      </dl>
      <p className="pool-connection-hint">
        {canConnect ? 'Xenith does not show this pool’s servers and VMs until it is connected.' : 'Xenith shows the pool’s servers and VMs once it is connected.'}
      </p>
      <div className="pool-connection-buttons">
        {canConnect && (
          <button type="button" className="primary" onClick={() => run('pool.connect')}>
            Connect
          </button>
        )}
        <button type="button" onClick={() => run('pool.reconnectAs')}>
          Reconnect As…
        </button>
      </div>
    </div>
  );
}
