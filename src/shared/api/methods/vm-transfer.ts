import { z } from 'zod';
import { defineMethod } from '../define.js';
import { apiErrorSchema } from '../errors.js';
import { objectIdSchema, startedJobsSchema, transferPathSchema } from '../job-schema.js';
import { poolIdSchema } from '../pool-schema.js';

/** A map of XAPI refs to XAPI refs (VDI → SR, VIF → network), bounded like every other list of the contract. */
const refMap = z
  .record(objectIdSchema, objectIdSchema)
  .refine((map) => Object.keys(map).length <= 1000, 'Too many entries (at most 1000)');

const vmName = z.string().trim().min(1, 'Enter a name').max(255);

/** XenCenter's cross-pool Migrate wizard: where the VM goes, each disk's SR, each VIF's network, the transfer network. */
export const migrateToPoolInputSchema = z
  .object({
    vmId: objectIdSchema,
    /** A server of another pool. */
    targetHostId: objectIdSchema,
    /** Every disk (VDI) of the VM → an SR of the destination pool. */
    storageMap: refMap,
    /** Every VIF of the VM → a network of the destination pool. */
    networkMap: refMap,
    /** The destination network the disks travel on (default: the destination server's management network). */
    transferNetworkId: objectIdSchema.optional(),
  })
  .strict();
export type MigrateToPoolInput = z.infer<typeof migrateToPoolInputSchema>;

/** What the precheck says before the person commits: whether it can go, how, and XAPI's reasons when not. */
export const migrationCheckSchema = z.object({
  canMigrate: z.boolean(),
  /** How the VM would travel: storage motion (host to host), streaming through Xenith, or null when it cannot go. */
  path: transferPathSchema.nullable(),
  /** XAPI's refusals (VM.assert_can_migrate and what led to it), each with its code and a sentence. */
  reasons: z.array(apiErrorSchema),
});
export type MigrationCheck = z.infer<typeof migrationCheckSchema>;

export type CopyToPoolInput = z.infer<(typeof vmTransferMethods)['vm.copyToPool']['input']>;

export const vmTransferMethods = {
  'vm.copyToPool': defineMethod({
    summary: "Copies a VM to another connected pool (storage motion when XAPI allows it, else streamed through Xenith).",
    input: z
      .object({
        vmId: objectIdSchema,
        targetPoolId: poolIdSchema,
        /** The destination SR every disk goes to. */
        srId: objectIdSchema,
        /** VIF → destination network; a VIF left out goes to the network of the same name, else the management network. */
        networkMap: refMap.optional(),
        /** The copy's name (default: the VM's own). */
        name: vmName.optional(),
        /** Starts the copy once it has arrived. */
        start: z.boolean().optional(),
        /** How a streamed copy travels (XAPI compresses the export, the destination decompresses): for slow links. */
        compression: z.enum(['none', 'gzip', 'zstd']).optional(),
      })
      .strict(),
    output: startedJobsSchema,
  }),
  'vm.migrateToPool': defineMethod({
    summary: "Moves a VM to a server of another pool with its disks (live for a running VM), as XenCenter's cross-pool Migrate.",
    input: migrateToPoolInputSchema,
    output: startedJobsSchema,
  }),
  'vm.migrationCheck': defineMethod({
    summary: 'Asks the pools whether a cross-pool migrate can go (VM.assert_can_migrate), with their reasons when not.',
    input: migrateToPoolInputSchema,
    output: migrationCheckSchema,
  }),
};
