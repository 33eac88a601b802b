/**
 * A Xenith server in a child process, driven over IPC by a test that may kill it (SIGKILL) mid-job: calls come in
 * as {type:'call', id, method, input}, answers and every event go back. The data directory comes from
 * XENITH_DATA_DIR, so a server started afterwards on it finds what this one left.
 */
import { createStreamLogger } from '../../../src/main/logging/logger.js';
import { createSessionSecretStore } from '../../../src/main/secrets/secret-store.js';
import { createServer } from '../../../src/main/server.js';

interface CallMessage {
  type: 'call';
  id: number;
  method: string;
  input: unknown;
}

const dataDir = process.env.XENITH_DATA_DIR;
if (!dataDir || !process.send) throw new Error('run me with fork() and XENITH_DATA_DIR');
const send = (message: unknown): void => void process.send?.(message);

const server = createServer(
  { secrets: createSessionSecretStore(), paths: { dataDir }, logger: createStreamLogger(() => {}), host: { mode: 'serve', version: 'test', electron: null } },
  { retryDelaysMs: [200, 500, 1000] },
);
const client = server.connectClient({
  send(event) {
    send({ type: 'event', event: event.event, payload: event.payload });
    // Accepts new certificates, as a person clicking Accept.
    if (event.event === 'trust.request' && !(event.payload as { changed: boolean }).changed) void client.dispatch('trust.decide', { requestId: (event.payload as { requestId: string }).requestId, accept: true });
  },
  backlogBytes: () => 0,
});
process.on('message', (message: CallMessage) => {
  if (message.type !== 'call') return;
  void client.dispatch(message.method, message.input).then((result) => send({ type: 'result', id: message.id, result }));
});
await server.start();
send({ type: 'ready' });
