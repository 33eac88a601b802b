import type { MethodName } from '../shared/api/contract.js';
import type { ParsedArgv } from './argv.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { moveFile } from './file-call.js';
import { planFile } from './file-transfer.js';
import { buildInput, checkInput } from './params.js';
import { askHidden, isInteractive, readStdinLine } from './prompt.js';
import { humanOutput, jsonOutput } from './render.js';
import { withSession } from './session.js';
import { answerTrustForPoolAdd } from './trust-answer.js';
import { JobFollower, progressBar, reportJobs } from './wait-jobs.js';

/** A method that starts jobs answers `{ jobIds }`. */
function startedJobs(output: unknown): string[] | null {
  const jobIds = (output as { jobIds?: unknown } | null)?.jobIds;
  return Array.isArray(jobIds) && jobIds.every((id) => typeof id === 'string') ? jobIds : null;
}

/** Fills a method's `password` from --password-stdin or a hidden prompt, so it need not be on the command line. */
async function fillPassword(method: MethodName, input: Record<string, unknown>, passwordStdin: boolean): Promise<void> {
  if (method !== 'pool.add' && method !== 'pool.reconnectAs') return;
  if (passwordStdin) {
    if ('password' in input) throw new UsageError('Give the password either as password= or with --password-stdin, not both.');
    input.password = await readStdinLine();
  } else if (!('password' in input) && isInteractive()) {
    input.password = await askHidden(`Password for ${String(input.user ?? 'the pool')}: `);
  }
}

/**
 * `xenith-cli <method> [name=value …]`: reads the parameters by the method's schema and checks them before
 * connecting (a mistake exits 2 and calls nothing), calls, and prints the answer; with --wait, follows the jobs
 * the call started and exits 1 if one of them did not succeed. `@=file` streams a file method's bytes to or from the
 * file, then follows its jobs.
 */
export async function callMethod(method: MethodName, argv: ParsedArgv): Promise<number> {
  const { options } = argv;
  const input = buildInput(method, argv.params);
  await fillPassword(method, input, options.passwordStdin);
  const file = options.file === null ? null : await planFile(method, input, options.file);
  checkInput(method, input);
  return withSession(async (client) => {
    const follower = options.wait || file ? new JobFollower(client) : null;
    if (method === 'pool.add') answerTrustForPoolAdd(client, String(input.address));
    const output = await client.output(method, input);
    const jobIds = startedJobs(output);
    const link = (output as { link?: { url?: unknown } | null } | null)?.link?.url;
    if (file && follower && jobIds && typeof link === 'string') return moveFile(client, follower, file, link, jobIds, options.json);
    if (!follower || !jobIds) {
      process.stdout.write(options.json ? jsonOutput(output) : humanOutput(output));
      return ExitCode.ok;
    }
    const bar = process.stderr.isTTY && !options.json ? progressBar(process.stderr) : null;
    const jobs = await follower.until(client, jobIds, bar ? (current) => bar.draw(current) : null);
    bar?.end();
    return reportJobs(jobs, options.json);
  });
}
