// Plain JavaScript: worker threads here do not load TypeScript. A browser-like object-stream client for benchmarks, in its own thread as the renderer is in its own process:
// it keeps the objects it receives and reports sizes, latencies and bytes to the benchmark.
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

const objects = new Map();
const latencies = [];
let measureLatency = false;
let countBytes = false;
let deltaBytes = 0;
let changedEntries = 0;
let fullBytes = 0;

const socket = new WebSocket(workerData.url);
socket.on('open', () => {
  socket.send(JSON.stringify({ type: 'call', id: 1, method: 'objects.subscribe', input: {} }));
  parentPort.postMessage({ type: 'open' });
});
socket.on('message', (data) => {
  const frame = JSON.parse(String(data));
  if (frame.type !== 'event' || frame.event !== 'objects.delta' || !frame.payload) return;
  const delta = frame.payload;
  if (delta.reset) objects.clear();
  for (const object of delta.added) objects.set(String(object.$id), object);
  for (const change of delta.changed) {
    const object = { ...objects.get(change.$id), ...change.fields };
    objects.set(change.$id, object);
    if (countBytes && object.$type === 'VM') {
      changedEntries++;
      deltaBytes += JSON.stringify(change).length;
      fullBytes += JSON.stringify(object).length;
    }
    const at = change.fields.other_config?.['xapi-sim:at'];
    if (measureLatency && at) latencies.push(Date.now() - Number(at));
  }
  for (const id of delta.removed) objects.delete(id);
  parentPort.postMessage({ type: 'size', size: objects.size });
});

parentPort.on('message', (message) => {
  if (message.cmd === 'latency') measureLatency = Boolean(message.on);
  if (message.cmd === 'bytes') countBytes = Boolean(message.on);
  if (message.cmd === 'haltedVms') {
    const refs = [...objects.values()].filter((o) => o.$type === 'VM' && o.power_state === 'Halted' && !o.is_a_template && !o.is_a_snapshot && !o.is_control_domain).map((o) => String(o.$id));
    parentPort.postMessage({ type: 'haltedVms', refs });
  }
  if (message.cmd === 'report') parentPort.postMessage({ type: 'report', latencies, deltaBytes, changedEntries, fullBytes });
  if (message.cmd === 'close') {
    socket.close();
    process.exit(0);
  }
});
