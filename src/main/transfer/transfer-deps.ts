import type { ActionDeps } from '../actions/action-context.js';
import type { Logger } from '../logging/logger.js';
import type { PinStore } from '../trust/pin-store.js';
import type { TransferJournal } from './transfer-journal.js';

/** What transfers between pools need besides the actions' deps. */
export interface TransferServices {
  journal: TransferJournal;
  /** Verifies the upload's TLS connection to the destination pool, as for every other connection. */
  pins: PinStore;
  logger: Logger;
  /** Transfers this process is running: recovery leaves their journal records to them. */
  active: Set<string>;
  /** How long an import may take to complete once the last byte was sent, before the upload is abandoned. */
  importSettleMs: number;
}

export type TransferDeps = ActionDeps & { transfers: TransferServices };

/** The services with their defaults. */
export function createTransferServices(journal: TransferJournal, pins: PinStore, logger: Logger, options: { importSettleMs?: number } = {}): TransferServices {
  return { journal, pins, logger, active: new Set(), importSettleMs: options.importSettleMs ?? 120_000 };
}
