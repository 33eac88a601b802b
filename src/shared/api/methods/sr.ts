import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';

/** A server name or address as a storage device_config takes it. */
const serverName = z.string().trim().min(1, 'Enter the server').max(255).regex(/^[^\s,]+$/, 'One server name or address, without spaces');
const path = z.string().trim().min(1).max(1024);
const userName = z.string().max(255);
/** A password as typed: it goes to XAPI (as a secret when kept in a PBD) and nowhere else. */
const password = z.string().max(1024);
const share = z.string().trim().min(3, 'Enter the share, as \\\\server\\share').max(1024).regex(/^(\\\\|\/\/)[^\\/]+[\\/].+/, 'A share is written \\\\server\\share');

/**
 * Where a new SR lives, per kind of storage in XenCenter's New Storage Repository wizard. Fields left out are
 * what discovery finds: an iSCSI location without `iqn` lists the portal's targets, without `scsiId` the LUNs; an
 * NFS one without `path` the server's exports.
 */
export const srLocationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('nfs'), server: serverName, path: path.optional(), version: z.enum(['3', '4', '4.1']).optional() }).strict(),
  z
    .object({
      type: z.literal('iscsi'),
      target: serverName,
      port: z.number().int().min(1).max(65535).optional(),
      iqn: z.string().trim().min(1).max(255).optional(),
      scsiId: z.string().trim().min(1).max(255).optional(),
      chapUser: userName.optional(),
      chapPassword: password.optional(),
    })
    .strict(),
  z.object({ type: z.literal('smb'), share, user: userName.optional(), password: password.optional() }).strict(),
  z.object({ type: z.literal('local'), format: z.enum(['ext', 'lvm']), device: path }).strict(),
  z.object({ type: z.literal('iso-nfs'), location: z.string().trim().min(3).max(1024).regex(/^[^:\s]+:\/.*/, 'Write the location as server:/path') }).strict(),
  z.object({ type: z.literal('iso-smb'), share, user: userName.optional(), password: password.optional() }).strict(),
]);
export type SrLocation = z.infer<typeof srLocationSchema>;
export type SrLocationType = SrLocation['type'];

/** An SR found on the storage: its uuid, and its name and size when the storage says; `srId` when this pool has it. */
const foundSrSchema = z.object({ uuid: z.string(), name: z.string().nullable(), size: z.number().nullable(), srId: objectIdSchema.nullable() });
export type FoundSr = z.infer<typeof foundSrSchema>;

/** What a probe found: the targets of a portal, the LUNs of a target, the exports of an NFS server, or the SRs at a complete location. */
export const srProbeResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('targets'), targets: z.array(z.object({ iqn: z.string(), address: z.string() })) }),
  z.object({ kind: z.literal('luns'), luns: z.array(z.object({ scsiId: z.string(), lunId: z.number(), size: z.number(), vendor: z.string(), serial: z.string() })) }),
  z.object({ kind: z.literal('exports'), exports: z.array(z.object({ path: z.string() })) }),
  z.object({ kind: z.literal('srs'), srs: z.array(foundSrSchema) }),
]);
export type SrProbeResult = z.infer<typeof srProbeResultSchema>;

const srName = z.string().trim().min(1, 'Enter a name').max(255);

export const srMethods = {
  'sr.probe': defineMethod({
    summary: 'Looks at a storage location from a server: the targets, LUNs or exports to choose from, or the SRs already there.',
    input: z.object({ hostId: objectIdSchema, location: srLocationSchema }).strict(),
    output: srProbeResultSchema,
  }),
  'sr.create': defineMethod({
    summary: 'Creates an SR (formatting the location), or reattaches the SR already there (reattachUuid), plugged on every server that shares it.',
    input: z
      .object({
        hostId: objectIdSchema,
        name: srName,
        description: z.string().max(1000),
        location: srLocationSchema,
        reattachUuid: z.string().trim().min(1).max(64).optional(),
      })
      .strict(),
    output: startedJobsSchema,
  }),
  'sr.repair': defineMethod({
    summary: 'Plugs the SR on every server that should see it (creating missing connections), reporting each server that fails.',
    input: z.object({ srId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'sr.detach': defineMethod({
    summary: 'Unplugs the SR from every server (its disks stay).',
    input: z.object({ srId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'sr.forget': defineMethod({
    summary: 'Detaches the SR and removes it from the pool; its data stays on the storage, to be reattached.',
    input: z.object({ srId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'sr.destroy': defineMethod({
    summary: 'Detaches the SR and destroys it with every disk on it; confirmName must be the SR\'s name.',
    input: z.object({ srId: objectIdSchema, confirmName: z.string().max(255) }).strict(),
    output: startedJobsSchema,
  }),
  'sr.setDefault': defineMethod({
    summary: "Makes the SR the pool's default (new disks, suspend images and crash dumps).",
    input: z.object({ srId: objectIdSchema }).strict(),
    output: z.object({}),
  }),
};
