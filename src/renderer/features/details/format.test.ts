import { describe, expect, it } from 'vitest';
import { formatBootOrder, formatBytes, formatDuration, formatPercent, formatSince, parseXapiTime } from './format.js';

describe('formatBytes', () => {
  it('picks the largest binary unit and keeps one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512.0 MiB');
    expect(formatBytes(4 * 1024 ** 3)).toBe('4.0 GiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(16 * 1024 ** 4)).toBe('16.0 TiB');
    expect(formatBytes(-2 * 1024 ** 2)).toBe('-2.0 MiB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('writes days, hours and minutes in words, leaving out zero parts', () => {
    expect(formatDuration(((3 * 24 + 4) * 60 + 2) * 60 + 59)).toBe('3 days 4 hours 2 minutes');
    expect(formatDuration(24 * 3600 + 60)).toBe('1 day 1 minute');
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(59)).toBe('less than a minute');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('parseXapiTime', () => {
  it('reads ISO, XAPI wire and epoch-second times, and treats the epoch as unknown', () => {
    expect(parseXapiTime('2025-05-15T09:42:26Z')).toBe(Date.UTC(2025, 4, 15, 9, 42, 26) / 1000);
    expect(parseXapiTime('20250515T09:42:26Z')).toBe(Date.UTC(2025, 4, 15, 9, 42, 26) / 1000);
    expect(parseXapiTime('1740611824.')).toBe(1740611824);
    expect(parseXapiTime('1970-01-01T00:00:00Z')).toBeNull();
    expect(parseXapiTime('19700101T00:00:00Z')).toBeNull();
    expect(parseXapiTime('')).toBeNull();
    expect(parseXapiTime(undefined)).toBeNull();
  });

  it('says how long ago a time was', () => {
    expect(formatSince(1000, (1000 + 2 * 3600) * 1000)).toBe('2 hours');
    expect(formatSince(null, 0)).toBeNull();
  });
});

describe('formatBootOrder and formatPercent', () => {
  it('names boot devices in order and ignores unknown letters', () => {
    expect(formatBootOrder('dcn')).toBe('DVD-Drive, Hard Disk, Network');
    expect(formatBootOrder('CD')).toBe('Hard Disk, DVD-Drive');
    expect(formatBootOrder('x')).toBe('');
  });

  it('rounds percentages and survives an empty whole', () => {
    expect(formatPercent(1, 3)).toBe('33%');
    expect(formatPercent(5, 0)).toBe('0%');
  });
});
