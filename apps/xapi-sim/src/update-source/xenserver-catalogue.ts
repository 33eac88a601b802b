/**
 * The XenServer updates the update source publishes (like updates.ops.xenserver.com): each with its metadata and
 * package bytes (possibly deliberately corrupted), rendered as `updates.xml` and downloadable zips.
 */
import { randomUUID } from 'node:crypto';
import { buildUpdatePackage, updateMeta, type UpdateMeta } from '../updates/update-package.js';
import { writeZip } from './zip.js';

export interface SourceUpdate { meta: UpdateMeta; zip: Buffer; timestamp: string }

export class XenServerCatalogue {
  readonly updates: SourceUpdate[] = [];

  /** Publishes an update; `corrupt` flips payload bytes after signing (downloads then fail precheck). */
  publish(partial: Partial<UpdateMeta> & { name_label: string }, corrupt = false): SourceUpdate {
    const meta = updateMeta({ uuid: randomUUID(), ...partial });
    const pkg = buildUpdatePackage(meta);
    if (corrupt) pkg.writeUInt8(pkg.readUInt8(Math.floor(pkg.length / 2)) ^ 0xff, Math.floor(pkg.length / 2));
    const u = { meta, zip: writeZip([{ name: `${meta.name_label}.iso`, data: pkg }]), timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    this.updates.push(u);
    return u;
  }

  byName(name: string): SourceUpdate | undefined {
    return this.updates.find((u) => u.meta.name_label === name);
  }

  /** updates.xml in the shape of XenServer's catalogue (patchdata → products / patches). */
  updatesXml(baseUrl: string): string {
    const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const versions = [...new Set(this.updates.flatMap((u) => u.meta.product_versions))];
    const products = versions.map((v) => `      <version build-number="" latest="true" name="XenServer ${esc(v)}" timestamp="" url="" value="${esc(v)}">\n        <minimalpatches/>\n${this.updates.filter((u) => u.meta.product_versions.includes(v)).map((u) => `        <patch uuid="${u.meta.uuid}"/>\n`).join('')}      </version>\n`).join('');
    const patches = this.updates.map((u) => {
      const m = u.meta;
      return `    <patch after-apply-guidance="${esc(m.after_apply_guidance.join(','))}" download-size="${u.zip.length}" installation-size="${m.installation_size}" name-description="${esc(m.name_description)}" name-label="${esc(m.name_label)}" patch-url="${esc(baseUrl)}/xenserver/${esc(m.name_label)}.html" timestamp="${u.timestamp}" url="${esc(baseUrl)}/xenserver/${esc(m.name_label)}.zip" uuid="${m.uuid}" version="${esc(m.version)}">\n      <conflictingpatches>${m.conflicts.map((c) => `<conflictingpatch uuid="${c}"/>`).join('')}</conflictingpatches>\n      <requiredpatches>${m.requires.map((c) => `<requiredpatch uuid="${c}"/>`).join('')}</requiredpatches>\n    </patch>\n`;
    }).join('');
    return `<?xml version="1.0" ?>\n<patchdata>\n  <products>\n    <product latestversion="true" name="XenServer">\n${products}    </product>\n  </products>\n  <patches>\n${patches}  </patches>\n</patchdata>\n`;
  }
}
