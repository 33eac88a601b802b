import { z } from 'zod';
import { defineMethod } from '../define.js';
import { apiErrorSchema } from '../errors.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';

export const hostPowerOperationSchema = z.enum(['reboot', 'shutdown', 'disable', 'enable']);
export type HostPowerOperation = z.infer<typeof hostPowerOperationSchema>;

/** What happens to a server's running VMs before it reboots or shuts down. */
export const hostGuestsChoiceSchema = z.enum(['migrate', 'shutdown']);
export type HostGuestsChoice = z.infer<typeof hostGuestsChoiceSchema>;

export const hostMethods = {
  'host.power': defineMethod({
    summary: 'Reboots, shuts down, disables or enables servers (one job each).',
    input: z
      .object({
        hostIds: z.array(objectIdSchema).min(1).max(100),
        operation: hostPowerOperationSchema,
        /**
         * For reboot and shut down of a server with running VMs, as XenCenter offers: migrate them to other servers
         * first (XAPI's evacuate), or shut them down cleanly first. Without it such a server is refused (HOST_IN_USE).
         */
        guests: hostGuestsChoiceSchema.optional(),
      })
      .strict(),
    output: startedJobsSchema,
  }),
  'pool.designateMaster': defineMethod({
    summary: 'Makes another server of the pool its master (XAPI pool.designate_new_master); Xenith follows it.',
    input: z.object({ hostId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'host.evacuationPlan': defineMethod({
    summary: 'For maintenance mode: the VMs that will move off a server (and where), and the ones that cannot, with why.',
    input: z.object({ hostId: objectIdSchema }).strict(),
    output: z.object({
      moving: z.array(z.object({ vmId: objectIdSchema, toHostId: objectIdSchema.nullable() })),
      blocking: z.array(z.object({ vmId: objectIdSchema, reason: apiErrorSchema })),
    }),
  }),
  'host.enterMaintenance': defineMethod({
    summary: 'Disables a server and migrates its VMs away (XenCenter\'s Enter Maintenance Mode).',
    input: z
      .object({
        hostId: objectIdSchema,
        /** VMs the person shut down or suspended to let the server go (the dialog's fixes), to bring back on exit. */
        stoppedVmIds: z.array(objectIdSchema).max(1000).optional(),
      })
      .strict(),
    output: startedJobsSchema,
  }),
  'host.exitMaintenance': defineMethod({
    summary: 'Enables a server that is in maintenance mode and, when asked, puts back the VMs that left it for maintenance.',
    input: z.object({ hostId: objectIdSchema, restoreVms: z.boolean().optional() }).strict(),
    output: startedJobsSchema,
  }),
};
