/** A yum-style listing of an XCP-ng repository (repodata/primary.xml and repomd.xml) from the pool's RPM catalogue. */
import { createHash } from 'node:crypto';
import type { PublishedPackage } from '../updates/rpm-catalogue.js';

const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function primaryXml(packages: PublishedPackage[]): string {
  const body = packages.map((p) => [
    '<package type="rpm">',
    `  <name>${esc(p.name)}</name>`,
    `  <arch>${esc(p.arch)}</arch>`,
    `  <version epoch="${esc(p.epoch)}" ver="${esc(p.version)}" rel="${esc(p.release)}"/>`,
    `  <checksum type="sha256" pkgid="YES">${createHash('sha256').update(`${p.name}-${p.version}-${p.release}`).digest('hex')}</checksum>`,
    `  <summary>${esc(p.description)}</summary>`,
    `  <url>${esc(p.url)}</url>`,
    `  <size package="${p.size}"/>`,
    `  <location href="Packages/${esc(`${p.name}-${p.version}-${p.release}.${p.arch}.rpm`)}"/>`,
    `  <format><rpm:license>${esc(p.license)}</rpm:license></format>`,
    '</package>',
  ].join('\n')).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${packages.length}">\n${body}\n</metadata>\n`;
}

export function repomdXml(primary: string, revision: number): string {
  const sum = createHash('sha256').update(primary).digest('hex');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo">\n  <revision>${revision}</revision>\n  <data type="primary">\n    <checksum type="sha256">${sum}</checksum>\n    <location href="repodata/primary.xml"/>\n    <size>${Buffer.byteLength(primary)}</size>\n  </data>\n</repomd>\n`;
}
