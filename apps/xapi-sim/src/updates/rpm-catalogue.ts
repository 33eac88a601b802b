/**
 * XCP-ng hosts' RPM state for the updater plugin: what each host has installed (a baseline per product version),
 * what the repositories publish (per repo, optionally only for some hosts), packages made to fail, and yum proxies.
 * One catalogue per simulated pool; the control port and the update source read and change it.
 */
import type { Engine } from '../api/engine.js';

export interface RpmChangelog { date: string; author: string; description: string }

export interface RpmPackage {
  name: string;
  epoch: string;
  version: string;
  release: string;
  arch: string;
  description: string;
  changelog: RpmChangelog | null;
  url: string;
  size: number;
  license: string;
}

export interface PublishedPackage extends RpmPackage {
  repo: string;
  /** Host refs that see it; empty = every host. */
  hosts: string[];
  /** Installing it changes the kernel or hypervisor (reboot needed); default from the name. */
  requiresReboot: boolean;
}

export const DEFAULT_REPOS = ['xcp-ng-base', 'xcp-ng-updates', 'xcp-ng-linstor'] as const;
export const PROXY_SECTIONS = ['xcp-ng-base', 'xcp-ng-updates', 'xcp-ng-testing', 'xcp-ng-staging', 'xcp-ng-linstor', 'xcp-ng-ci'] as const;

/** Kernel, hypervisor and microcode changes need a host reboot. */
export function needsReboot(name: string): boolean {
  return /^(kernel|xen-hypervisor|xen-dom0-libs|xen-libs|xen-tools|microcode_ctl|linux-firmware)/.test(name);
}

const pkg = (name: string, version: string, release: string, description: string, size: number, license = 'GPLv2'): RpmPackage => ({
  name, epoch: '0', version, release, arch: 'x86_64', description, changelog: null, url: `https://xcp-ng.org/`, size, license,
});

/** What a fresh XCP-ng 8.x host has installed (the packages updates usually touch). */
function baseline(productVersion: string): RpmPackage[] {
  const rel = productVersion.startsWith('8.2') ? 'xcpng8.2' : 'xcpng8.3';
  return [
    pkg('kernel', '4.19.19', `8.0.37.1.${rel}`, 'The Linux kernel', 31_457_280),
    pkg('xen-hypervisor', '4.17.4', `3.${rel}`, 'Xen Hypervisor', 2_097_152),
    pkg('xen-dom0-libs', '4.17.4', `3.${rel}`, 'Xen Hypervisor dom0 libraries', 1_048_576),
    pkg('xen-tools', '4.17.4', `3.${rel}`, 'Xen Hypervisor general tools', 4_194_304),
    pkg('xapi-core', '25.6.0', `1.3.${rel}`, 'The xapi toolstack', 20_971_520, 'LGPL+linking exception'),
    pkg('xapi-xe', '25.6.0', `1.3.${rel}`, 'The xapi CLI', 3_145_728, 'LGPL+linking exception'),
    pkg('sm', '3.2.3', `1.6.${rel}`, 'XCP-ng storage manager', 2_621_440, 'LGPL'),
    pkg('xcp-ng-xapi-plugins', '1.11.0', `1.${rel}`, 'XAPI plugins for XCP-ng', 102_400),
    pkg('qemu', '4.2.1', `5.2.10.${rel}`, 'qemu-dm device model', 9_437_184),
    pkg('openssh', '7.4p1', `23.3.3.${rel}`, 'An open source implementation of SSH protocol version 2', 1_572_864, 'BSD'),
    pkg('xcp-ng-release', productVersion, `1`, 'XCP-ng release file', 40_960),
  ];
}

/** rpm's version comparison (rpmvercmp) on version-release. */
export function compareEvr(a: RpmPackage, b: RpmPackage): number {
  return rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}

function rpmvercmp(a: string, b: string): number {
  const sa = a.match(/\d+|[a-zA-Z]+/g) ?? [];
  const sb = b.match(/\d+|[a-zA-Z]+/g) ?? [];
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const [x, y] = [sa[i]!, sb[i]!];
    const xn = /^\d/.test(x);
    const yn = /^\d/.test(y);
    if (xn !== yn) return xn ? 1 : -1;
    const c = xn ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return Math.sign(c);
  }
  return Math.sign(sa.length - sb.length);
}

/** `name-version-release.arch` as `rpm -q` prints it. */
export const nvra = (p: RpmPackage): string => `${p.name}-${p.version}-${p.release}.${p.arch}`;

export class RpmCatalogue {
  readonly published: PublishedPackage[] = [];
  /** Package name → the error message yum prints when installing it. */
  readonly failing = new Map<string, string>();
  private readonly installed = new Map<string, Map<string, RpmPackage>>();
  private readonly proxies = new Map<string, Record<string, string>>();

  constructor(private readonly engine: Engine) {}

  installedOn(hostRef: string): Map<string, RpmPackage> {
    let m = this.installed.get(hostRef);
    if (!m) {
      const sv = (this.engine.store.row('host', hostRef)?.record.software_version ?? {}) as Record<string, string>;
      m = new Map(baseline(sv.product_version ?? '8.3.0').map((p) => [p.name, p]));
      this.installed.set(hostRef, m);
    }
    return m;
  }

  publish(p: PublishedPackage): void {
    this.published.push(p);
  }

  /** The newest published version of each installed package that is newer than the installed one. */
  updatesFor(hostRef: string, repos: readonly string[], only?: ReadonlySet<string>): PublishedPackage[] {
    const installed = this.installedOn(hostRef);
    const best = new Map<string, PublishedPackage>();
    for (const p of this.published) {
      if (!repos.includes(p.repo) || (p.hosts.length > 0 && !p.hosts.includes(hostRef))) continue;
      if (only && !only.has(p.name)) continue;
      const cur = installed.get(p.name);
      if (!cur || compareEvr(p, cur) <= 0) continue;
      const prev = best.get(p.name);
      if (!prev || compareEvr(p, prev) > 0) best.set(p.name, p);
    }
    return [...best.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Newest published package of that name visible to the host (for `install` of packages not installed yet). */
  newest(hostRef: string, name: string, repos: readonly string[]): PublishedPackage | undefined {
    let best: PublishedPackage | undefined;
    for (const p of this.published) {
      if (p.name !== name || !repos.includes(p.repo) || (p.hosts.length > 0 && !p.hosts.includes(hostRef))) continue;
      if (!best || compareEvr(p, best) > 0) best = p;
    }
    return best;
  }

  install(hostRef: string, p: RpmPackage): void {
    this.installedOn(hostRef).set(p.name, p);
  }

  proxiesOf(hostRef: string): Record<string, string> {
    let p = this.proxies.get(hostRef);
    if (!p) {
      p = Object.fromEntries(PROXY_SECTIONS.map((s) => [s, '_none_']));
      this.proxies.set(hostRef, p);
    }
    return p;
  }
}

const catalogues = new WeakMap<Engine, RpmCatalogue>();

/** The pool's RPM catalogue. */
export function rpmCatalogue(engine: Engine): RpmCatalogue {
  let c = catalogues.get(engine);
  if (!c) {
    c = new RpmCatalogue(engine);
    catalogues.set(engine, c);
  }
  return c;
}
