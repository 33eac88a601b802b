import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';
import { poolIdSchema } from '../pool-schema.js';

const networkName = z.string().trim().min(1, 'Enter a name').max(255);
/** MTU in bytes, as XenCenter offers it (standard 1500, jumbo frames up to 9216). */
export const mtuSchema = z.number().int().min(1280, 'The MTU must be at least 1280').max(9216, 'The MTU can be at most 9216');
const ipv4 = z.string().trim().regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, 'Enter an IPv4 address (a.b.c.d)');
const mac = z.string().trim().regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, 'Enter a MAC address as aa:bb:cc:dd:ee:ff');

/** XenCenter's bond modes (lacp: link aggregation, with its hashing algorithm). */
export const bondModeSchema = z.enum(['balance-slb', 'active-backup', 'lacp']);
export type BondMode = z.infer<typeof bondModeSchema>;

/** An interface's IP settings: DHCP, or a static address with netmask, gateway and DNS servers. */
export const ipSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('DHCP') }).strict(),
  z
    .object({
      mode: z.literal('Static'),
      ip: ipv4,
      netmask: ipv4,
      gateway: z.union([ipv4, z.literal('')]),
      dns: z.array(ipv4).max(3),
    })
    .strict(),
]);
export type IpSettings = z.infer<typeof ipSettingsSchema>;

export const networkMethods = {
  'network.create': defineMethod({
    summary: "XenCenter's New Network wizard for an external network (a VLAN on a NIC of every server) or a single-server private one.",
    input: z
      .discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('external'), poolId: poolIdSchema, name: networkName, description: z.string().max(1000), mtu: mtuSchema, autoAdd: z.boolean(),
            /** A NIC (PIF) of any server: the VLAN goes on the NIC with that device on every server. */
            pifId: objectIdSchema,
            vlan: z.number().int().min(0).max(4094),
          })
          .strict(),
        z.object({ kind: z.literal('private'), poolId: poolIdSchema, name: networkName, description: z.string().max(1000), mtu: mtuSchema, autoAdd: z.boolean() }).strict(),
      ]),
    output: startedJobsSchema,
  }),
  'network.createBond': defineMethod({
    summary: 'Bonds the same 2–4 NICs on every server of the pool (the master last); the management interface moves onto the bond, and everything is undone if a server fails.',
    input: z
      .object({
        poolId: poolIdSchema,
        name: networkName.optional(),
        /** NICs (PIFs) of one server, usually the master: the same devices are bonded on every server. */
        pifIds: z.array(objectIdSchema).min(2, 'Choose at least two NICs').max(4, 'A bond has at most four NICs'),
        mode: bondModeSchema,
        hashing: z.enum(['src_mac', 'tcpudp_ports']).optional(),
        mtu: mtuSchema,
        autoAdd: z.boolean(),
      })
      .strict(),
    output: startedJobsSchema,
  }),
  'network.delete': defineMethod({
    summary: 'Removes a network, with its VLANs or bonds on every server.',
    input: z.object({ networkId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'network.setAutoAdd': defineMethod({
    summary: 'Whether new VMs get an interface on this network (XenCenter\'s "Automatically add this network to new virtual machines").',
    input: z.object({ networkId: objectIdSchema, autoAdd: z.boolean() }).strict(),
    output: z.object({}),
  }),
  'host.configureManagement': defineMethod({
    summary: "Moves or readdresses a server's management interface; rolled back when the server does not answer on its new address in time.",
    input: z.object({ pifId: objectIdSchema, ip: ipSettingsSchema, timeoutSeconds: z.number().int().min(5).max(600).optional() }).strict(),
    output: startedJobsSchema,
  }),
  'pif.configureIp': defineMethod({
    summary: 'Gives a NIC an IP address for storage or other traffic (a secondary interface), or takes it away.',
    input: z.object({ pifId: objectIdSchema, ip: z.union([ipSettingsSchema, z.object({ mode: z.literal('None') }).strict()]), purpose: z.string().trim().max(255).optional() }).strict(),
    output: startedJobsSchema,
  }),
  'vif.create': defineMethod({
    summary: "Adds a network interface to a VM (activated if it runs): XenCenter's Add Interface.",
    input: z.object({ vmId: objectIdSchema, networkId: objectIdSchema, mac: mac.optional(), kbps: z.number().int().min(1).max(100_000_000).optional() }).strict(),
    output: startedJobsSchema,
  }),
  'vif.delete': defineMethod({
    summary: 'Removes a network interface from a VM (deactivating it first).',
    input: z.object({ vifId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'vif.setActive': defineMethod({
    summary: 'Activates (plugs) or deactivates (unplugs) a network interface of a running VM.',
    input: z.object({ vifId: objectIdSchema, active: z.boolean() }).strict(),
    output: startedJobsSchema,
  }),
  'vif.edit': defineMethod({
    summary: "Changes a VM interface's network (moved live), MAC (the interface is recreated) or QoS limit (null: none).",
    input: z.object({ vifId: objectIdSchema, networkId: objectIdSchema.optional(), mac: mac.optional(), kbps: z.number().int().min(1).max(100_000_000).nullable().optional() }).strict(),
    output: startedJobsSchema,
  }),
};
