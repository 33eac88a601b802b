import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransferJournal, type TransferRecord } from './transfer-journal.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xenith-journal-'));
  dirs.push(dir);
  return dir;
}

function record(transferId: string): TransferRecord {
  return {
    transferId, action: 'copy', vmName: 'db-01', startedAt: '2026-01-01T00:00:00.000Z', step: 'starting',
    sourcePoolId: 'a', targetPoolId: 'b', sourceVmRef: 'OpaqueRef:vm', objects: [], deleteSource: false, cleaned: [],
  };
}

async function onDisk(dir: string): Promise<{ transfers: TransferRecord[] }> {
  return JSON.parse(await readFile(join(dir, 'transfers.json'), 'utf8')) as { transfers: TransferRecord[] };
}

describe('TransferJournal', () => {
  it('is on disk before each step returns: an object before its ref, its ref after, nothing once ended', async () => {
    const dir = dataDir();
    const journal = new TransferJournal(dir);
    await journal.begin(record('t1'));
    await journal.addObject('t1', { side: 'source', role: 'snapshot', cls: 'VM', name: '[Xenith transfer t1] Snapshot of db-01', ref: null });
    expect((await onDisk(dir)).transfers[0]!.objects).toEqual([{ side: 'source', role: 'snapshot', cls: 'VM', name: '[Xenith transfer t1] Snapshot of db-01', ref: null }]);
    await journal.setObjectRef('t1', 'source', 'snapshot', 'OpaqueRef:snap');
    expect((await onDisk(dir)).transfers[0]!.objects[0]!.ref).toBe('OpaqueRef:snap');
    await journal.end('t1');
    expect((await onDisk(dir)).transfers).toEqual([]);
  });

  it('keeps what an earlier process left when a new transfer is written first', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'transfers.json'), JSON.stringify({ version: 1, transfers: [record('old')] }));
    const journal = new TransferJournal(dir);
    await journal.begin(record('new'));
    expect((await onDisk(dir)).transfers.map((r) => r.transferId).sort()).toEqual(['new', 'old']);
    expect(journal.list().map((r) => r.transferId).sort()).toEqual(['new', 'old']);
  });

  it('reads a damaged file as empty, and never writes a field its schema does not know (no secret can slip in)', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'transfers.json'), '{"version": 1, "transfers": [');
    const journal = new TransferJournal(dir);
    await journal.load();
    expect(journal.list()).toEqual([]);
    await journal.begin({ ...record('t2'), password: 'hunter2', sessionId: 'OpaqueRef:session' } as TransferRecord);
    const text = await readFile(join(dir, 'transfers.json'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('OpaqueRef:session');
  });
});
