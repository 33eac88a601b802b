import { memo, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useObjectsStore } from '../../store/objects-store.js';
import { selectPool, usePoolsStore } from '../../store/pools-store.js';
import { describePoolState } from '../pools/pool-state-text.js';
import { powerStateLook } from './power-state.js';
import { emptyBranch, selectTreeStructure, type PoolBranch } from './tree-structure.js';
import { TreeItem } from './tree-item.js';

const noIds: readonly string[] = [];

/** One slice of a pool's branch, compared element by element so unrelated changes do not re-render the row. */
function useBranchIds(poolId: string, pick: (branch: PoolBranch) => readonly string[]): readonly string[] {
  return useObjectsStore(useShallow((state) => pick(selectTreeStructure(state).get(poolId) ?? emptyBranch)));
}

/** Re-renders every second while `active`, for countdowns. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** A pool: its label and connection state, then its hosts and the VMs that run on no host. */
export const PoolItem = memo(function PoolItem({ poolId, firstInTree }: { poolId: string; firstInTree: boolean }) {
  const pool = usePoolsStore(selectPool(poolId));
  const poolObjectId = useObjectsStore((state) => selectTreeStructure(state).get(poolId)?.poolObjectId ?? null);
  const xapiName = useObjectsStore((state) => (poolObjectId ? state.objects.get(poolObjectId)?.name_label : undefined));
  const hostIds = useBranchIds(poolId, (branch) => branch.hostIds);
  const poolVmIds = useBranchIds(poolId, (branch) => branch.poolVmIds);
  const masterId = useObjectsStore((state) => selectTreeStructure(state).get(poolId)?.masterId ?? null);
  const now = useNow(pool?.state === 'reconnecting');
  if (!pool) return null;
  const { text, tone } = describePoolState(pool, now);
  const name = pool.label || (typeof xapiName === 'string' && xapiName) || pool.address;
  const hasChildren = hostIds.length + poolVmIds.length > 0;
  return (
    <TreeItem
      nodeKey={`pool:${poolId}`}
      level={1}
      firstInTree={firstInTree}
      icon={{ glyph: '◆', className: `pool-icon ${tone}` }}
      name={name}
      detail={text}
      detailClassName={`state ${tone}`}
      hasChildren={hasChildren}
      staleChildren={pool.state !== 'connected'}
    >
      {hostIds.map((id) => (
        <HostItem key={id} poolId={poolId} hostId={id} isMaster={id === masterId} />
      ))}
      {poolVmIds.map((id) => (
        <VmItem key={id} vmId={id} level={2} />
      ))}
    </TreeItem>
  );
});

/** A host, marked when it is the pool master, with the VMs resident on it. */
const HostItem = memo(function HostItem({ poolId, hostId, isMaster }: { poolId: string; hostId: string; isMaster: boolean }) {
  const name = useObjectsStore((state) => state.objects.get(hostId)?.name_label);
  const live = useObjectsStore((state) => state.objects.get(hostId)?.enabled !== false);
  const vmIds = useBranchIds(poolId, (branch) => branch.vmIdsByHost.get(hostId) ?? noIds);
  return (
    <TreeItem
      nodeKey={`host:${hostId}`}
      level={2}
      icon={{ glyph: '▤', className: live ? 'host-icon' : 'host-icon disabled' }}
      name={typeof name === 'string' && name !== '' ? name : hostId}
      detail={isMaster ? 'Master' : undefined}
      detailClassName="badge"
      hasChildren={vmIds.length > 0}
    >
      {vmIds.map((id) => (
        <VmItem key={id} vmId={id} level={3} />
      ))}
    </TreeItem>
  );
});

/** A VM with its power-state icon; re-renders only when its own name or power state changes. */
const VmItem = memo(function VmItem({ vmId, level }: { vmId: string; level: number }) {
  const name = useObjectsStore((state) => state.objects.get(vmId)?.name_label);
  const powerState = useObjectsStore((state) => state.objects.get(vmId)?.power_state);
  const look = powerStateLook(powerState);
  return (
    <TreeItem
      nodeKey={`vm:${vmId}`}
      level={level}
      icon={{ glyph: look.glyph, className: look.className, label: look.label }}
      name={typeof name === 'string' && name !== '' ? name : vmId}
    />
  );
});
