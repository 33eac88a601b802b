/** XAPI's export compression, as the contract names it. */
export type ExportFileCompression = 'none' | 'zstd' | 'gzip';

/**
 * The file name an export proposes: the VM's name, with what file systems refuse replaced, and the extension of
 * the format (`web-01.xva`, `web-01.xva.zst`, `web-01.xva.gz`). The Export dialog shows it; the server names the
 * browser's download with it.
 */
export function exportFileName(vmName: string, compression: ExportFileCompression): string {
  const base = vmName.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim() || 'vm';
  return `${base}.xva${compression === 'gzip' ? '.gz' : compression === 'zstd' ? '.zst' : ''}`;
}
