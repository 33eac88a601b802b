import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readZipStream, ZipFormatError } from './zip-entry-stream.js';

/** A zip written by Python's zipfile (an independent writer): name → [method, base64 content]. */
function pythonZip(files: Record<string, [method: 'stored' | 'deflated', content: Buffer]>): Buffer {
  const script = `import sys, io, json, zipfile, base64
spec = json.loads(sys.stdin.read())
out = io.BytesIO()
with zipfile.ZipFile(out, 'w') as z:
    for name, (method, b64) in spec.items():
        z.writestr(zipfile.ZipInfo(name), base64.b64decode(b64), zipfile.ZIP_DEFLATED if method == 'deflated' else zipfile.ZIP_STORED)
sys.stdout.buffer.write(out.getvalue())`;
  const spec = Object.fromEntries(Object.entries(files).map(([name, [method, content]]) => [name, [method, content.toString('base64')]]));
  return execFileSync('python3', ['-c', script], { input: JSON.stringify(spec), maxBuffer: 64 * 1024 * 1024 });
}

/** The archive as a stream of small, uneven chunks (headers split across reads). */
function trickle(data: Buffer, size = 777): Readable {
  return Readable.from((function* () {
    for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
  })());
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('readZipStream', () => {
  const big = randomBytes(3 * 1024 * 1024 + 5);
  const readme = Buffer.from('XenServer update\n'.repeat(1000));

  it('yields each file\'s bytes, stored or deflated, from a trickling stream', async () => {
    const zip = pythonZip({ 'readme.txt': ['deflated', readme], 'XS82E001.iso': ['stored', big], 'notes.txt': ['deflated', Buffer.from('end')] });
    const seen: [string, number, Buffer][] = [];
    for await (const entry of readZipStream(trickle(zip))) seen.push([entry.name, entry.size, await collect(entry.body)]);
    expect(seen.map(([name, size]) => [name, size])).toEqual([['readme.txt', readme.length], ['XS82E001.iso', big.length], ['notes.txt', 3]]);
    expect(seen[0]![2].equals(readme)).toBe(true);
    expect(seen[1]![2].equals(big)).toBe(true);
    expect(seen[2]![2].toString()).toBe('end');
  });

  it('skips an entry the caller does not read', async () => {
    const zip = pythonZip({ 'skip.bin': ['deflated', big], 'take.txt': ['stored', Buffer.from('taken')] });
    const names: string[] = [];
    let taken = '';
    for await (const entry of readZipStream(trickle(zip, 4096))) {
      names.push(entry.name);
      if (entry.name === 'take.txt') taken = await text(entry.body);
    }
    expect(names).toEqual(['skip.bin', 'take.txt']);
    expect(taken).toBe('taken');
  });

  it('fails a damaged entry on its CRC, and a truncated archive', async () => {
    const zip = pythonZip({ 'a.iso': ['stored', big] });
    const damaged = Buffer.from(zip);
    damaged[1000] = damaged[1000]! ^ 0xff;
    const entries = readZipStream(trickle(damaged, 65536));
    const first = await entries.next();
    await expect(collect((first.value as { body: Readable }).body)).rejects.toThrow(/CRC-32/);
    await entries.return(undefined);

    const truncated = readZipStream(trickle(zip.subarray(0, 200_000), 65536));
    const entry = await truncated.next();
    await expect(collect((entry.value as { body: Readable }).body)).rejects.toBeInstanceOf(ZipFormatError);
  });

  it('refuses what is not a zip', async () => {
    const entries = readZipStream(trickle(Buffer.from('<html>not found</html>')));
    await expect(entries.next()).rejects.toThrow(/not a zip archive/);
  });
});
