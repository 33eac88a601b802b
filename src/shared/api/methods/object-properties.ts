import { z } from 'zod';
import { defineMethod } from '../define.js';
import { alarmSettingsSchema } from './alerts.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';

const tag = z.string().trim().min(1).max(100);
const fieldName = z.string().trim().min(1).max(100);
const vcpuCount = z.number().int().min(1).max(512);
const bytes = z.number().int().nonnegative().max(2 ** 53 - 1);

/** The pages every Properties dialog has: General and Custom Fields. */
const commonChanges = {
  name: z.string().trim().min(1, 'Enter a name').max(255).optional(),
  description: z.string().max(1000).optional(),
  tags: z.array(tag).max(100).optional(),
  /** New custom field definitions for the pool (XenCenter's "Edit Custom Fields"), added before values are set. */
  newCustomFields: z.array(z.object({ name: fieldName, type: z.enum(['String', 'Date']) }).strict()).max(20).optional(),
  /** Values by field name; null (or empty) removes the value. */
  customFields: z
    .record(fieldName, z.string().max(1000).nullable())
    .refine((values) => Object.keys(values).length <= 100, 'At most 100 custom fields at once')
    .optional(),
};

/** Boot order as XAPI's HVM_boot_params["order"] spells it: c (disk), d (DVD drive), n (network), each once. */
const bootOrder = z
  .string()
  .regex(/^[cdn]{1,3}$/, 'Use c (hard disk), d (DVD drive) and n (network)')
  .refine((order) => new Set(order).size === order.length, 'Name each boot device once');

const vmChanges = z
  .object({
    class: z.literal('VM'),
    ...commonChanges,
    /** XenCenter's folder path (other_config["folder"], e.g. "/Web/Front"); null takes the VM out of its folder. */
    folder: z.string().trim().regex(/^\/.{0,498}$/, 'A folder path starts with /').nullable().optional(),
    vcpus: z.object({ max: vcpuCount, atStartup: vcpuCount }).strict().optional(),
    /** platform["cores-per-socket"]. */
    coresPerSocket: vcpuCount.optional(),
    /** VCPUs_params["weight"]: the CPU priority (256 is normal). */
    vcpuWeight: z.number().int().min(1).max(65536).optional(),
    memory: z.object({ staticMin: bytes, dynamicMin: bytes, dynamicMax: bytes, staticMax: bytes }).strict().optional(),
    bootOrder: bootOrder.optional(),
    firmware: z.enum(['bios', 'uefi']).optional(),
    secureBoot: z.boolean().optional(),
    /** The kernel command line of a PV guest (PV_args). */
    pvArgs: z.string().max(2000).optional(),
    /** other_config["auto_poweron"]: start with its server. */
    autoPowerOn: z.boolean().optional(),
    /** The Home Server (affinity); null: none. */
    homeServerId: objectIdSchema.nullable().optional(),
    /** The Alerts page: perfmon alarms (other_config:perfmon); none on removes them. */
    alarms: alarmSettingsSchema.optional(),
  })
  .strict();

/** How a server is powered on remotely (host.power_on_mode); the BMC modes take an address, user and password. */
export const powerOnModeSchema = z.enum(['disabled', 'wake-on-lan', 'iLO', 'DRAC', 'IPMI']);
export type PowerOnMode = z.infer<typeof powerOnModeSchema>;

const hostChanges = z
  .object({
    class: z.literal('host'),
    ...commonChanges,
    /** A remote syslog server (host.logging["syslog_destination"]); null keeps logs on the server only. */
    logDestination: z.string().trim().min(1).max(255).regex(/^[\w.:[\]-]+$/, 'Enter a host name or an IP address').nullable().optional(),
    powerOn: z
      .object({
        mode: powerOnModeSchema,
        address: z.string().trim().max(255).optional(),
        user: z.string().max(255).optional(),
        /** Kept by XAPI as a secret; never logged. Absent: keep the one already set. */
        password: z.string().max(255).optional(),
      })
      .strict()
      .optional(),
    /** The Alerts page: perfmon alarms (other_config:perfmon); none on removes them. */
    alarms: alarmSettingsSchema.optional(),
  })
  .strict();

const poolChanges = z
  .object({
    class: z.literal('pool'),
    ...commonChanges,
    /** The network VMs migrate over (other_config["xo:migrationNetwork"], as Xen Orchestra keeps it); null: the management network. */
    migrationNetworkId: objectIdSchema.nullable().optional(),
  })
  .strict();

const srChanges = z.object({ class: z.literal('SR'), ...commonChanges }).strict();
const networkChanges = z.object({ class: z.literal('network'), ...commonChanges }).strict();

/** What a Properties dialog changes, by the class of the object (only the fields given change). */
export const propertyChangesSchema = z.discriminatedUnion('class', [vmChanges, hostChanges, poolChanges, srChanges, networkChanges]);
export type PropertyChanges = z.infer<typeof propertyChangesSchema>;
export type VmPropertyChanges = z.infer<typeof vmChanges>;
export type HostPropertyChanges = z.infer<typeof hostChanges>;
export type PoolPropertyChanges = z.infer<typeof poolChanges>;

export const objectPropertiesMethods = {
  'objects.setProperties': defineMethod({
    summary: "Applies a Properties dialog's changes to a VM, server, pool, SR or network with XAPI's setters, as one job that reports every failure.",
    input: z.object({ objectId: objectIdSchema, changes: propertyChangesSchema }).strict(),
    output: startedJobsSchema,
  }),
};
