/**
 * Control-port endpoints for patching:
 * - `POST /updates/xcp-ng/publish {name, version, release, repo?, hosts?, description?, size?, changelog?, requiresReboot?}`
 * - `POST /updates/xcp-ng/fail {name, message?, clear?}` — installing that package fails (yum error)
 * - `GET /updates/xcp-ng/hosts/<host>` — installed packages, available updates, current updater operation
 * - `POST /updates/source/start` — starts the update source (once per pool) → `{url}`
 * - `POST /updates/xenserver/publish {name_label, uuid?, version?, after_apply_guidance?, product_versions?, requires?,
 *   conflicts?, livepatch?, corrupt?, payloadBytes?}` → `{uuid, url}` (the zip on the update source; `payloadBytes`: a
 *   large package generated as it is downloaded)
 * - `POST /updates/cdn/publish {id?, title?, summary?, description?, type?, severity?, guidance?: {mandatory?,
 *   recommended?, full?}, rpms?, hosts?}` → `{id}`: an update on XenServer 8.4's CDN (the pool sees it after
 *   pool.sync_updates)
 * - `GET /updates/cdn/hosts/<host>` → `{applied, pending}` (ids)
 */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { controlTarget, type ControlRoute } from '../rrd/rrd-control-routes.js';
import { startUpdateSource, type UpdateSource } from '../update-source/update-source-server.js';
import type { UpdateMeta } from './update-package.js';
import { CDN_GUIDANCES, cdnCatalogue, type CdnGuidance, type CdnUpdate } from './cdn-catalogue.js';
import { needsReboot, nvra, rpmCatalogue } from './rpm-catalogue.js';
import { currentOperation } from './updater-lock.js';

const sources = new WeakMap<Engine, Promise<UpdateSource>>();

/** The pool's update source, started on first use and stopped with the pool. */
export function updateSourceOf(engine: Engine): Promise<UpdateSource> {
  let s = sources.get(engine);
  if (!s) {
    s = startUpdateSource(engine);
    sources.set(engine, s);
    void s.then((src) => engine.shutdownSignal.addEventListener('abort', () => void src.stop()));
  }
  return s;
}

const str = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || !v) throw new XapiError('FIELD_TYPE_ERROR', [field]);
  return v;
};

const guidanceList = (v: unknown, field: string): CdnGuidance[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((g) => !(CDN_GUIDANCES as readonly unknown[]).includes(g))) throw new XapiError('FIELD_TYPE_ERROR', [field]);
  return v as CdnGuidance[];
};

/** A CDN update from the control port's body (defaults: a bugfix that needs a host reboot). */
function cdnUpdateFrom(engine: Engine, b: Record<string, unknown>): CdnUpdate {
  const n = cdnCatalogue(engine).published.length + 1;
  const id = typeof b.id === 'string' && b.id ? b.id : `XS84-${String(n).padStart(4, '0')}`;
  const g = (b.guidance ?? { mandatory: ['RebootHost'] }) as Record<string, unknown>;
  const issued = new Date().toISOString().replace(/[-]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    id, title: String(b.title ?? `Update ${id}`), summary: String(b.summary ?? `Hotfix ${id}`), description: String(b.description ?? ''),
    URL: String(b.URL ?? 'None'), type: (['security', 'bugfix', 'enhancement'].includes(String(b.type)) ? b.type : 'bugfix') as CdnUpdate['type'],
    severity: (['High', 'Medium', 'Low', 'None'].includes(String(b.severity)) ? b.severity : 'None') as CdnUpdate['severity'], issued,
    guidance: { mandatory: guidanceList(g.mandatory, 'guidance.mandatory'), recommended: guidanceList(g.recommended, 'guidance.recommended'), full: guidanceList(g.full, 'guidance.full') },
    rpms: ((b.rpms ?? [`xapi-core-25.${n}.0-1.xs8.x86_64`]) as unknown[]).map(String),
    hosts: ((b.hosts ?? []) as unknown[]).map((h) => controlTarget(engine, 'host', String(h))),
  };
}

export function updatesControlRoutes(engine: Engine): ControlRoute[] {
  const catalogue = rpmCatalogue(engine);
  return [
    ['POST', /^\/updates\/cdn\/publish$/, (_p, b) => {
      const update = cdnUpdateFrom(engine, b);
      cdnCatalogue(engine).publish(update);
      return { id: update.id };
    }],
    ['GET', /^\/updates\/cdn\/hosts\/([^/]+)$/, ([id]) => {
      const host = controlTarget(engine, 'host', id!);
      const cdn = cdnCatalogue(engine);
      return { applied: [...cdn.appliedOn(host)], pending: cdn.pendingFor(host).map((u) => u.id) };
    }],
    ['POST', /^\/updates\/xcp-ng\/publish$/, (_p, b) => {
      const name = str(b.name, 'name');
      const p = {
        name, epoch: String(b.epoch ?? '0'), version: str(b.version, 'version'), release: str(b.release, 'release'), arch: String(b.arch ?? 'x86_64'),
        description: String(b.description ?? `${name} update`), changelog: (b.changelog ?? null) as { date: string; author: string; description: string } | null,
        url: String(b.url ?? 'https://xcp-ng.org/'), size: Number(b.size ?? 1_048_576), license: String(b.license ?? 'GPLv2'),
        repo: String(b.repo ?? 'xcp-ng-updates'), hosts: ((b.hosts ?? []) as unknown[]).map((h) => controlTarget(engine, 'host', String(h))),
        requiresReboot: b.requiresReboot === undefined ? needsReboot(name) : b.requiresReboot === true,
      };
      catalogue.publish(p);
      return { published: nvra(p), repo: p.repo, hosts: p.hosts, requiresReboot: p.requiresReboot };
    }],
    ['POST', /^\/updates\/xcp-ng\/fail$/, (_p, b) => {
      const name = str(b.name, 'name');
      if (b.clear === true) catalogue.failing.delete(name);
      else catalogue.failing.set(name, String(b.message ?? ''));
      return { failing: [...catalogue.failing.keys()] };
    }],
    ['GET', /^\/updates\/xcp-ng\/hosts\/([^/]+)$/, ([id]) => {
      const host = controlTarget(engine, 'host', id!);
      return {
        installed: [...catalogue.installedOn(host).values()].map(nvra),
        available: catalogue.updatesFor(host, [...new Set(catalogue.published.map((p) => p.repo))]).map(nvra),
        operation: currentOperation(engine, host) ?? null,
      };
    }],
    ['POST', /^\/updates\/source\/start$/, async () => ({ url: (await updateSourceOf(engine)).url })],
    ['POST', /^\/updates\/xenserver\/publish$/, async (_p, b) => {
      const src = await updateSourceOf(engine);
      const { corrupt, payloadBytes, ...meta } = b as Partial<UpdateMeta> & { name_label: string; corrupt?: boolean; payloadBytes?: number };
      str(meta.name_label, 'name_label');
      if (payloadBytes !== undefined && (typeof payloadBytes !== 'number' || !(payloadBytes > 0))) throw new XapiError('FIELD_TYPE_ERROR', ['payloadBytes']);
      const u = src.xenserver.publish(meta, corrupt === true, payloadBytes);
      return { uuid: u.meta.uuid, url: `${src.url}/xenserver/${u.meta.name_label}.zip` };
    }],
  ];
}
