import { describe, expect, it } from 'vitest';
import { updateHistoryKey } from '../../../shared/api/update-schema.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { availableRows, familyOf, historyRows, hostUpdateRows, subjectHosts } from './updates-model.js';

const history = (entries: { at: string; updates: string[]; rebootNeeded: boolean }[]): string => JSON.stringify(entries.map((e) => ({ ...e, by: 'root via Xenith on laptop', family: 'xcp-ng' })));

function pool() {
  return testIndex([
    testRecord('pool', 'pool1', { name_label: 'Edge', master: 'h2' }),
    testRecord('host', 'h1', {
      name_label: 'host-01', software_version: { product_brand: 'XCP-ng', product_version_text: '8.3' }, updates: [],
      other_config: { boot_time: '1000.', rpm_patch_installation_time: '2000.', [updateHistoryKey]: history([{ at: '2026-01-02T10:00:00.000Z', updates: ['kernel-4.19.19-8.0.38.1'], rebootNeeded: true }]) },
    }),
    testRecord('host', 'h2', {
      name_label: 'host-02', software_version: { product_brand: 'XCP-ng', product_version_text: '8.3' }, updates: [],
      other_config: { boot_time: '3000.', [updateHistoryKey]: history([{ at: '2026-01-01T10:00:00.000Z', updates: ['xapi-core-25.6.1-1'], rebootNeeded: false }]) },
    }),
  ]);
}

describe('the Updates tab', () => {
  it('lists a pool\'s servers master first, with reboot needed from the reboot mark, and the history newest first', () => {
    const index = pool();
    const poolRecord = index.objects.get('pool1') as XapiRecord<'pool'>;
    const hosts = subjectHosts(index, poolRecord);
    expect(hosts.map((h) => h.$id)).toEqual(['h2', 'h1']);
    expect(familyOf(index, poolRecord)).toBe('xcp-ng');
    expect(hostUpdateRows(index, hosts).map((row) => [row.server, row.status, row.version, row.lastUpdate])).toEqual([
      ['host-02', 'Up to date', 'XCP-ng 8.3', '2026-01-01T10:00:00.000Z'],
      ['host-01', 'Reboot needed', 'XCP-ng 8.3', '2026-01-02T10:00:00.000Z'],
    ]);
    expect(historyRows(hosts).map((row) => [row.server, row.updates, row.rebootNeeded])).toEqual([
      ['host-01', 'kernel-4.19.19-8.0.38.1', true],
      ['host-02', 'xapi-core-25.6.1-1', false],
    ]);
  });

  it('turns a check\'s answer into one row per server and update', () => {
    const index = pool();
    const rows = availableRows(index, [{ hostId: 'h1', status: 'ok', message: null, updates: [{ id: 'kernel', name: 'kernel', version: '4.19.19-8.0.39', installed: null, description: 'The Linux kernel', size: 100, date: null, rebootNeeded: true, guidance: [], url: null, severity: null }] }]);
    expect(rows.map((row) => [row.server, row.update.name])).toEqual([['host-01', 'kernel']]);
  });
});
