import { basename } from 'node:path';
import type { Job } from '../shared/api/job-schema.js';
import { formatBytes } from '../shared/util/format-bytes.js';
import type { ApiClient } from './api-client.js';
import { ExitCode } from './exit-codes.js';
import { startDownload, upload, type FilePlan } from './file-transfer.js';
import { jsonOutput } from './render.js';
import { TransferMeter } from './transfer-meter.js';
import { printFailures, type JobFollower } from './wait-jobs.js';

/**
 * `@=file` after the call answered its one-time link: streams the bytes to or from the file with progress, then
 * follows the jobs to their end (an export's file takes its name only if its job succeeded; a failed one leaves
 * nothing). Exits 0 when the file and every job made it, 1 otherwise, with XAPI's code and sentence on stderr.
 */
export async function moveFile(client: ApiClient, follower: JobFollower, plan: FilePlan, url: string, jobIds: readonly string[], json: boolean): Promise<number> {
  const meter = new TransferMeter(process.stderr.isTTY && !json ? process.stderr : null, basename(plan.path), plan.size);
  let transferError: Error | null = null;
  const download = plan.field.direction === 'download' ? startDownload(client, url, plan, meter) : null;
  if (download) {
    await download.done.catch((error: unknown) => (transferError = error as Error));
  } else {
    await upload(client, url, plan, meter).catch((error: unknown) => (transferError = error as Error));
  }
  meter.end();
  // A refused or broken transfer: the job is told at once rather than waiting for its link to expire.
  if (transferError) for (const jobId of jobIds) await client.call('jobs.cancel', { jobId });
  const jobs = await follower.until(client, jobIds, null);
  const succeeded = transferError === null && jobs.every((job) => job.state === 'succeeded');
  if (download) await (succeeded ? download.keep() : download.discard());
  report(plan, meter.bytes, jobs, json, succeeded);
  // The transfer's own error says more than a job cancelled because of it (or one that succeeded regardless).
  const causedByTransfer = jobs.every((job) => job.state !== 'failed');
  if (transferError && causedByTransfer) process.stderr.write(`${(transferError as { code?: string }).code ?? 'TRANSFER_FAILED'}: ${(transferError as Error).message}\n`);
  return succeeded ? ExitCode.ok : ExitCode.failed;
}

function report(plan: FilePlan, bytes: number, jobs: readonly Job[], json: boolean, succeeded: boolean): void {
  const download = plan.field.direction === 'download';
  if (json) {
    process.stdout.write(jsonOutput({ file: { path: plan.path, direction: download ? 'saved' : 'sent', bytes: succeeded || !download ? bytes : 0 }, jobs }));
  } else {
    for (const job of jobs) process.stdout.write(`${job.state.padEnd(9)}  ${job.title}\n`);
    if (succeeded) process.stdout.write(download ? `Saved ${plan.path} (${formatBytes(bytes)})\n` : `Sent ${plan.path} (${formatBytes(bytes)})\n`);
  }
  printFailures(jobs);
}
