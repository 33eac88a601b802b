import { randomJson, randomString } from './fuzz-inputs.js';
import type { SeededRandom } from './seeded-random.js';
import { clientFrame, opcodes } from './ws-frames.js';

/** What a fuzz case may use to look like a real client now and then. */
export interface FuzzTarget {
  port: number;
  token: string;
  cookieName: string;
}

/** Percent-encodes every byte of a string's UTF-8 form (encodeURIComponent throws on a lone surrogate). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

const upgradeHeaders = ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];

function requestTarget(random: SeededRandom, { port, token }: FuzzTarget): string {
  return random.pick([
    '/', '/api', `/api?token=${token}`, `/?token=${token}`, '/index.html', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
    '/%E0%A4%A', '/%00', 'http://[', '//[', '/\\[', '*', 'http://evil.example/', `http://127.0.0.1:${port}/api?token=${token}`,
    `//evil.example/?token=${token}`, `/api?token=${percentEncoded(randomString(random))}`, `/${percentEncoded(randomString(random))}`,
    `/${'a'.repeat(random.int(20_000))}`, '/console/xxxxxxxxxxxxxxxxxxxxxxxx', `/api?token=${token}&token=x`, '',
  ]);
}

function hostHeader(random: SeededRandom, { port }: FuzzTarget): string | null {
  return random.pick([
    `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`,
    '', '[', '[::1', `127.0.0.1:${port}:${port}`, `127.0.0.1:99999999`, randomString(random), null,
  ]);
}

function cookieHeader(random: SeededRandom, { token, cookieName }: FuzzTarget): string | null {
  return random.pick([
    `${cookieName}=%E0%A4%A`, 'xenith_token=%E0%A4%A', `${cookieName}=${token}`, `${cookieName}=${token}; ${cookieName}=%`, '=;;;=',
    `${cookieName}`, `${cookieName}=`, `a=b; ${cookieName}=${percentEncoded(randomString(random))}`, randomString(random), null,
  ]);
}

/** One HTTP request as raw bytes: request line, headers and body drawn from what a hostile client might send. */
export function randomHttpRequest(random: SeededRandom, target: FuzzTarget): Buffer {
  const method = random.pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'PRI', 'get', 'G\u0000T', random.string(3, 'ABCXYZ')]);
  const version = random.pick(['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', '']);
  const headers: string[] = [];
  const host = hostHeader(random, target);
  if (host !== null) headers.push(`Host: ${host}`);
  if (random.chance(0.1) && host !== null) headers.push(`Host: ${host}`);
  const cookie = cookieHeader(random, target);
  if (cookie !== null) headers.push(`Cookie: ${cookie}`);
  if (random.chance(0.3)) headers.push(`Origin: ${random.pick([`http://127.0.0.1:${target.port}`, 'https://evil.example', 'null', randomString(random)])}`);
  if (random.chance(0.4)) headers.push(...upgradeHeaders.filter(() => random.chance(0.85)));
  if (random.chance(0.15)) headers.push(`Content-Length: ${random.pick(['-1', 'abc', '99999999999', '5', '0'])}`);
  if (random.chance(0.1)) headers.push('Transfer-Encoding: chunked');
  if (random.chance(0.1)) headers.push(`X-${random.string(4, 'abc')}: ${randomString(random)}`);
  if (random.chance(0.05)) headers.push(`X-Big: ${'b'.repeat(20_000)}`);
  if (random.chance(0.7)) headers.push('Connection: close');
  const newline = random.chance(0.9) ? '\r\n' : '\n';
  const head = `${method} ${requestTarget(random, target)} ${version}${newline}${headers.join(newline)}${newline}${newline}`;
  const body = random.chance(0.2) ? random.bytes(random.int(64)) : Buffer.alloc(0);
  return Buffer.concat([Buffer.from(head, 'utf8'), body]);
}

const textOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined', 'utf8');

/** One frame (or a short run of them) a hostile client might send on an open API socket. */
export function randomFrames(random: SeededRandom, methods: readonly string[]): Buffer {
  const call = (method: string, input: unknown, id: unknown = random.int(1000)) => ({ type: 'call', id, method, input });
  switch (random.int(16)) {
    case 0: return clientFrame(opcodes.text, textOf(random.pick(['{', '{"type":"call"', 'null', '[]', '"call"', '{"type":"call","id":-1,"method":"app.health"}', '{"type":"call","id":1.5,"method":"app.health"}'])));
    case 1: return clientFrame(opcodes.text, textOf(randomJson(random)));
    case 2: return clientFrame(opcodes.text, textOf(call(random.pick(methods), randomJson(random))));
    case 3: return clientFrame(opcodes.text, textOf(call(randomString(random), randomJson(random), random.pick([0, -1, 'x', null, 2 ** 60]))));
    case 4: return clientFrame(opcodes.text, Buffer.concat([Buffer.from('{"a":"'), random.pick([Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80])]), Buffer.from('"}')]));
    case 5: return clientFrame(opcodes.binary, random.bytes(random.int(200)));
    case 6: return clientFrame(random.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), random.bytes(random.int(20)));
    case 7: return clientFrame(opcodes.text, textOf(call('app.health', {})), { rsv: 1 + random.int(7) });
    case 8: return clientFrame(opcodes.text, textOf(call('app.health', {})), { mask: false });
    case 9: return clientFrame(opcodes.ping, random.bytes(126 + random.int(200)));
    case 10: return clientFrame(opcodes.text, textOf('{"type":'), { fin: false });
    case 11: return clientFrame(opcodes.continuation, random.bytes(random.int(30)));
    case 12: return clientFrame(opcodes.close, random.pick([Buffer.from([3]), Buffer.from([0x03, 0xe7]), Buffer.from([0x03, 0xed]), Buffer.from([0x0f, 0xa0, 0xff, 0xfe]), Buffer.alloc(0)]));
    case 13: return clientFrame(opcodes.text, random.bytes(8), { declaredLength: 5 * 1024 * 1024 + random.int(1 << 30) });
    case 14: return clientFrame(random.pick([opcodes.ping, opcodes.pong]), random.bytes(random.int(125)));
    default: return clientFrame(opcodes.ping, Buffer.alloc(0), { fin: false });
  }
}
