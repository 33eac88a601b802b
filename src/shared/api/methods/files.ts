import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';
import { poolIdSchema } from '../pool-schema.js';

/**
 * An opaque, single-use handle to a file the person chose in the desktop shell's native Save or Open dialog. The
 * renderer never names a path: a path is not a handle, and the server refuses any handle it did not issue.
 */
export const fileHandleSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'Not a file handle: choose the file in the Save or Open dialog');

/** A file's name as the person sees it (no folder). */
const fileNameSchema = z.string().trim().min(1).max(255).refine((name) => !/[/\\\0]/.test(name), 'A file name, not a path');

/** Largest file size the contract carries: JavaScript's exact integers. */
const fileSizeSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Where an export goes: a file chosen in the desktop's Save dialog, or (serve mode) the browser's own download. */
export const fileTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handle'), handle: fileHandleSchema }).strict(),
  z.object({ kind: z.literal('download') }).strict(),
]);
export type FileTarget = z.infer<typeof fileTargetSchema>;

/**
 * Where an import comes from: a file chosen in the desktop's Open dialog, or (serve mode) a file the browser uploads
 * to the one-time URL the call answers. `size` is the browser's File size (null when the uploader cannot say: the
 * upload then carries its own length, or a chunked body for an XVA).
 */
export const fileSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handle'), handle: fileHandleSchema }).strict(),
  z.object({ kind: z.literal('upload'), name: fileNameSchema, size: fileSizeSchema.nullable() }).strict(),
]);
export type FileSource = z.infer<typeof fileSourceSchema>;

/** XAPI's export compression. */
export const exportCompressionSchema = z.enum(['none', 'zstd', 'gzip']);

/** The one-time URL a browser downloads from or uploads to (a path on the serve origin; valid once, for a minute). */
export const transferLinkSchema = z.object({ url: z.string(), expiresAt: z.number() });
export type TransferLink = z.infer<typeof transferLinkSchema>;

/** What can be imported: an XVA (plain, gzip or zstd), an OVA, an OVF with its disk files, or one disk image. */
export const importFormatSchema = z.enum(['xva', 'ova', 'ovf', 'disk']);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** What a file holds, read from its first bytes, for the Import wizard's steps. */
export const importDescriptionSchema = z.object({
  format: importFormatSchema,
  /** How an XVA is compressed (always none for the others). */
  compression: exportCompressionSchema,
  /** The VM's name in the file (a disk image: its file name). */
  name: z.string(),
  description: z.string(),
  /** Null for a disk image (no VM), or when the file did not say within what was read. */
  vm: z.object({ vcpus: z.number(), memoryBytes: z.number(), firmware: z.enum(['bios', 'uefi']) }).nullable(),
  /** The disks, each with the id the Storage step maps. */
  disks: z.array(z.object({ id: z.string(), label: z.string(), capacityBytes: z.number(), format: z.string() })),
  /** The network interfaces, each with the id the Networking step maps and the network it had. */
  nics: z.array(z.object({ id: z.string(), networkName: z.string(), mac: z.string() })),
  /** Files an OVF needs beside it that are not there (the import would fail on them). */
  missingFiles: z.array(z.string()),
});
export type ImportDescription = z.infer<typeof importDescriptionSchema>;

/** A map of ids the description gives (disk, interface) to XAPI refs (SR, network), bounded like every list. */
const idToRef = z
  .record(z.string().min(1).max(200), objectIdSchema)
  .refine((map) => Object.keys(map).length <= 1000, 'Too many entries (at most 1000)');

/** What a call that moves a file answers: its jobs, and in serve mode the one-time URL the browser uses. */
export const fileJobSchema = startedJobsSchema.extend({ link: transferLinkSchema.nullable() });
export type FileJob = z.infer<typeof fileJobSchema>;

export const fileMethods = {
  'file.inspect': defineMethod({
    summary: 'Reads what a file to import holds (format, VM, disks, networks) from its first bytes, for the Import wizard.',
    input: z
      .object({
        /** A handle from the Open dialog (not used up), or (serve mode) the browser's file name, size and first bytes. */
        source: fileSourceSchema,
        /** The file's first bytes, base64, when the browser reads them (at most 1 MiB). */
        head: z.string().max(1_400_000).optional(),
      })
      .strict(),
    output: importDescriptionSchema,
  }),
  'vm.exportFile': defineMethod({
    summary: 'Exports a VM or snapshot to an XVA file, checking every chunk as it streams (a running VM is exported from a temporary snapshot).',
    input: z.object({ vmId: objectIdSchema, compression: exportCompressionSchema, target: fileTargetSchema }).strict(),
    output: fileJobSchema,
  }),
  'vm.importFile': defineMethod({
    summary: 'Imports a VM from an XVA (plain, gzip or zstd), an OVA or an OVF, streamed and verified, into a pool.',
    input: z
      .object({
        poolId: poolIdSchema,
        /** The SR every disk goes to (unless storageMap says otherwise for a disk of an OVF). */
        srId: objectIdSchema,
        /** Disk id (from file.inspect) → SR, for an OVF's disks. */
        storageMap: idToRef.optional(),
        /** Interface id (from file.inspect) → network of the pool; others go to the network of the same name, else the management network. */
        networkMap: idToRef.optional(),
        /** The VM's home server (XenCenter's Home Server). */
        homeHostId: objectIdSchema.optional(),
        source: fileSourceSchema,
        /** Starts the VM once it has arrived and been verified. */
        start: z.boolean().optional(),
      })
      .strict(),
    output: fileJobSchema,
  }),
  'disk.importFile': defineMethod({
    summary: 'Imports one disk image (VHD, VMDK or raw) as a new virtual disk on an SR.',
    input: z.object({ srId: objectIdSchema, source: fileSourceSchema, name: z.string().trim().min(1).max(255).optional() }).strict(),
    output: fileJobSchema,
  }),
};
