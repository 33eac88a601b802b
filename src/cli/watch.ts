import type { Job } from '../shared/api/job-schema.js';
import type { ObjectsDeltaFrame } from '../shared/api/object-delta-schema.js';
import type { PoolSummary } from '../shared/api/pool-schema.js';
import type { LooseXapiObject } from '../shared/xapi/objects.js';
import type { ApiClient } from './api-client.js';
import type { ParsedArgv } from './argv.js';
import { ExitCode } from './exit-codes.js';
import { subscribeMirror } from './mirror-snapshot.js';
import { cell } from './render.js';
import { openSession } from './session.js';

const short = (value: unknown) => {
  const text = cell(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};
const nameOf = (object: LooseXapiObject | undefined, id: string) => (object ? `${object.$type} ${cell(object.name_label) || id}` : id);

/** A delta frame as lines a person reads: `+` added, `~` changed fields, `-` removed; alerts on their own line. */
function deltaLines(frame: ObjectsDeltaFrame, before: ReadonlyMap<string, LooseXapiObject>): string[] {
  const lines: string[] = [];
  for (const object of frame.added) {
    lines.push(object.$type === 'message' ? `alert  ${cell(object.name)}: ${short(object.body)}` : `+ ${nameOf(object, object.$id)}  ${object.$id}`);
  }
  for (const change of frame.changed) {
    const fields = Object.entries(change.fields).map(([field, value]) => `${field}=${short(value)}`).join(' ');
    lines.push(`~ ${nameOf(before.get(change.$id), change.$id)}  ${fields}`);
  }
  for (const id of frame.removed) lines.push(`- ${nameOf(before.get(id), id)}`);
  return lines;
}

/**
 * `xenith-cli watch [--ndjson]`: what changes, as it changes — object deltas, jobs, pool connections and alerts
 * (new XAPI messages). With --ndjson, one JSON event per line (`{"event","payload"}`; an alert is also its own
 * `{"event":"alert"}` line). Runs until interrupted; exits 1 if the connection drops.
 */
export async function watch(argv: ParsedArgv): Promise<number> {
  const ndjson = argv.options.ndjson || argv.options.json;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const emit = (event: string, payload: unknown, human: () => string[]) => {
    if (ndjson) out(JSON.stringify({ event, payload }));
    else for (const line of human()) out(line);
  };
  const client: ApiClient = await openSession();
  client.on('jobs.changed', (payload) => {
    const { job, removed } = payload as { job: Job; removed: boolean };
    if (!removed) emit('jobs.changed', payload, () => [`job  ${String(Math.round(job.progress * 100)).padStart(3)}% ${job.state.padEnd(9)} ${job.title}${job.error ? `  ${job.error.code}: ${job.error.message}` : ''}`]);
  });
  client.on('pool.status', (payload) => {
    const pool = payload as PoolSummary;
    emit('pool.status', payload, () => [`pool ${pool.label || pool.address}: ${pool.state}${pool.error ? ` (${pool.error.code})` : ''}`]);
  });
  client.on('pool.removed', (payload) => emit('pool.removed', payload, () => [`pool ${(payload as { poolId: string }).poolId}: removed`]));
  await subscribeMirror(client, (frame, before) => {
    if (ndjson) {
      out(JSON.stringify({ event: 'objects.delta', payload: frame }));
      for (const object of frame.added) if (object.$type === 'message') out(JSON.stringify({ event: 'alert', payload: object }));
    } else {
      for (const line of deltaLines(frame, before)) out(line);
    }
  });
  // On stderr, so it says when the stream has started without mixing into --ndjson's lines.
  process.stderr.write('Watching (Ctrl-C to stop)…\n');
  return new Promise((resolve) => {
    let stopping = false;
    process.once('SIGINT', () => {
      stopping = true;
      client.close();
      resolve(ExitCode.ok);
    });
    client.onClose(() => {
      if (stopping) return;
      process.stderr.write('The connection to Xenith closed.\n');
      resolve(ExitCode.failed);
    });
  });
}
