import type { Xapi } from 'xen-api';
import type { AvailableUpdate } from '../../shared/api/update-schema.js';
import { packageNeedsReboot } from '../../shared/util/host-updates.js';
import { ApiFailure } from '../api/failure.js';
import { stringInTaskResult, type JobXapi } from '../jobs/job-xapi.js';

/** XCP-ng's updater plugin (xcp-ng-xapi-plugins: /etc/xapi.d/plugins/updater.py). */
export const updaterPlugin = 'updater.py';

/** How often, and how far apart, a call finding the plugin busy is tried again (Xen Orchestra: 10 × 2 s). */
export interface BusyRetry {
  attempts: number;
  delayMs: number;
}

export const defaultBusyRetry: BusyRetry = { attempts: 10, delayMs: 2_000 };

/**
 * The plugin reports every failure as XenAPIPlugin.Failure("-1", [message, details, backtrace]); "busy" is one
 * of them, raised while another operation holds the host's updater lock.
 */
export function isUpdaterBusy(error: unknown): boolean {
  const failure = error as { code?: unknown; params?: unknown };
  return String(failure?.code) === '-1' && Array.isArray(failure.params) && /plugin is busy|already in progress/i.test(String(failure.params[0] ?? ''));
}

/** The plugin's own words (the yum error, say) as an ApiFailure; other errors are left as they are. */
export function updaterFailure(error: unknown, hostName: string): unknown {
  const failure = error as { code?: unknown; params?: unknown };
  if (String(failure?.code) !== '-1' || !Array.isArray(failure.params)) return error;
  const [message = '', details = ''] = failure.params.map(String);
  if (isUpdaterBusy(error)) {
    return new ApiFailure('UPDATER_BUSY', `Server '${hostName}' is busy with another update operation (${message}). Try again when it is done.`, { params: [message] });
  }
  const detail = details.trim().split('\n').slice(-3).join(' ').trim();
  return new ApiFailure('UPDATER_FAILED', `The updater on server '${hostName}' failed: ${message}${detail ? ` — ${detail}` : ''}`, { params: [message, details] });
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls one plugin function, trying again while the plugin is busy; the plugin's answer is a string (JSON). */
export async function callUpdater(client: Xapi, hostRef: string, fn: string, args: Record<string, string>, retry: BusyRetry = defaultBusyRetry): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.call<string>('host.call_plugin', hostRef, updaterPlugin, fn, args);
    } catch (error) {
      if (!isUpdaterBusy(error) || attempt >= retry.attempts) throw error;
      await wait(retry.delayMs);
    }
  }
}

interface CheckUpdateEntry {
  name?: unknown;
  version?: unknown;
  release?: unknown;
  description?: unknown;
  changelog?: { date?: unknown; author?: unknown; description?: unknown } | null;
  url?: unknown;
  size?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** `check_update`'s JSON as updates (older plugins answered `{result: [...]}`); `installed` from query_installed. */
export function parseCheckUpdate(json: string, installed: Readonly<Record<string, string>> = {}): AvailableUpdate[] {
  const parsed = JSON.parse(json) as unknown;
  const list = (Array.isArray(parsed) ? parsed : ((parsed as { result?: unknown })?.result ?? [])) as CheckUpdateEntry[];
  if (!Array.isArray(list)) return [];
  return list.map((entry) => {
    const name = text(entry.name);
    const changelog = entry.changelog ?? null;
    const size = Number(entry.size);
    return {
      id: name,
      name,
      version: `${text(entry.version)}-${text(entry.release)}`,
      installed: installed[name] || null,
      description: changelog?.description ? `${text(entry.description)}\n${text(changelog.description)}`.trim() : text(entry.description),
      size: Number.isFinite(size) && size >= 0 ? size : null,
      date: changelog?.date ? text(changelog.date) : null,
      rebootNeeded: packageNeedsReboot(name),
      guidance: packageNeedsReboot(name) ? ['restartHost'] : [],
      url: text(entry.url) || null,
      severity: null,
    };
  });
}

/** What `check_update` lists for a host, with each package's installed version (one query_installed call). */
export async function listXcpUpdates(client: Xapi, hostRef: string, retry?: BusyRetry): Promise<AvailableUpdate[]> {
  const available = parseCheckUpdate(await callUpdater(client, hostRef, 'check_update', {}, retry));
  if (available.length === 0) return available;
  const installed = JSON.parse(await callUpdater(client, hostRef, 'query_installed', { packages: available.map((update) => update.name).join(',') }, retry)) as Record<string, string>;
  return available.map((update) => ({ ...update, installed: installed[update.name] || null }));
}

/**
 * Runs `update` on one host as a task (its progress on the job), for the named packages or all; returns the
 * plugin's `{stdout, stderr, returncode}`. A busy plugin is waited for; any other plugin failure becomes its own
 * sentence.
 */
export async function runXcpUpdate(xapi: JobXapi, host: { $id: string; name_label: string }, packages: readonly string[], span: readonly [number, number], retry: BusyRetry = defaultBusyRetry): Promise<{ stdout: string; returncode: number }> {
  const args: Record<string, string> = packages.length > 0 ? { packages: packages.join(',') } : {};
  for (let attempt = 1; ; attempt++) {
    try {
      const result = stringInTaskResult(await xapi.task('host.call_plugin', [host.$id, updaterPlugin, 'update', args], span));
      const parsed = JSON.parse(result || '{}') as { stdout?: unknown; stderr?: unknown; returncode?: unknown; exit?: unknown };
      const code = Number(parsed.returncode ?? parsed.exit ?? 0);
      if (code !== 0) throw new ApiFailure('UPDATER_FAILED', `The updater on server '${host.name_label}' failed: ${text(parsed.stderr).trim() || `exit status ${code}`}`, { params: [String(code)] });
      return { stdout: text(parsed.stdout), returncode: code };
    } catch (error) {
      if (isUpdaterBusy(error) && attempt < retry.attempts) {
        await wait(retry.delayMs);
        continue;
      }
      throw updaterFailure(error, host.name_label);
    }
  }
}

/** The packages a yum transcript says were installed or updated, as name-version-release. */
export function packagesInTranscript(stdout: string): string[] {
  const found: string[] = [];
  let section = false;
  for (const line of stdout.split('\n')) {
    if (/^(Updated|Installed|Upgraded):\s*$/.test(line)) {
      section = true;
      continue;
    }
    if (!section) continue;
    const match = /^\s+(\S+?)\.(?:x86_64|noarch|i686)\s+(?:\d+:)?(\S+)/.exec(line);
    if (match) found.push(`${match[1]}-${match[2]}`);
    else if (line.trim() === '' || /^\S/.test(line)) section = /^(Updated|Installed|Upgraded):/.test(line);
  }
  return found;
}
