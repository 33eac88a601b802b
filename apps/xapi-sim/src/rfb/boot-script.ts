/**
 * What a console shows: boot messages and the prompt of the guest's OS family (Linux with systemd, Windows
 * Server Core's cmd, or the host's dom0 login), derived from the VM's guest metrics, template or name.
 */
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { OS_CATALOG } from '../scenario/os-catalog.js';

export interface BootLine { text: string; /** Simulated ms after the previous line. */ delayMs: number }

export interface ConsoleProfile {
  kind: 'linux' | 'windows' | 'host';
  hostname: string;
  /** Desktop name (RFB ServerInit). */
  title: string;
  lines: BootLine[];
  /** The prompt shown after boot and after each command or failed login. */
  prompt: string;
  /** Whether the prompt is a login (user name, then password) rather than a shell. */
  login: boolean;
}

const OK = '[\x1b[32m  OK  \x1b[0m]';

/** A host name as a guest would derive it from the VM's name. */
export function guestHostname(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'localhost';
}

interface GuestOs { family: 'linux' | 'windows'; prettyName: string; uname: string }

function guestOs(engine: Engine, vm: Record<string, unknown>): GuestOs {
  const gm = vm.guest_metrics as string;
  const os = gm && gm !== NULL_REF && engine.store.has('VM_guest_metrics', gm) ? ((engine.store.get('VM_guest_metrics', gm).os_version ?? {}) as Record<string, string>) : {};
  const hints = [os.name ?? '', String((vm.other_config as Record<string, string>)?.base_template_name ?? ''), String(vm.reference_label ?? ''), String(vm.name_description ?? ''), String(vm.name_label ?? '')]
    .map((h) => h.split('|')[0]!.trim()).filter(Boolean);
  const entry = OS_CATALOG.find((o) => hints.some((h) => h === o.template || h === o.prettyName.split('|')[0] || h.toLowerCase().includes(o.distro)));
  if (entry) return { family: entry.family, prettyName: entry.prettyName.split('|')[0]!, uname: os.uname || entry.uname || '' };
  // A guest agent that reports a kernel is a real OS report even if the name is unknown to the catalogue.
  if (os.name && os.uname) return { family: /windows/i.test(os.name) ? 'windows' : 'linux', prettyName: os.name.split('|')[0]!, uname: os.uname };
  return /win/i.test(hints.join(' ')) ? { family: 'windows', prettyName: 'Microsoft Windows', uname: '' } : { family: 'linux', prettyName: 'Linux', uname: '6.1.0-25-amd64' };
}

/** The console profile of a VM (or of a host, for a control domain). */
export function consoleProfile(engine: Engine, vmRef: string): ConsoleProfile {
  const vm = engine.store.get('VM', vmRef);
  if (vm.is_control_domain) {
    const host = engine.store.row('host', String(vm.resident_on))?.record ?? {};
    const sv = (host.software_version ?? {}) as Record<string, string>;
    const hostname = String(host.hostname || host.name_label || 'localhost');
    const product = `${sv.product_brand ?? 'XCP-ng'} ${sv.product_version ?? ''}`.trim();
    return {
      kind: 'host', hostname, title: String(vm.name_label), login: true, prompt: `${hostname} login: `,
      lines: [
        { text: `${product} (${hostname})`, delayMs: 0 },
        { text: `Kernel ${sv.linux ?? '4.19.0+1'} on an x86_64`, delayMs: 0 },
        { text: '', delayMs: 0 },
      ],
    };
  }
  const name = String(vm.name_label);
  const hostname = guestHostname(name);
  const os = guestOs(engine, vm);
  if (os.family === 'windows') {
    return {
      kind: 'windows', hostname, title: name, login: false, prompt: 'C:\\Users\\Administrator>',
      lines: [
        { text: 'Booting from Hard Disk...', delayMs: 200 },
        { text: 'Windows Boot Manager', delayMs: 600 },
        { text: 'Starting Windows...', delayMs: 800 },
        { text: '', delayMs: 1200 },
        { text: `${os.prettyName} (${hostname})`, delayMs: 300 },
        { text: 'Microsoft Windows [Version 10.0.20348.2762]', delayMs: 100 },
        { text: '(c) Microsoft Corporation. All rights reserved.', delayMs: 0 },
        { text: '', delayMs: 0 },
      ],
    };
  }
  const uname = os.uname || '6.1.0-25-amd64';
  const kernel = (t: string, line: string): BootLine => ({ text: `[${t.padStart(12)}] ${line}`, delayMs: 120 });
  return {
    kind: 'linux', hostname, title: name, login: true, prompt: `${hostname} login: `,
    lines: [
      { text: 'Booting from Hard Disk...', delayMs: 200 },
      kernel('0.000000', `Linux version ${uname} (${os.prettyName})`),
      kernel('0.000000', `Command line: BOOT_IMAGE=/boot/vmlinuz-${uname} root=/dev/xvda1 ro quiet`),
      kernel('0.000000', 'Hypervisor detected: Xen HVM'),
      kernel('0.412718', 'xen_netfront: Initialising Xen virtual ethernet driver'),
      kernel('0.530981', 'blkfront: xvda: flush diskcache: enabled; persistent grants: enabled; indirect descriptors: enabled;'),
      kernel('1.204455', 'EXT4-fs (xvda1): mounted filesystem with ordered data mode.'),
      { text: `${OK} Started systemd-journald.service - Journal Service.`, delayMs: 250 },
      { text: `${OK} Reached target local-fs.target - Local File Systems.`, delayMs: 150 },
      { text: `${OK} Started networking.service - Raise network interfaces.`, delayMs: 300 },
      { text: `${OK} Reached target network.target - Network.`, delayMs: 100 },
      { text: `${OK} Started xe-linux-distribution.service - Xen guest agent.`, delayMs: 200 },
      { text: `${OK} Started ssh.service - OpenBSD Secure Shell server.`, delayMs: 150 },
      { text: `${OK} Reached target multi-user.target - Multi-User System.`, delayMs: 150 },
      { text: '', delayMs: 100 },
      { text: `${os.prettyName} ${hostname} tty1`, delayMs: 0 },
      { text: '', delayMs: 0 },
    ],
  };
}
