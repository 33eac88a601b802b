import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';

/** A virtual disk size in bytes: at least 1 MiB, at most 2 TiB less 4 GiB as XAPI's VHD allows (more on other formats). */
export const diskSizeSchema = z.number().int().min(1024 ** 2, 'A disk must be at least 1 MiB').max(64 * 1024 ** 4);
const diskName = z.string().trim().min(1, 'Enter a name').max(255);

export const vdiMethods = {
  'vdi.create': defineMethod({
    summary: 'Creates a virtual disk on an SR, attached to a VM (and activated if it runs) when vmId is given.',
    input: z
      .object({ srId: objectIdSchema, name: diskName, description: z.string().max(1000), size: diskSizeSchema, vmId: objectIdSchema.optional(), readOnly: z.boolean().optional() })
      .strict(),
    output: startedJobsSchema,
  }),
  'vdi.attach': defineMethod({
    summary: 'Attaches an existing virtual disk to a VM (activated if the VM runs).',
    input: z.object({ vmId: objectIdSchema, vdiId: objectIdSchema, readOnly: z.boolean().optional() }).strict(),
    output: startedJobsSchema,
  }),
  'vdi.detach': defineMethod({
    summary: 'Detaches a disk from its VM (deactivating it first if the VM runs); the disk stays on its SR.',
    input: z.object({ vbdId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vdi.delete': defineMethod({
    summary: 'Deletes a virtual disk (detaching it from its VMs first).',
    input: z.object({ vdiId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vdi.edit': defineMethod({
    summary: "Sets a disk's name and description and grows it (online while its VM runs); only the fields given.",
    input: z.object({ vdiId: objectIdSchema, name: diskName.optional(), description: z.string().max(1000).optional(), size: diskSizeSchema.optional() }).strict(),
    output: startedJobsSchema,
  }),
  'vdi.move': defineMethod({
    summary: 'Moves a disk to another SR: live for a running VM, else copied then the original deleted.',
    input: z.object({ vdiId: objectIdSchema, srId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vbd.setActive': defineMethod({
    summary: "Activates (plugs) or deactivates (unplugs) a disk or drive in its running VM.",
    input: z.object({ vbdId: objectIdSchema, active: z.boolean() }).strict(),
    output: startedJobsSchema,
  }),
};
