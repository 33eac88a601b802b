/**
 * Sentences for XAPI's storage and networking errors: creating and attaching SRs (the storage drivers' own
 * SR_BACKEND_FAILURE_<n> codes, numbered as SM's XE_SR_ERRORCODES.xml), disks, networks, bonds and IP settings.
 * A driver's discovery details (XML in the last parameter of 96, 101 and 107) are never put in a sentence.
 */
import type { Sentence } from './error-sentences.js';

/** SM's error numbers, with what to do about each (what the wizard or the person can change). */
const backendSentences: Record<number, string> = {
  16: 'The storage device is in use by an SR that is attached. Detach that SR first, or choose another LUN or disk.',
  20: 'The password the storage needs is missing from the pool (its secret is gone). Enter the password again.',
  47: 'The SR is not available on that server: its storage cannot be reached from there, or the SR is not where the server looks. Check the storage and its network, then Repair.',
  68: 'The iSCSI login failed. Check the CHAP user and password, and that the target lets this server in.',
  72: 'The NFS server does not offer that NFS version. Choose another version.',
  73: 'The NFS export could not be mounted. Check the path, and that the server exports it to this server.',
  90: 'Choose the disk (device) for the SR.',
  91: 'That device does not exist on the server. Choose one of its disks.',
  95: 'Enter the iSCSI target address.',
  96: 'Choose an iSCSI target (IQN) on that portal: scan it to list them.',
  101: "Choose one of the NFS server's exports: scan it to list them.",
  102: 'Enter the NFS server.',
  103: 'The NFS path is not valid: it must start with /.',
  105: "That is the server's system disk, which cannot hold an SR. Choose another disk.",
  107: 'Choose a LUN on that target: scan it to list them.',
  108: 'No NFS service answers on that server. Check its name, and that NFS runs there.',
  111: 'The SMB share could not be mounted. Check the share name, the user and the password.',
  115: 'Some storage settings are missing. Fill them in.',
  141: 'The iSCSI target does not answer on that address and port. Check them, and the storage network.',
  142: 'The iSCSI port must be a number from 1 to 65535.',
  220: 'Enter the location of the ISO library.',
  222: 'The ISO library could not be mounted. Check the location, the share and its credentials.',
  225: 'Write the ISO library location as server:/path for NFS, or \\\\server\\share for SMB.',
};

/** SR_BACKEND_FAILURE_<n>: the driver's own words when there is no sentence for the number (never its XML details). */
export const srBackendFailure: (code: string) => Sentence = (code) => ({ params }) => {
  const known = backendSentences[Number(code.slice('SR_BACKEND_FAILURE_'.length))];
  if (known) return known;
  const description = (params[1] ?? '').trim();
  return `The storage reported a failure${description && !description.startsWith('<') ? `: ${description}` : ''}. Check the storage and try again.`;
};

export const storageNetworkSentences: Record<string, Sentence> = {
  SR_UNKNOWN_DRIVER: ({ params }) => `The servers have no storage driver for SR type ${params[0] || 'that'}.`,
  SR_HAS_PBD: () => 'The SR is still attached to a server. Detach it first.',
  SR_NOT_EMPTY: () => 'VMs still use disks on this SR. Delete or move those disks first.',
  SR_UUID_EXISTS: () => 'That SR is already in this pool.',
  SR_INDESTRUCTIBLE: () => 'This SR is marked indestructible (other_config), so it cannot be destroyed.',
  SR_DEVICE_IN_USE: () => 'A device under the SR is in use by the server. Stop what uses it first.',
  PBD_EXISTS: () => 'The SR is already connected to that server.',
  VDI_NEEDS_VM_FOR_MIGRATE: () => 'Only a disk in use by a running VM moves live. Shut the VM down to copy the disk instead.',
  VDI_READONLY: () => 'The disk is read-only, so this is not possible.',
  DEVICE_ALREADY_ATTACHED: () => 'It is already active.',
  DEVICE_ALREADY_DETACHED: () => 'It is already inactive.',
  DEVICE_DETACH_REJECTED: () => 'The VM refused to let it go (the guest still uses it). Stop using it in the guest, or shut the VM down.',
  VBD_NOT_UNPLUGGABLE: () => 'This disk cannot be deactivated while the VM runs. Shut the VM down first.',
  VLAN_TAG_INVALID: ({ params }) => `The VLAN tag ${params[0] ?? ''} is not valid: it must be from 0 to 4094.`,
  VLAN_IN_USE: ({ params }) => `VLAN ${params[1] ?? ''} is already in use on ${params[0] || 'that NIC'}. Choose another tag.`,
  PIF_VLAN_EXISTS: () => 'That NIC already carries a VLAN with this tag. Choose another tag.',
  PIF_IS_VLAN: () => 'That NIC is itself a VLAN. Choose a physical NIC or a bond.',
  NETWORK_CONTAINS_PIF: () => 'Servers still have interfaces on this network. Remove its VLANs or bonds first.',
  NETWORK_CONTAINS_VIF: () => 'VMs still have active interfaces on this network. Deactivate or remove them first.',
  NETWORK_ALREADY_CONNECTED: () => 'That server already has an interface on this network.',
  CANNOT_DESTROY_SYSTEM_NETWORK: () => 'This is a system network, which cannot be deleted.',
  PIF_ALREADY_BONDED: () => 'That NIC is already in a bond.',
  PIF_BOND_NEEDS_MORE_MEMBERS: () => 'A bond needs at least two NICs.',
  PIF_CANNOT_BOND_CROSS_HOST: () => 'A bond is made of NICs of one server.',
  PIF_BOND_MORE_THAN_ONE_IP: () => "Only one of a bond's NICs may have an IP address. Remove the others' addresses first.",
  MAC_INVALID: ({ params }) => `${params[0] ? `${params[0]} is not` : 'That is not'} a valid MAC address; write it as aa:bb:cc:dd:ee:ff.`,
  CANNOT_PLUG_BOND_SLAVE: () => 'That NIC is a member of a bond. Use the bond instead.',
  PIF_IS_MANAGEMENT_INTERFACE: () => 'That is the management interface. Move management to another interface first.',
  PIF_DOES_NOT_ALLOW_UNPLUG: () => 'That interface is set not to be unplugged (it carries storage or management traffic).',
  PIF_HAS_NO_NETWORK_CONFIGURATION: () => 'That interface has no IP address. Give it one before it becomes the management interface.',
  PIF_NOT_PRESENT: () => 'A server has no interface on that network.',
  PIF_CONFIGURATION_ERROR: ({ params }) => `The server could not configure the interface${params[1] ? `: ${params[1]}` : ''}.`,
  INVALID_IP_ADDRESS_SPECIFIED: ({ params }) => `The ${params[0] || 'address'} given is not a valid IP address.`,
  CLUSTERING_ENABLED: () => 'Clustering is on for this server, which does not allow changing this interface. Disable clustering first.',
};
