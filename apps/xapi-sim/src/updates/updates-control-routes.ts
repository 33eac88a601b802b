/**
 * Control-port endpoints for patching:
 * - `POST /updates/xcp-ng/publish {name, version, release, repo?, hosts?, description?, size?, changelog?, requiresReboot?}`
 * - `POST /updates/xcp-ng/fail {name, message?, clear?}` — installing that package fails (yum error)
 * - `GET /updates/xcp-ng/hosts/<host>` — installed packages, available updates, current updater operation
 * - `POST /updates/source/start` — starts the update source (once per pool) → `{url}`
 * - `POST /updates/xenserver/publish {name_label, uuid?, version?, after_apply_guidance?, product_versions?, requires?,
 *   conflicts?, livepatch?, corrupt?}` → `{uuid, url}` (the zip on the update source)
 */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { controlTarget, type ControlRoute } from '../rrd/rrd-control-routes.js';
import { startUpdateSource, type UpdateSource } from '../update-source/update-source-server.js';
import type { UpdateMeta } from './update-package.js';
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

export function updatesControlRoutes(engine: Engine): ControlRoute[] {
  const catalogue = rpmCatalogue(engine);
  return [
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
      const { corrupt, ...meta } = b as Partial<UpdateMeta> & { name_label: string; corrupt?: boolean };
      str(meta.name_label, 'name_label');
      const u = src.xenserver.publish(meta, corrupt === true);
      return { uuid: u.meta.uuid, url: `${src.url}/xenserver/${u.meta.name_label}.zip` };
    }],
  ];
}
