import { describe, expect, it } from 'vitest';
import { RecordCompactor } from './record-compactor.js';

describe('RecordCompactor', () => {
  it('normalises a record in place as normalizeRecord does, whichever transport fetched it', () => {
    const compactor = new RecordCompactor();
    const xmlRpc = { memory_actual: '1073741824', VCPUs_CPU: { '0': '3' }, start_time: new Date('2025-03-19T04:16:24Z'), hvm: false };
    const record = compactor.adopt('VM_metrics', xmlRpc);
    expect(record).toBe(xmlRpc);
    expect(record).toEqual({ memory_actual: 1073741824, VCPUs_CPU: { '0': 3 }, start_time: '2025-03-19T04:16:24Z', hvm: false });
    const json = compactor.adopt('VM_metrics', { memory_actual: 5, start_time: '20250319T04:16:24Z', install_time: '2025-03-19T04:16:24Z', state: 'not a set' });
    expect(json).toEqual({ memory_actual: 5, start_time: '2025-03-19T04:16:24Z', install_time: '2025-03-19T04:16:24Z', state: [] });
  });

  it('keeps one copy of each ref, in fields, sets and maps of any class, and forgets a ref when asked', () => {
    const compactor = new RecordCompactor();
    compactor.adopt('VM', { resident_on: 'OpaqueRef:h1', VBDs: ['OpaqueRef:v1', 'OpaqueRef:v2'], blobs: { screen: 'OpaqueRef:b1' }, name_label: 'OpaqueRef: a name' });
    compactor.adopt('unknown_class', { host: 'OpaqueRef:h1', list: ['OpaqueRef:v1', 'plain'] });
    // h1, v1, v2, b1; 'OpaqueRef: a name' is shared too (a string that looks like a ref costs nothing more).
    expect(compactor.refCount).toBe(5);
    compactor.forget('OpaqueRef:b1');
    expect(compactor.refCount).toBe(4);
    expect(compactor.ref('OpaqueRef:h1')).toBe('OpaqueRef:h1');
  });
});
