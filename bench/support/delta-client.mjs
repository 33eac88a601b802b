// Plain JavaScript, run as its own process (as a renderer is): a browser-like object-stream client for benchmarks.
// It keeps the objects it receives and tells its parent (IPC) how many it holds, with wall-clock times so they
// compare with the parent's and the simulator's clocks; it measures event → client latency from the simulator's
// `xapi-sim:at` stamps, the bytes of changes, and can be slow on purpose (it stops reading its socket after each
// chunk for as long as it takes at a given rate), as a client on a slow link.
import { WebSocket } from 'ws';

const [url, optionsJson = '{}'] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const objects = new Map();
let latencies = [];
let measureLatency = false;
let countBytes = false;
let deltaBytes = 0;
let changedEntries = 0;
let fullBytes = 0;
let frames = 0;
let receivedBytes = 0;

/** Objects held by class, kept as they come and go. */
const byType = new Map();
const count = (type, step) => byType.set(type, (byType.get(type) ?? 0) + step);
const counts = () => ({ hosts: byType.get('host') ?? 0, vms: byType.get('VM') ?? 0, pools: byType.get('pool') ?? 0 });
const put = (object) => {
  const before = objects.get(String(object.$id));
  if (before) count(before.$type, -1);
  objects.set(String(object.$id), object);
  count(object.$type, 1);
};

const socket = new WebSocket(url);
socket.on('open', () => {
  if (options.bytesPerSecond) {
    // A slow link: after each chunk the socket hands over, nothing more is read for as long as its bytes take at
    // that rate, so the kernel's buffers and then the server's queue towards this client fill up.
    const raw = socket._socket;
    raw.on('data', (chunk) => {
      raw.pause();
      setTimeout(() => raw.resume(), (chunk.length / options.bytesPerSecond) * 1000);
    });
  }
  socket.send(JSON.stringify({ type: 'call', id: 1, method: 'objects.subscribe', input: {} }));
  process.send({ type: 'open' });
});
socket.on('message', (data) => {
  const text = String(data);
  receivedBytes += text.length;
  const frame = JSON.parse(text);
  if (frame.type !== 'event' || frame.event !== 'objects.delta' || !frame.payload) return;
  const delta = frame.payload;
  const now = Date.now();
  frames++;
  if (delta.reset) {
    objects.clear();
    byType.clear();
  }
  for (const object of delta.added) put(object);
  for (const change of delta.changed) {
    const object = { ...objects.get(change.$id), ...change.fields };
    objects.set(change.$id, object);
    if (countBytes && object.$type === 'VM') {
      changedEntries++;
      deltaBytes += JSON.stringify(change).length;
      fullBytes += JSON.stringify(object).length;
    }
    const at = change.fields.other_config?.['xapi-sim:at'];
    if (measureLatency && at) latencies.push(now - Number(at));
  }
  for (const id of delta.removed) {
    const before = objects.get(id);
    if (before) count(before.$type, -1);
    objects.delete(id);
  }
  if (options.quiet) return;
  process.send({ type: 'progress', t: now, size: objects.size, frames, ...(delta.added.length > 0 ? counts() : {}) });
});

process.on('message', (message) => {
  if (message.cmd === 'latency') {
    measureLatency = Boolean(message.on);
    process.send({ type: 'latency' });
  }
  if (message.cmd === 'bytes') {
    countBytes = Boolean(message.on);
    process.send({ type: 'bytes' });
  }
  if (message.cmd === 'haltedVms') {
    const refs = [...objects.values()].filter((o) => o.$type === 'VM' && o.power_state === 'Halted' && !o.is_a_template && !o.is_a_snapshot && !o.is_control_domain).map((o) => String(o.$id));
    process.send({ type: 'haltedVms', refs });
  }
  if (message.cmd === 'report') {
    process.send({ type: 'report', latencies, deltaBytes, changedEntries, fullBytes, size: objects.size, frames, receivedBytes });
    latencies = [];
  }
  if (message.cmd === 'close') {
    socket.close();
    process.exit(0);
  }
});
