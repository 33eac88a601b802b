import { join } from 'node:path';
import { z } from 'zod';
import { JsonJournal } from '../util/json-journal.js';

/** Which pool of a transfer an object lives on. */
export const transferSideSchema = z.enum(['source', 'target']);
export type TransferSide = z.infer<typeof transferSideSchema>;

/**
 * An object a transfer makes (or is about to make) on a pool, and what it is for. It is written to the journal
 * before the call that creates it, with a name unique to the transfer, so that an object whose ref never reached
 * the journal (the process died during the call) is still found by its name.
 */
export const journalObjectSchema = z.object({
  side: transferSideSchema,
  /**
   * export-task / import-task: the transfer's XAPI tasks; snapshot and clone: the source copies exported from;
   * placeholder: the importing VM; vdi and upload-task: a disk an import creates and the task filling it.
   */
  role: z.enum(['export-task', 'import-task', 'snapshot', 'clone', 'placeholder', 'vdi', 'upload-task']),
  /** The XAPI class: task, VM or VDI. */
  cls: z.enum(['task', 'VM', 'VDI']),
  /** name_label given at creation (placeholders are found by their ref or their import task instead). */
  name: z.string(),
  ref: z.string().nullable(),
});
export type JournalObject = z.infer<typeof journalObjectSchema>;

/** One unfinished transfer: enough to remove everything it left on both pools after a crash. Refs, uuids and names only. */
export const transferRecordSchema = z.object({
  transferId: z.string(),
  /**
   * copy leaves the source alone; move deletes it once the copy is verified; export writes a file from the source
   * pool, import reads one into the target pool (both sides are then the same pool).
   */
  action: z.enum(['copy', 'move', 'export', 'import']),
  /** The VM's name, for the task panel ("Cleaned up after an interrupted copy of db-01"). */
  vmName: z.string(),
  startedAt: z.string(),
  /** The last step started (for logs and diagnosis). */
  step: z.string(),
  sourcePoolId: z.string(),
  targetPoolId: z.string(),
  sourceVmRef: z.string(),
  /** What to remove if the transfer does not finish. */
  objects: z.array(journalObjectSchema),
  /** Set once a move's copy is verified and renamed: the source VM (and its disks) must go. */
  deleteSource: z.boolean().default(false),
  /** Sides already cleaned after an interruption (the other pool was not connected yet). */
  cleaned: z.array(transferSideSchema).default([]),
  /** An export's file while it is written under its temporary name (removed if the export does not finish). */
  tempFile: z.string().nullable().optional(),
});
export type TransferRecord = z.infer<typeof transferRecordSchema>;

/**
 * transfers.json in the data directory: every transfer that has not finished, written (atomically) before each
 * object is created on a pool and as each step starts. A transfer leaves the file when it ends, whichever way;
 * what is left at start-up belongs to transfers the process did not live to finish.
 */
export class TransferJournal {
  readonly path: string;
  readonly #journal: JsonJournal<TransferRecord>;

  constructor(dataDir: string) {
    this.#journal = new JsonJournal({ path: join(dataDir, 'transfers.json'), collection: 'transfers', schema: transferRecordSchema, idOf: (record) => record.transferId });
    this.path = this.#journal.path;
  }

  /** Reads the file once; records already added in memory are kept. A missing or unreadable file reads as empty. */
  load(): Promise<void> {
    return this.#journal.load();
  }

  list(): TransferRecord[] {
    return this.#journal.list();
  }

  get(transferId: string): TransferRecord | undefined {
    return this.#journal.get(transferId);
  }

  /** Records a new transfer (before it creates anything). */
  begin(record: TransferRecord): Promise<void> {
    return this.#journal.put(record);
  }

  /** Changes a transfer's record and writes the file; resolves once it is on disk. */
  update(transferId: string, change: (record: TransferRecord) => TransferRecord): Promise<void> {
    return this.#journal.update(transferId, change);
  }

  /** Adds an object about to be created (ref unknown yet, or known when the creation returns it first). */
  addObject(transferId: string, object: JournalObject): Promise<void> {
    return this.update(transferId, (record) => ({ ...record, objects: [...record.objects, object] }));
  }

  /** Sets the ref of the object of `role` on `side`, once its creation returned it. */
  setObjectRef(transferId: string, side: TransferSide, role: JournalObject['role'], ref: string): Promise<void> {
    return this.update(transferId, (record) => ({
      ...record,
      objects: record.objects.map((object) => (object.side === side && object.role === role ? { ...object, ref } : object)),
    }));
  }

  /** Sets the ref of the object called `name` on `side` (for roles a transfer has several of: disks, their uploads). */
  setObjectRefByName(transferId: string, side: TransferSide, name: string, ref: string): Promise<void> {
    return this.update(transferId, (record) => ({
      ...record,
      objects: record.objects.map((object) => (object.side === side && object.name === name ? { ...object, ref } : object)),
    }));
  }

  /** Forgets an object that is gone or that the transfer keeps (the finished copy). */
  dropObject(transferId: string, side: TransferSide, role: JournalObject['role']): Promise<void> {
    return this.update(transferId, (record) => ({ ...record, objects: record.objects.filter((object) => !(object.side === side && object.role === role)) }));
  }

  setStep(transferId: string, step: string): Promise<void> {
    return this.update(transferId, (record) => ({ ...record, step }));
  }

  /** The transfer is over (finished, or everything it made is removed). */
  end(transferId: string): Promise<void> {
    return this.#journal.remove(transferId);
  }
}
