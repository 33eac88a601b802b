import { z } from 'zod';
import { defineMethod } from '../define.js';
import { apiErrorSchema } from '../errors.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';
import { poolIdSchema } from '../pool-schema.js';

/** VM power operations, named as XAPI names them (and as allowed_operations lists them). */
export const vmPowerOperationSchema = z.enum([
  'start',
  'clean_shutdown',
  'clean_reboot',
  'hard_shutdown',
  'hard_reboot',
  'suspend',
  'resume',
  'pause',
  'unpause',
]);
export type VmPowerOperation = z.infer<typeof vmPowerOperationSchema>;

const vmName = z.string().trim().min(1, 'Enter a name').max(255);
const bytes = z.number().int().nonnegative().max(2 ** 53 - 1);

export const vmMethods = {
  'vm.power': defineMethod({
    summary: 'Runs one power operation on one or more VMs (one job each).',
    input: z.object({ vmIds: z.array(objectIdSchema).min(1).max(1000), operation: vmPowerOperationSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vm.startOn': defineMethod({
    summary: 'Starts a halted VM on a chosen server.',
    input: z.object({ vmId: objectIdSchema, hostId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vm.placement': defineMethod({
    summary: "Which servers of the VM's pool can start or take the VM now, and why the others cannot.",
    input: z.object({ vmId: objectIdSchema }).strict(),
    output: z.array(z.object({ hostId: objectIdSchema, canRun: z.boolean(), reason: apiErrorSchema.nullable() })),
  }),
  'vm.migrate': defineMethod({
    summary: 'Live-migrates a running VM to another server of the same pool.',
    input: z.object({ vmId: objectIdSchema, hostId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vm.clone': defineMethod({
    summary: 'Fast clone (copy-on-write disks on the same SRs).',
    input: z.object({ vmId: objectIdSchema, name: vmName }).strict(),
    output: startedJobsSchema,
  }),
  'vm.copy': defineMethod({
    summary: 'Full copy, onto a chosen SR (or each disk on its own SR).',
    input: z.object({ vmId: objectIdSchema, name: vmName, srId: objectIdSchema.nullable() }).strict(),
    output: startedJobsSchema,
  }),
  'vm.delete': defineMethod({
    summary: 'Destroys a halted VM, and the chosen disks (VDIs) and snapshots with it.',
    input: z
      .object({
        vmId: objectIdSchema,
        deleteVdiIds: z.array(objectIdSchema).max(1000),
        deleteSnapshotIds: z.array(objectIdSchema).max(1000),
      })
      .strict(),
    output: startedJobsSchema,
  }),
  'vm.convertToTemplate': defineMethod({
    summary: 'Turns a halted VM into a template.',
    input: z.object({ vmId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vm.create': defineMethod({
    summary: 'The New VM wizard: instantiates a template with the chosen name, media, server, CPU, memory, disks and networks.',
    input: z
      .object({
        poolId: poolIdSchema,
        templateId: objectIdSchema,
        name: vmName,
        description: z.string().max(1000).default(''),
        /** An ISO VDI to insert in the VM's CD drive, or null for none. */
        isoVdiId: objectIdSchema.nullable(),
        /** The home server (VM.affinity), or null to let the pool choose. */
        homeHostId: objectIdSchema.nullable(),
        vcpus: z.number().int().min(1).max(256),
        memory: z
          .object({ staticMax: bytes, dynamicMin: bytes, dynamicMax: bytes })
          .strict()
          .refine((m) => m.dynamicMin <= m.dynamicMax && m.dynamicMax <= m.staticMax, 'Memory must satisfy dynamic min ≤ dynamic max ≤ static max'),
        /** Disks in userdevice order: size and SR of each. */
        disks: z
          .array(z.object({ userdevice: z.string().regex(/^\d{1,2}$/), sizeBytes: bytes.min(1), srId: objectIdSchema, name: z.string().max(255).default('') }).strict())
          .max(16),
        /** VIFs in device order: the network of each. */
        networks: z.array(z.object({ device: z.string().regex(/^\d{1,2}$/), networkId: objectIdSchema }).strict()).max(7),
        start: z.boolean(),
      })
      .strict(),
    output: startedJobsSchema,
  }),
};
