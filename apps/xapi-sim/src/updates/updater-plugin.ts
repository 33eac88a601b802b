/**
 * XCP-ng's `updater.py` host plugin (xcp-ng-xapi-plugins): check_update, update, install, query_installed,
 * get_proxies, set_proxies — results are the JSON strings the plugin prints (Python json.dumps spacing).
 * `update`/`install` take simulated time, create and destroy their task "Update host <name> (<uuid>)", apply the
 * packages, and when a kernel/Xen package changed set host.other_config.rpm_patch_installation_time (the key Xen
 * Orchestra compares with other_config.boot_time to show "reboot required").
 */
import { abortableDelay } from '../api/abortable-delay.js';
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { pluginFailure } from './plugin-errors.js';
import { pythonJsonDumps } from './python-json.js';
import { DEFAULT_REPOS, nvra, rpmCatalogue, type PublishedPackage, type RpmPackage } from './rpm-catalogue.js';
import { withOperationLock } from './updater-lock.js';

/** Simulated durations (before time scaling). */
export const UPDATER_DURATIONS = { checkUpdate: 1500, updateBase: 3000, perPackage: 1500 };

type Args = Record<string, string>;

function repoList(args: Args): string[] {
  return [...DEFAULT_REPOS, ...(args.repos ?? '').split(',').map((r) => r.trim()).filter(Boolean)];
}

function packageNames(spec: string | undefined): string[] {
  return (spec ?? '').split(/[\s,]+/).filter(Boolean);
}

/** display_package of updater.py. */
function displayPackage(p: RpmPackage): Record<string, unknown> {
  return { name: p.name, version: p.version, release: p.release, description: p.description, changelog: p.changelog, url: p.url, size: p.size, license: p.license };
}

function yumTranscript(verb: 'update' | 'install', changes: { from?: RpmPackage; to: RpmPackage }[]): string {
  if (changes.length === 0) return `Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\n${verb === 'update' ? 'No packages marked for update' : 'Nothing to do'}\n`;
  const lines = ['Loaded plugins: fastestmirror', 'Loading mirror speeds from cached hostfile', 'Resolving Dependencies', '--> Running transaction check'];
  for (const c of changes) {
    if (c.from) lines.push(`---> Package ${c.from.name}.${c.from.arch} ${c.from.epoch}:${c.from.version}-${c.from.release} will be updated`);
    lines.push(`---> Package ${c.to.name}.${c.to.arch} ${c.to.epoch}:${c.to.version}-${c.to.release} will be ${c.from ? 'an update' : 'installed'}`);
  }
  lines.push('--> Finished Dependency Resolution', '', 'Dependencies Resolved', '', 'Running transaction check', 'Running transaction test', 'Transaction test succeeded', 'Running transaction');
  changes.forEach((c, i) => lines.push(`  ${c.from ? 'Updating' : 'Installing'}   : ${c.to.name}-${c.to.version}-${c.to.release}.${c.to.arch}   ${i + 1}/${changes.length}`));
  lines.push('', changes.some((c) => c.from) ? 'Updated:' : 'Installed:');
  for (const c of changes) lines.push(`  ${c.to.name}.${c.to.arch} ${c.to.epoch}:${c.to.version}-${c.to.release}`);
  lines.push('', 'Complete!', '');
  return lines.join('\n');
}

/** Marks the host as needing a reboot the way XO reads it (boot_time < rpm_patch_installation_time). */
function flagReboot(engine: Engine, hostRef: string): void {
  const host = engine.store.get('host', hostRef);
  const oc = { ...(host.other_config as Record<string, string>) };
  const now = Date.now() / 1000;
  if (!oc.boot_time) oc.boot_time = String(Math.floor(now - 86_400));
  oc.rpm_patch_installation_time = String(now);
  engine.store.update('host', hostRef, { other_config: oc });
}

async function applyPackages(engine: Engine, hostRef: string, verb: 'update' | 'install', args: Args): Promise<string> {
  const catalogue = rpmCatalogue(engine);
  const repos = repoList(args);
  const host = engine.store.get('host', hostRef);
  const task = engine.tasks.create(`Update host ${String(host.name_label)} (${String(host.uuid)})`, '', hostRef);
  try {
    const names = packageNames(args.packages);
    let targets: PublishedPackage[];
    if (verb === 'update') targets = catalogue.updatesFor(hostRef, repos, names.length ? new Set(names) : undefined);
    else {
      if (names.length === 0) pluginFailure('Missing packages argument', 'KeyError');
      const installed = catalogue.installedOn(hostRef);
      targets = [];
      for (const n of names) {
        const p = catalogue.newest(hostRef, n, repos);
        if (!p && !installed.has(n)) pluginFailure(`Error: Nothing to do\nNo package ${n} available.`, 'ProcessException');
        if (p && (!installed.has(n) || catalogue.updatesFor(hostRef, repos, new Set([n])).length > 0)) targets.push(p);
      }
    }
    const command = ['yum', verb, '--disablerepo="*"', `--enablerepo=${repos.join(',')}`, '-y', ...(args.packages ? [args.packages] : [])];
    const steps = 1 + targets.length;
    const total = engine.scaled(UPDATER_DURATIONS.updateBase + UPDATER_DURATIONS.perPackage * targets.length);
    for (let i = 1; i <= steps; i++) {
      await abortableDelay(total / steps, engine.shutdownSignal);
      if (i < steps) engine.tasks.setProgress(task, i / steps);
    }
    const failing = targets.find((p) => catalogue.failing.has(p.name));
    if (failing) {
      const stderr = catalogue.failing.get(failing.name) || `Error: Package: ${nvra(failing)} (xcp-ng-updates)\n           Transaction check error`;
      pluginFailure(`Command '${command.join(' ')}' returned non-zero exit status 1`, 'ProcessException', stderr);
    }
    const installed = catalogue.installedOn(hostRef);
    const changes = targets.map((to) => ({ ...(installed.has(to.name) ? { from: installed.get(to.name)! } : {}), to }));
    for (const p of targets) catalogue.install(hostRef, { name: p.name, epoch: p.epoch, version: p.version, release: p.release, arch: p.arch, description: p.description, changelog: p.changelog, url: p.url, size: p.size, license: p.license });
    if (targets.some((p) => p.requiresReboot)) flagReboot(engine, hostRef);
    engine.tasks.complete(task, '');
    return pythonJsonDumps({ stdout: yumTranscript(verb, changes), stderr: '', command, returncode: 0 });
  } finally {
    if (engine.store.has('task', task)) {
      if (engine.tasks.isPending(task)) engine.tasks.fail(task, new XapiError('INTERNAL_ERROR', ['update failed']));
      engine.store.destroy('task', task);
    }
  }
}

/** Runs one updater.py function on a host; returns the plugin's output string. */
export async function callUpdater(engine: Engine, hostRef: string, fn: string, args: Args): Promise<string> {
  const catalogue = rpmCatalogue(engine);
  switch (fn) {
    case 'check_update':
      return withOperationLock(engine, hostRef, fn, async () => {
        await abortableDelay(engine.scaled(UPDATER_DURATIONS.checkUpdate), engine.shutdownSignal);
        return pythonJsonDumps(catalogue.updatesFor(hostRef, repoList(args)).map(displayPackage));
      });
    case 'update':
    case 'install':
      return withOperationLock(engine, hostRef, fn, () => applyPackages(engine, hostRef, fn, args));
    case 'query_installed': {
      const installed = catalogue.installedOn(hostRef);
      return pythonJsonDumps(Object.fromEntries(packageNames(args.packages).map((n) => [n, installed.has(n) ? nvra(installed.get(n)!) : ''])));
    }
    case 'get_proxies':
      return withOperationLock(engine, hostRef, fn, async () => pythonJsonDumps(catalogue.proxiesOf(hostRef)));
    case 'set_proxies':
      return withOperationLock(engine, hostRef, fn, async () => {
        let proxies: Record<string, string>;
        try {
          proxies = JSON.parse(args.proxies ?? '') as Record<string, string>;
        } catch {
          return pluginFailure(args.proxies === undefined ? "'proxies'" : 'No JSON object could be decoded', args.proxies === undefined ? 'KeyError' : 'ValueError');
        }
        const current = catalogue.proxiesOf(hostRef);
        for (const section of Object.keys(proxies)) if (!(section in current)) pluginFailure(`Can't find section '${section}' in config file`);
        Object.assign(current, proxies);
        return '';
      });
    default:
      throw new XapiError('UNKNOWN_XENAPI_PLUGIN_FUNCTION', [fn]);
  }
}
