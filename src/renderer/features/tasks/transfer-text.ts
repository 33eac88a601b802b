import type { JobTransfer } from '../../../shared/api/job-schema.js';
import { formatBytes } from '../details/format.js';
import { formatDuration } from './format-duration.js';

const pathNames: Record<JobTransfer['path'], string> = { streaming: 'Streamed through Xenith', 'storage-motion': 'Storage motion' };

/**
 * A transfer job's line under its progress bar: how the VM travels, bytes so far (of about how many), the rate
 * and the time left — "Streamed through Xenith · 1.2 GiB of 4.0 GiB · 85.3 MiB/s · 36 s left".
 */
export function transferText(transfer: JobTransfer, running: boolean): string {
  const parts = [pathNames[transfer.path]];
  if (transfer.bytesDone > 0 || transfer.bytesTotal) {
    parts.push(transfer.bytesTotal ? `${formatBytes(transfer.bytesDone)} of ${formatBytes(transfer.bytesTotal)}` : formatBytes(transfer.bytesDone));
  }
  if (running && transfer.bytesPerSecond !== null) parts.push(`${formatBytes(transfer.bytesPerSecond)}/s`);
  if (running && transfer.etaSeconds !== null) parts.push(`${formatDuration(transfer.etaSeconds * 1000)} left`);
  return parts.join(' · ');
}
