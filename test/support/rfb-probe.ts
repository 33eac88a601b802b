import { WebSocket } from 'ws';

export interface ConsoleProbe {
  socket: WebSocket;
  /** Resolves with the close code and reason when the proxy closes the console. */
  closed: Promise<{ code: number; reason: string }>;
  /** Reads exactly n bytes of the RFB stream. */
  read(n: number): Promise<Buffer>;
  send(bytes: Buffer | string): void;
}

/** Opens a console URL the way noVNC does (binary WebSocket from the app's origin) and exposes the byte stream. */
export async function openConsole(url: string, origin: string | undefined): Promise<ConsoleProbe> {
  const socket = new WebSocket(url, origin ? { headers: { origin } } : {});
  let buffered = Buffer.alloc(0);
  let wake: () => void = () => {};
  socket.on('message', (data: Buffer) => {
    buffered = Buffer.concat([buffered, data]);
    wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('unexpected-response', (_request, response) => reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode })));
    socket.once('error', reject);
  });
  return {
    socket,
    closed,
    async read(n) {
      while (buffered.length < n) await new Promise<void>((resolve) => (wake = resolve));
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      return out;
    },
    send: (bytes) => socket.send(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes),
  };
}

/** RFB 3.3 handshake up to ServerInit; returns the framebuffer size the server announced. */
export async function rfbHandshake(probe: ConsoleProbe): Promise<{ version: string; width: number; height: number; name: string }> {
  const version = (await probe.read(12)).toString('latin1');
  probe.send('RFB 003.003\n');
  const security = (await probe.read(4)).readUInt32BE(0);
  if (security !== 1) throw new Error(`unexpected security type ${security}`);
  probe.send(Buffer.from([1]));
  const init = await probe.read(24);
  const name = (await probe.read(init.readUInt32BE(20))).toString('utf8');
  return { version, width: init.readUInt16BE(0), height: init.readUInt16BE(2), name };
}
