import { z } from 'zod';
import { apiErrorSchema } from './errors.js';
import { poolIdSchema } from './pool-schema.js';

/** An XAPI object reference as the UI names it (the mirror's `$id`). */
export const objectIdSchema = z.string().min(1).max(200);

/** paused: a job that stopped at a step and waits for the person to choose what happens next (its `decisions`). */
export const jobStateSchema = z.enum(['running', 'cancelling', 'paused', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

/** One step of a multi-step job (a rolling pool update), for the task panel's step list. */
export const jobStepSchema = z.object({
  id: z.string(),
  /** What a person reads: "Reboot 'xcp-01'". */
  label: z.string(),
  /** The server the step is about, or null for the pool. */
  hostId: objectIdSchema.nullable(),
  state: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
  /** Epoch milliseconds. */
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Why it failed (XAPI's code and a sentence), or what it left (a VM that stayed elsewhere). */
  error: apiErrorSchema.nullable(),
  note: z.string().nullable(),
});
export type JobStep = z.infer<typeof jobStepSchema>;

/** What a paused job offers: continue where it stopped, run the step again, leave its server out, or give up. */
export const jobDecisionSchema = z.enum(['resume', 'retry', 'skip', 'abort']);
export type JobDecision = z.infer<typeof jobDecisionSchema>;

/** How a VM travels between pools: host to host (XAPI's storage motion) or through Xenith (/export piped into /import). */
export const transferPathSchema = z.enum(['storage-motion', 'streaming']);
export type TransferPath = z.infer<typeof transferPathSchema>;

/** A transfer job's path and throughput, for the task panel. */
export const jobTransferSchema = z.object({
  path: transferPathSchema,
  /** Bytes moved so far: relayed through Xenith when streaming; for storage motion (host to host) estimated from XAPI's progress. */
  bytesDone: z.number().nonnegative(),
  /** Roughly how many bytes the whole transfer moves (the disks' data), or null when unknown. */
  bytesTotal: z.number().nonnegative().nullable(),
  /** Bytes per second over the last few seconds, or null before there is a measure. */
  bytesPerSecond: z.number().nonnegative().nullable(),
  /** Seconds left at the current pace, or null when unknown. */
  etaSeconds: z.number().nonnegative().nullable(),
});
export type JobTransfer = z.infer<typeof jobTransferSchema>;

/**
 * A Xenith job: one user action (start a VM, enter maintenance mode, create a VM…) that may run one or more
 * XAPI tasks. The task panel lists jobs next to the XAPI tasks of other clients.
 */
export const jobSchema = z.object({
  jobId: z.string(),
  poolId: poolIdSchema,
  /** What a person reads in the task panel: "Starting VM 'web-01'". */
  title: z.string(),
  /** The action's name (vm.start, host.enterMaintenance…), for tests and icons. */
  action: z.string(),
  /** The objects the job acts on, for Go To. */
  objectIds: z.array(objectIdSchema),
  state: jobStateSchema,
  /** 0..1 */
  progress: z.number().min(0).max(1),
  /** Epoch milliseconds. */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Set when the job failed: XAPI's code and the sentence for it. */
  error: apiErrorSchema.nullable(),
  /** The XAPI task the job waits on now (so the panel does not list it twice). */
  taskRefs: z.array(z.string()),
  cancellable: z.boolean(),
  /** What the job made (the new VM of a clone, copy or the New VM wizard), to select it. */
  resultObjectId: objectIdSchema.nullable(),
  /** Set on jobs that move a VM between pools (vm.copyToPool, vm.migrateToPool). */
  transfer: jobTransferSchema.nullable().optional(),
  /** Multi-step jobs (a rolling pool update): every step and where it stands. */
  steps: z.array(jobStepSchema).optional(),
  /** While paused: what the person may choose (`updates.decide`). */
  decisions: z.array(jobDecisionSchema).optional(),
  /** While paused or when finished: why it stopped, or what it says about how it went (servers skipped…). */
  notes: z.array(z.string()).optional(),
});
export type Job = z.infer<typeof jobSchema>;

/** What every action call returns: the jobs it started (progress and outcome come as `jobs.changed`). */
export const startedJobsSchema = z.object({ jobIds: z.array(z.string()) });
