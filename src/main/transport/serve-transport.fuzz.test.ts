import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { methodNames, methods } from '../../shared/api/contract.js';
import { silentLogger } from '../logging/logger.js';
import { mistypedInput, randomJson } from '../test-support/fuzz-inputs.js';
import { randomFrames, randomHttpRequest, type FuzzTarget } from '../test-support/fuzz-wire.js';
import { SeededRandom } from '../test-support/seeded-random.js';
import { apiUrl, callOn, healthOf, openApiSocket } from '../test-support/serve-client.js';
import { createTestServer } from '../test-support/test-server.js';
import { clientFrame, opcodes, serverFrames, upgradeRequest } from '../test-support/ws-frames.js';
import { startServeTransport, type ServeHandle } from './serve-transport.js';

// XENITH_FUZZ_SEED=<n> replays a run; every failure names its seed and case.
const seed = Number(process.env.XENITH_FUZZ_SEED ?? 20_261_104);
const random = new SeededRandom(seed);
/** How long one case may go without an answer or a close before it is reported as hung (a diagnostic, not a pace). */
const hungAfterMs = 10_000;
const healthCallId = 999_999;

let served: ServeHandle;
let target: FuzzTarget;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  served = await startServeTransport({ server: createTestServer().server, staticDir: '/nonexistent', logger: silentLogger });
  target = served;
});
afterAll(() => served.close());

type Outcome = 'answered' | 'closed';

/**
 * Sends one case's bytes on a fresh connection and resolves when the server has dealt with it: with what `judge`
 * reads in its reply (an answer, or a close frame), or `closed` when it closed the connection. Rejects, naming the
 * case, if neither happens.
 */
function runCase(name: string, bytes: Buffer, judge: (received: Buffer) => Outcome | null, endAfterWrite: boolean): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: served.port });
    let received = Buffer.alloc(0);
    const hung = setTimeout(() => {
      socket.destroy();
      reject(new Error(`seed ${seed}, ${name}: neither an answer nor a close for ${JSON.stringify(bytes.subarray(0, 300).toString('latin1'))}`));
    }, hungAfterMs);
    const settle = (outcome: Outcome) => {
      clearTimeout(hung);
      socket.destroy();
      resolve(outcome);
    };
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const outcome = judge(received);
      if (outcome) settle(outcome);
    });
    socket.on('close', () => settle('closed'));
    socket.once('connect', () => (endAfterWrite ? socket.end(bytes) : socket.write(bytes)));
  });
}

/** Answered once an HTTP answer's head is complete. */
const httpHead = (received: Buffer): Outcome | null =>
  /^HTTP\/1\.[01] \d{3}/.test(received.toString('latin1', 0, 12)) && received.includes('\r\n\r\n') ? 'answered' : null;

/**
 * Reads the server's frames after the handshake: answered once they include the trailing health call's result,
 * closed once they include a close frame (the server then waits for ours, which this client never sends).
 */
function healthResult(received: Buffer): Outcome | null {
  for (const { opcode, payload } of serverFrames(received)) {
    if (opcode === opcodes.close) return 'closed';
    if (opcode === opcodes.text && payload.toString('utf8').includes(`"id":${healthCallId},`)) return 'answered';
  }
  return null;
}

describe(`serve transport fuzz (seed ${seed})`, () => {
  it('answers or cleanly closes every malformed HTTP request and upgrade, and stays up', async () => {
    const outcomes = { answered: 0, closed: 0 };
    for (let i = 0; i < 1000; i++) {
      outcomes[await runCase(`http case ${i}`, randomHttpRequest(random, target), httpHead, true)]++;
      if (i % 250 === 249) expect(await healthOf(served), `seed ${seed}, after http case ${i}`).toBe('ok');
    }
    // Most malformed requests still get a status line; the rest are closed, and none hangs.
    expect(outcomes.answered).toBeGreaterThan(outcomes.closed);
  });

  it('answers or cleanly closes an API socket after every kind of bad frame, and stays up', async () => {
    const outcomes = { answered: 0, closed: 0 };
    const handshake = Buffer.from(upgradeRequest(`/api?token=${served.token}`, `127.0.0.1:${served.port}`), 'latin1');
    const health = clientFrame(opcodes.text, Buffer.from(JSON.stringify({ type: 'call', id: healthCallId, method: 'app.health', input: {} })));
    for (let i = 0; i < 1000; i++) {
      const frames = Array.from({ length: 1 + random.int(3) }, () => randomFrames(random, methodNames));
      outcomes[await runCase(`frame case ${i}`, Buffer.concat([handshake, ...frames, health]), healthResult, false)]++;
      if (i % 250 === 249) expect(await healthOf(served), `seed ${seed}, after frame case ${i}`).toBe('ok');
    }
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.closed).toBeGreaterThan(0);
  });

  it('answers every contract method called with random and mistyped inputs, with an error or an output its schema accepts', async () => {
    const socket: WebSocket = await openApiSocket(apiUrl(served));
    let id = 0;
    for (const method of methodNames) {
      const spec = methods[method];
      for (let i = 0; i < 30; i++) {
        const input = i % 3 === 0 ? randomJson(random) : mistypedInput(random, spec.input);
        const what = `seed ${seed}, ${method}(${JSON.stringify(input)?.slice(0, 300)})`;
        const frame = await callOn(socket, ++id, method, input);
        if (frame.ok) expect(spec.output.safeParse(frame.output).success, what).toBe(true);
        else expect(frame.error, what).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
      }
    }
    socket.close();
    expect(await healthOf(served)).toBe('ok');
  });

  it('is still up at the end, and no input reached Object.prototype', async () => {
    expect(await healthOf(served)).toBe('ok');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});
