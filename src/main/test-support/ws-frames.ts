import { randomBytes } from 'node:crypto';

/** WebSocket opcodes a test may put in a hand-made frame. */
export const opcodes = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/**
 * One hand-made client frame (RFC 6455 §5.2), for bytes no WebSocket library would send: invalid UTF-8, reserved
 * bits, a length that lies, no mask. `fin` and `mask` default to what a client must send.
 */
export function clientFrame(opcode: number, payload: Buffer, options: { fin?: boolean; mask?: boolean; rsv?: number; declaredLength?: number } = {}): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options;
  const length = options.declaredLength ?? payload.length;
  const head = [(fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xf)];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 0x10000) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!mask) return Buffer.concat([Buffer.from(head), extended, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), extended, key, masked]);
}

/** The request that opens a WebSocket, as raw text (for writing it together with frames in one packet). */
export function upgradeRequest(path: string, host: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The complete frames a server sent after its 101 answer, in order (a frame still arriving is left out). */
export function* serverFrames(answer: Buffer | string): Generator<{ opcode: number; payload: Buffer }> {
  const bytes = typeof answer === 'string' ? Buffer.from(answer, 'latin1') : answer;
  let offset = bytes.indexOf('\r\n\r\n');
  if (offset < 0) return;
  offset += 4;
  while (offset + 2 <= bytes.length) {
    const opcode = bytes[offset]! & 0xf;
    let length = bytes[offset + 1]! & 0x7f;
    let start = offset + 2;
    const extended = length === 126 ? 2 : length === 127 ? 8 : 0;
    if (start + extended > bytes.length) return;
    if (length === 126) length = bytes.readUInt16BE(start);
    else if (length === 127) length = Number(bytes.readBigUInt64BE(start));
    start += extended;
    if (start + length > bytes.length) return;
    yield { opcode, payload: bytes.subarray(start, start + length) };
    offset = start + length;
  }
}

/** The close code in the first close frame a server sent after its 101 answer, or null when it sent none. */
export function serverCloseCode(answer: Buffer | string): number | null {
  for (const { opcode, payload } of serverFrames(answer)) if (opcode === opcodes.close) return payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
  return null;
}
