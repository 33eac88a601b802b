import type { PoolSummary } from '../../shared/api/pool-schema.js';
import type { EventBus } from '../events/event-bus.js';
import { cleanUpTransfer } from './transfer-cleanup-run.js';
import type { TransferDeps } from './transfer-deps.js';
import type { TransferRecord } from './transfer-journal.js';

/** Pools often reconnect together (at start-up): one short wait lets one job clean both sides of a transfer. */
const settleMs = 1_000;

/** The task panel's line for a finished clean-up. */
export function cleanedUpTitle(record: Pick<TransferRecord, 'action' | 'vmName'>): string {
  return `Cleaned up after an interrupted ${record.action} of ${record.vmName}`;
}

/**
 * Finishes what interrupted transfers left: at start-up and whenever a pool (re)connects, every journalled
 * transfer that no running job owns is cleaned on its connected pools, as a job the task panel shows
 * ("Cleaned up after an interrupted copy of db-01"). A side whose pool is away is cleaned when it comes back.
 */
export class TransferRecovery {
  readonly #deps: TransferDeps;
  readonly #bus: EventBus;
  readonly #running = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(deps: TransferDeps, bus: EventBus) {
    this.#deps = deps;
    this.#bus = bus;
  }

  /** Reads the journal and starts watching pool connections. */
  async start(): Promise<void> {
    this.#unsubscribe ??= this.#bus.subscribe((event) => {
      if (event.clientId === undefined && event.event === 'pool.status' && (event.payload as PoolSummary).state === 'connected') this.#soon();
    });
    await this.#deps.transfers.journal.load();
    this.#soon();
  }

  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #soon(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#sweep();
    }, settleMs);
    this.#timer.unref?.();
  }

  #connected(poolId: string): boolean {
    return this.#deps.pools.has(poolId) && this.#deps.pools.connection(poolId).client !== null;
  }

  /** Starts a clean-up job for every orphaned transfer that has a connected pool with something to clean. */
  #sweep(): void {
    const { journal, active } = this.#deps.transfers;
    for (const record of journal.list()) {
      if (active.has(record.transferId) || this.#running.has(record.transferId)) continue;
      const sides = (['target', 'source'] as const).filter((side) => !record.cleaned.includes(side));
      const reachable = sides.find((side) => this.#connected(side === 'source' ? record.sourcePoolId : record.targetPoolId));
      if (!reachable) continue;
      this.#recover(record, reachable === 'source' ? record.sourcePoolId : record.targetPoolId);
    }
  }

  #recover(record: TransferRecord, poolId: string): void {
    this.#running.add(record.transferId);
    const title = `Cleaning up after an interrupted ${record.action} of ${record.vmName}`;
    this.#deps.jobs.start({ poolId, title, action: 'transfer.cleanup', objectIds: [], cancellable: false }, async (job) => {
      try {
        const outcome = await cleanUpTransfer(this.#deps, record.transferId);
        if (outcome.error) throw outcome.error;
        this.#deps.transfers.logger.info('cleaned up after an interrupted transfer', { transferId: record.transferId, ...outcome.report, pending: outcome.pending });
        job.setTitle(cleanedUpTitle(record));
      } finally {
        this.#running.delete(record.transferId);
      }
    });
  }
}
