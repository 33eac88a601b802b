/**
 * The XenServer updates the update source publishes (like updates.ops.xenserver.com): each with its metadata and
 * package bytes (possibly deliberately corrupted), rendered as `updates.xml` and downloadable zips.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buildUpdatePackage, updateMeta, type UpdateMeta } from '../updates/update-package.js';
import { largeUpdateZip } from './large-update-zip.js';
import { writeZip } from './zip.js';

export interface SourceUpdate {
  meta: UpdateMeta;
  /** Bytes of the zip. */
  size: number;
  /** A new stream of the zip (generated as it is read for large updates). */
  open(): Readable;
  timestamp: string;
}

export class XenServerCatalogue {
  readonly updates: SourceUpdate[] = [];

  /**
   * Publishes an update; `corrupt` flips payload bytes after signing (downloads then fail precheck);
   * `payloadBytes` makes a large package whose zip is generated as it is downloaded (benchmarks).
   */
  publish(partial: Partial<UpdateMeta> & { name_label: string }, corrupt = false, payloadBytes?: number): SourceUpdate {
    const meta = updateMeta({ uuid: randomUUID(), ...partial });
    const timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    let u: SourceUpdate;
    if (payloadBytes !== undefined) {
      const large = largeUpdateZip(meta, payloadBytes);
      u = { meta, size: large.size, open: () => large.open(), timestamp };
    } else {
      const pkg = buildUpdatePackage(meta);
      if (corrupt) pkg.writeUInt8(pkg.readUInt8(Math.floor(pkg.length / 2)) ^ 0xff, Math.floor(pkg.length / 2));
      const zip = writeZip([{ name: `${meta.name_label}.iso`, data: pkg }]);
      u = { meta, size: zip.length, open: () => Readable.from([zip]), timestamp };
    }
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
      return `    <patch after-apply-guidance="${esc(m.after_apply_guidance.join(','))}" download-size="${u.size}" installation-size="${m.installation_size}" name-description="${esc(m.name_description)}" name-label="${esc(m.name_label)}" patch-url="${esc(baseUrl)}/xenserver/${esc(m.name_label)}.html" timestamp="${u.timestamp}" url="${esc(baseUrl)}/xenserver/${esc(m.name_label)}.zip" uuid="${m.uuid}" version="${esc(m.version)}">\n      <conflictingpatches>${m.conflicts.map((c) => `<conflictingpatch uuid="${c}"/>`).join('')}</conflictingpatches>\n      <requiredpatches>${m.requires.map((c) => `<requiredpatch uuid="${c}"/>`).join('')}</requiredpatches>\n    </patch>\n`;
    }).join('');
    return `<?xml version="1.0" ?>\n<patchdata>\n  <products>\n    <product latestversion="true" name="XenServer">\n${products}    </product>\n  </products>\n  <patches>\n${patches}  </patches>\n</patchdata>\n`;
  }
}
