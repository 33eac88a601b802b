/** Realistic names for generated pools, hosts and VMs. */
import type { Prng } from './prng.js';

export const POOL_NAMES = ['Production', 'DC1 pool', 'Lab', 'Staging pool', 'Edge cluster', 'Rack A', 'Main pool'] as const;

const HOST_PREFIXES = { 'XCP-ng': 'xcp-ng', XenServer: 'xenserver' } as const;

/** Host name like `xcp-ng-03`; `site` varies per seed so two pools do not look alike. */
export function hostName(brand: keyof typeof HOST_PREFIXES, site: string, index: number): string {
  return `${HOST_PREFIXES[brand]}-${site}${String(index + 1).padStart(2, '0')}`;
}

export const SITES = ['', 'par-', 'fra-', 'lon-', 'ams-', 'nyc-', 'dc1-'] as const;

/** Roles VMs are named after, with how often each appears and a one-line description. */
const ROLES: ReadonlyArray<readonly [string, number, string]> = [
  ['web', 10, 'Front-end web server'],
  ['app', 8, 'Application server'],
  ['api', 6, 'Public API backend'],
  ['db', 5, 'Database server'],
  ['cache', 3, 'Redis cache'],
  ['build-runner', 4, 'CI build runner'],
  ['k8s-node', 6, 'Kubernetes worker node'],
  ['k8s-master', 1, 'Kubernetes control plane'],
  ['mail', 1, 'Mail relay'],
  ['dns', 2, 'Internal DNS resolver'],
  ['ldap', 1, 'Directory server'],
  ['monitor', 2, 'Monitoring (Prometheus, Grafana)'],
  ['log', 2, 'Log collector'],
  ['proxy', 3, 'Reverse proxy'],
  ['backup', 1, 'Backup target'],
  ['vpn', 1, 'VPN gateway'],
  ['git', 1, 'Git server'],
  ['kafka', 2, 'Kafka broker'],
  ['elastic', 2, 'Elasticsearch node'],
  ['win-build', 2, 'Windows build agent'],
  ['dc', 1, 'Active Directory domain controller'],
  ['sql', 2, 'SQL Server'],
  ['rdp-gw', 1, 'Remote desktop gateway'],
  ['file', 1, 'File server'],
];

const WINDOWS_ROLES: ReadonlySet<string> = new Set(['win-build', 'dc', 'sql', 'rdp-gw', 'file']);

/** Produces unique VM names (`web-01`, `db-primary`, `build-runner-3`…) in a seed-determined order. */
export class VmNamer {
  private readonly counts = new Map<string, number>();

  constructor(private readonly rng: Prng) {}

  next(): { name: string; role: string; description: string; windows: boolean } {
    const [role, , description] = this.rng.weighted(ROLES.map((r) => [r, r[1]] as const));
    const n = (this.counts.get(role) ?? 0) + 1;
    this.counts.set(role, n);
    let name: string;
    if (role === 'db' && n <= 2) name = n === 1 ? 'db-primary' : 'db-replica';
    else if (role === 'build-runner' || role === 'k8s-node') name = `${role}-${n}`;
    else name = `${role}-${String(n).padStart(2, '0')}`;
    return { name, role, description, windows: WINDOWS_ROLES.has(role) };
  }
}

export const SNAPSHOT_NAMES = ['before-upgrade', 'pre-patch', 'nightly', 'known-good', 'before-migration'] as const;

export const TAG_CHOICES = ['production', 'staging', 'backup', 'critical', 'team-web', 'team-data', 'legacy', 'pci'] as const;
