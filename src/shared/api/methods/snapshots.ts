import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';

const snapshotName = z.string().trim().min(1, 'Enter a name').max(255);

/** The name XenCenter gives the console screenshot blob it stores on a snapshot (VM.blobs key). */
export const snapshotScreenshotBlobName = 'XenCenter.VNCSnapshot';

export const snapshotMethods = {
  'vm.snapshot': defineMethod({
    summary: 'Takes a snapshot of a VM: disks only, quiesced, or disks and memory; a running VM\'s console screen is kept with it.',
    input: z
      .object({
        vmId: objectIdSchema,
        name: snapshotName,
        description: z.string().max(1000).default(''),
        /** Disks and memory (VM.checkpoint): reverting resumes the VM where it was. Running VMs only. */
        memory: z.boolean(),
        /** Quiesce the guest's disks first (VM.snapshot_with_quiesce, Windows guests with VSS). Not with memory. */
        quiesce: z.boolean().default(false),
      })
      .strict()
      .refine((input) => !(input.memory && input.quiesce), { message: 'A snapshot with memory cannot also be quiesced', path: ['quiesce'] }),
    output: startedJobsSchema,
  }),
  'snapshot.revert': defineMethod({
    summary: 'Reverts a VM to one of its snapshots, optionally snapshotting the current state first, then restores the saved power state.',
    input: z.object({ snapshotId: objectIdSchema, takeSnapshotFirst: z.boolean().default(false) }).strict(),
    output: startedJobsSchema,
  }),
  'snapshot.delete': defineMethod({
    summary: 'Deletes snapshots with their disks and memory images (one job each); the snapshot tree closes over them.',
    input: z.object({ snapshotIds: z.array(objectIdSchema).min(1).max(1000) }).strict(),
    output: startedJobsSchema,
  }),
  'snapshot.newVm': defineMethod({
    summary: 'Makes a new VM (or template) from a snapshot: a fast clone of its disks; the new object is the job\'s result.',
    input: z.object({ snapshotId: objectIdSchema, name: snapshotName, asTemplate: z.boolean().default(false) }).strict(),
    output: startedJobsSchema,
  }),
  'snapshot.thumbnail': defineMethod({
    summary: 'The console screenshot stored with a snapshot (PNG from Xenith, JPEG from XenCenter), base64; null when it has none.',
    input: z.object({ snapshotId: objectIdSchema }).strict(),
    output: z.object({ image: z.object({ mimeType: z.enum(['image/png', 'image/jpeg']), base64: z.string() }).nullable() }),
  }),
};
