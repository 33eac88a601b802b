/** SM (storage manager driver) records for the SR types a generated pool uses. */
import type { SeedBuilder } from './seed-builder.js';

export type SrKind = 'ext' | 'lvm' | 'nfs' | 'lvmoiscsi' | 'iso' | 'udev';

const VHD_CAPS = [
  'SR_PROBE', 'SR_UPDATE', 'VDI_CREATE', 'VDI_DELETE', 'VDI_ATTACH', 'VDI_DETACH', 'VDI_ACTIVATE', 'VDI_DEACTIVATE',
  'VDI_CLONE', 'VDI_SNAPSHOT', 'VDI_RESIZE', 'VDI_MIRROR', 'VDI_GENERATE_CONFIG', 'VDI_UPDATE', 'VDI_CONFIG_CBT',
];

const DRIVERS: Record<SrKind, { label: string; description: string; file: string; caps: string[]; configuration: Record<string, string> }> = {
  ext: {
    label: 'Local EXT3 VHD',
    description: 'SR plugin which represents disks as VHD files stored on a local EXT3 filesystem, created inside an LVM volume',
    file: '/opt/xensource/sm/EXTSR',
    caps: [...VHD_CAPS, 'THIN_PROVISIONING', 'SR_SUPPORTS_LOCAL_CACHING', 'VDI_READ_CACHING', 'VDI_RESET_ON_BOOT/2'],
    configuration: { device: 'local device path (required) (e.g. /dev/sda3)' },
  },
  lvm: {
    label: 'Local LVM',
    description: 'SR plugin which represents disks as VHD objects on Logical Volumes within a locally-attached Volume Group',
    file: '/opt/xensource/sm/LVMSR',
    caps: [...VHD_CAPS, 'SR_TRIM', 'VDI_RESET_ON_BOOT/2'],
    configuration: { device: 'local device path (required) (e.g. /dev/sda3)' },
  },
  nfs: {
    label: 'NFS VHD',
    description: 'SR plugin which stores disks as VHD files on a remote NFS filesystem',
    file: '/opt/xensource/sm/NFSSR',
    caps: [...VHD_CAPS, 'THIN_PROVISIONING', 'SR_SUPPORTS_LOCAL_CACHING', 'VDI_READ_CACHING', 'VDI_RESET_ON_BOOT/2'],
    configuration: { server: 'hostname or IP address', serverpath: 'path on remote server', nfsversion: 'NFSv3 or NFSv4' },
  },
  lvmoiscsi: {
    label: 'LVM over iSCSI',
    description: 'SR plugin which represents disks as Logical Volumes within a Volume Group created on an iSCSI LUN',
    file: '/opt/xensource/sm/LVMoISCSISR',
    caps: [...VHD_CAPS, 'SR_METADATA', 'SR_TRIM', 'VDI_RESET_ON_BOOT/2'],
    configuration: { target: 'IP address or hostname of the iSCSI target', targetIQN: 'The IQN of the target LUN group', SCSIid: 'The scsi_id of the destination LUN' },
  },
  iso: {
    label: 'ISO',
    description: 'Handles CD images stored as files in iso format',
    file: '/opt/xensource/sm/ISOSR',
    caps: ['VDI_CREATE', 'VDI_DELETE', 'VDI_ATTACH', 'VDI_DETACH', 'SR_SCAN', 'SR_ATTACH', 'SR_DETACH'],
    configuration: { location: 'path to mount (required)', type: 'cifs or nfs_iso' },
  },
  udev: {
    label: 'Removable storage',
    description: 'SR plugin which represents removable devices like CD-ROMs and USB keys as VDIs',
    file: '/opt/xensource/sm/udevSR',
    caps: ['VDI_INTRODUCE', 'VDI_ATTACH', 'VDI_DETACH', 'VDI_UPDATE', 'SR_UPDATE'],
    configuration: { location: 'path to mount (required)' },
  },
};

/** Adds one SM record per driver kind. */
export function addSmDrivers(b: SeedBuilder): void {
  for (const [type, d] of Object.entries(DRIVERS)) {
    const features: Record<string, number> = {};
    for (const cap of d.caps) {
      const [name, version] = cap.split('/');
      features[name!] = Number(version ?? 1);
    }
    b.add('SM', {
      name_label: d.label,
      name_description: d.description,
      type,
      vendor: 'Citrix Systems Inc',
      copyright: '(C) 2008 Citrix Systems Inc',
      version: '1.0',
      required_api_version: '1.0',
      configuration: d.configuration,
      capabilities: d.caps.map((c) => c.split('/')[0]!),
      features,
      driver_filename: d.file,
      required_cluster_stack: [],
      supported_image_formats: type === 'iso' || type === 'udev' ? ['raw'] : ['vhd'],
    });
  }
}
