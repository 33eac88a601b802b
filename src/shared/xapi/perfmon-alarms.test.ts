import { describe, expect, it } from 'vitest';
import { alarmSettingsOf, perfmonXml } from './perfmon-alarms.js';

describe('perfmon alarms', () => {
  it('writes perfmon units (CPU fraction, bytes/s, KiB, seconds) and reads them back', () => {
    const xml = perfmonXml('host', { cpu: { level: 85, minutes: 5 }, network: { level: 1000, minutes: 1 }, memoryFree: { level: 512, minutes: 2 } })!;
    expect(xml).toContain('<name value="cpu_usage"/><alarm_trigger_level value="0.85"/><alarm_trigger_period value="300"/>');
    expect(xml).toContain('<name value="network_usage"/><alarm_trigger_level value="1024000"/>');
    expect(xml).toContain('<name value="memory_free_kib"/><alarm_trigger_level value="524288"/>');
    expect(alarmSettingsOf('host', xml)).toEqual({ cpu: { level: 85, minutes: 5 }, network: { level: 1000, minutes: 1 }, memoryFree: { level: 512, minutes: 2 } });
  });

  it('no alarm is no XML; unknown variables and other kinds are ignored', () => {
    expect(perfmonXml('VM', {})).toBeNull();
    const xml = '<config><variable><name value="memory_free_kib"/><alarm_trigger_level value="1"/></variable><variable><name value="x"/></variable></config>';
    expect(alarmSettingsOf('VM', xml)).toEqual({});
    expect(alarmSettingsOf('host', xml)).toEqual({ memoryFree: { level: 1 / 1024, minutes: 1 } });
  });
});
