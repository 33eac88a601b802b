/** Guest operating systems: template names and the metadata XCP-ng's templates and guest agents report. */

export interface OsInfo {
  /** Template name_label as shipped by XCP-ng 8.3. */
  template: string;
  family: 'linux' | 'windows';
  distro: string;
  /** os_version.name reported by the guest agent. */
  prettyName: string;
  major: string;
  minor: string;
  uname?: string;
  /** Recommended memory (bytes) and disk (bytes) for the template. */
  memoryGiB: number;
  diskGiB: number;
  uefi: boolean;
}

export const OS_CATALOG: readonly OsInfo[] = [
  { template: 'Debian Bookworm 12', family: 'linux', distro: 'debian', prettyName: 'Debian GNU/Linux 12 (bookworm)', major: '12', minor: '7', uname: '6.1.0-25-amd64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'Debian Bullseye 11', family: 'linux', distro: 'debian', prettyName: 'Debian GNU/Linux 11 (bullseye)', major: '11', minor: '11', uname: '5.10.0-32-amd64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'Ubuntu Noble Numbat 24.04', family: 'linux', distro: 'ubuntu', prettyName: 'Ubuntu 24.04.1 LTS', major: '24', minor: '04', uname: '6.8.0-45-generic', memoryGiB: 2, diskGiB: 20, uefi: true },
  { template: 'Ubuntu Jammy Jellyfish 22.04', family: 'linux', distro: 'ubuntu', prettyName: 'Ubuntu 22.04.5 LTS', major: '22', minor: '04', uname: '5.15.0-122-generic', memoryGiB: 2, diskGiB: 20, uefi: false },
  { template: 'CentOS Stream 9', family: 'linux', distro: 'centos', prettyName: 'CentOS Stream release 9', major: '9', minor: '0', uname: '5.14.0-503.el9.x86_64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'Rocky Linux 9', family: 'linux', distro: 'rocky', prettyName: 'Rocky Linux release 9.4 (Blue Onyx)', major: '9', minor: '4', uname: '5.14.0-427.13.1.el9_4.x86_64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'AlmaLinux 9', family: 'linux', distro: 'almalinux', prettyName: 'AlmaLinux release 9.4 (Seafoam Ocelot)', major: '9', minor: '4', uname: '5.14.0-427.13.1.el9_4.x86_64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'Red Hat Enterprise Linux 9', family: 'linux', distro: 'rhel', prettyName: 'Red Hat Enterprise Linux release 9.4 (Plow)', major: '9', minor: '4', uname: '5.14.0-427.13.1.el9_4.x86_64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'SUSE Linux Enterprise Server 15 (64-bit)', family: 'linux', distro: 'sles', prettyName: 'SUSE Linux Enterprise Server 15 SP6', major: '15', minor: '6', uname: '6.4.0-150600.21-default', memoryGiB: 2, diskGiB: 16, uefi: false },
  { template: 'Alpine Linux 3.20', family: 'linux', distro: 'alpine', prettyName: 'Alpine Linux v3.20', major: '3', minor: '20', uname: '6.6.49-0-virt', memoryGiB: 1, diskGiB: 4, uefi: false },
  { template: 'Other install media', family: 'linux', distro: 'linux', prettyName: 'Linux', major: '0', minor: '0', memoryGiB: 1, diskGiB: 8, uefi: false },
  { template: 'Windows Server 2022 (64-bit)', family: 'windows', distro: 'windows', prettyName: 'Microsoft Windows Server 2022 Standard|C:\\Windows|\\Device\\Harddisk0\\Partition2', major: '10', minor: '0', memoryGiB: 4, diskGiB: 64, uefi: true },
  { template: 'Windows Server 2019 (64-bit)', family: 'windows', distro: 'windows', prettyName: 'Microsoft Windows Server 2019 Standard|C:\\Windows|\\Device\\Harddisk0\\Partition2', major: '10', minor: '0', memoryGiB: 4, diskGiB: 64, uefi: false },
  { template: 'Windows Server 2025 (64-bit)', family: 'windows', distro: 'windows', prettyName: 'Microsoft Windows Server 2025 Datacenter|C:\\Windows|\\Device\\Harddisk0\\Partition2', major: '10', minor: '0', memoryGiB: 4, diskGiB: 64, uefi: true },
  { template: 'Windows 11', family: 'windows', distro: 'windows', prettyName: 'Microsoft Windows 11 Pro|C:\\Windows|\\Device\\Harddisk0\\Partition2', major: '10', minor: '0', memoryGiB: 4, diskGiB: 64, uefi: true },
  { template: 'Windows 10 (64-bit)', family: 'windows', distro: 'windows', prettyName: 'Microsoft Windows 10 Pro|C:\\Windows|\\Device\\Harddisk0\\Partition2', major: '10', minor: '0', memoryGiB: 2, diskGiB: 32, uefi: false },
  { template: 'Oracle Linux 9', family: 'linux', distro: 'oracle', prettyName: 'Oracle Linux Server release 9.4', major: '9', minor: '4', uname: '5.15.0-209.161.7.2.el9uek.x86_64', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'Gooroom Platform 2.0', family: 'linux', distro: 'gooroom', prettyName: 'Gooroom Platform 2.0', major: '2', minor: '0', memoryGiB: 1, diskGiB: 10, uefi: false },
  { template: 'NeoKylin Linux Server 7', family: 'linux', distro: 'neokylin', prettyName: 'NeoKylin Linux Server release 7.0', major: '7', minor: '0', memoryGiB: 2, diskGiB: 10, uefi: false },
  { template: 'Scientific Linux 7', family: 'linux', distro: 'scientific', prettyName: 'Scientific Linux release 7.9 (Nitrogen)', major: '7', minor: '9', memoryGiB: 2, diskGiB: 10, uefi: false },
];

/** The OSes VMs are most often built from (by template index), weighted. */
export const LINUX_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 10], [1, 3], [2, 8], [3, 4], [4, 2], [5, 3], [6, 2], [7, 1], [9, 1],
];
export const WINDOWS_WEIGHTS: ReadonlyArray<readonly [number, number]> = [[11, 5], [12, 3], [13, 1], [14, 1]];

/** ISO images in the ISO library SR: file name and size in bytes. */
export const ISO_IMAGES: ReadonlyArray<readonly [string, number]> = [
  ['debian-12.7.0-amd64-netinst.iso', 661_651_456],
  ['debian-12.iso', 3_994_091_520],
  ['ubuntu-24.04.1-live-server-amd64.iso', 2_773_874_688],
  ['ubuntu-24.04.iso', 6_114_656_256],
  ['CentOS-Stream-9-latest-x86_64-dvd1.iso', 11_432_558_592],
  ['Rocky-9.4-x86_64-minimal.iso', 1_829_634_048],
  ['alpine-virt-3.20.3-x86_64.iso', 65_011_712],
  ['SERVER_EVAL_x64FRE_en-us.iso', 5_296_713_728],
  ['Win11_23H2_English_x64.iso', 6_812_706_816],
];

/** Guest tools ISO shipped in the tools SR, per brand. */
export const TOOLS_ISO = { 'XCP-ng': 'guest-tools.iso', XenServer: 'guest-tools.iso' } as const;
