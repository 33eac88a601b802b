/**
 * What XAPI needs to create or probe an SR at a location the New Storage Repository wizard describes: the driver
 * type, content type, whether it is shared, the device_config, and the passwords — kept apart, because a PBD
 * holds them as XAPI secrets (`<key>_secret` naming the secret's uuid), while a probe passes them as they are.
 */
import type { SrLocation } from '../../shared/api/methods/sr.js';

export interface DriverConfig {
  /** SR.type: nfs, lvmoiscsi, smb, ext, lvm, iso. */
  readonly type: string;
  readonly contentType: 'user' | 'iso';
  readonly shared: boolean;
  /** device_config without passwords. */
  readonly config: Readonly<Record<string, string>>;
  /** device_config key → password (chappassword, password, cifspassword). */
  readonly passwords: Readonly<Record<string, string>>;
}

/** `//server/share`, as the SMB drivers want it, from `\\server\share` or `//server/share`. */
export function smbShare(share: string): string {
  return `//${share.trim().replace(/\\/g, '/').replace(/^\/+/, '').replace(/\/+$/, '')}`;
}

/** Only the keys with a value (device_config never carries empty entries). */
function defined(entries: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export function driverConfig(location: SrLocation): DriverConfig {
  switch (location.type) {
    case 'nfs':
      return { type: 'nfs', contentType: 'user', shared: true, config: defined({ server: location.server, serverpath: location.path, nfsversion: location.version }), passwords: {} };
    case 'iscsi':
      return {
        type: 'lvmoiscsi', contentType: 'user', shared: true,
        config: defined({ target: location.target, port: location.port === undefined ? undefined : String(location.port), targetIQN: location.iqn, SCSIid: location.scsiId, chapuser: location.chapUser }),
        passwords: defined({ chappassword: location.chapUser ? location.chapPassword : undefined }),
      };
    case 'smb':
      return { type: 'smb', contentType: 'user', shared: true, config: defined({ server: smbShare(location.share), username: location.user }), passwords: defined({ password: location.password }) };
    case 'local':
      return { type: location.format, contentType: 'user', shared: false, config: { device: location.device }, passwords: {} };
    case 'iso-nfs':
      return { type: 'iso', contentType: 'iso', shared: true, config: { location: location.location, type: 'nfs_iso' }, passwords: {} };
    case 'iso-smb':
      return { type: 'iso', contentType: 'iso', shared: true, config: defined({ location: smbShare(location.share), type: 'cifs', username: location.user }), passwords: defined({ cifspassword: location.password }) };
  }
}

/** The device_config a probe sends: passwords inline (nothing is kept, so no secret is made). */
export function probeConfig(driver: DriverConfig): Record<string, string> {
  return { ...driver.config, ...driver.passwords };
}

/** Where a located SR's disks sit, as one line for titles and errors ("10.0.10.20:/export/vms"). */
export function describeLocation(location: SrLocation): string {
  switch (location.type) {
    case 'nfs':
      return `${location.server}:${location.path ?? ''}`;
    case 'iscsi':
      return `${location.target}${location.iqn ? ` ${location.iqn}` : ''}`;
    case 'smb':
    case 'iso-smb':
      return smbShare(location.share);
    case 'local':
      return location.device;
    case 'iso-nfs':
      return location.location;
  }
}
