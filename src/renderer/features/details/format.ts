/**
 * How the details pane writes quantities, the way XenCenter does: sizes in binary units with one decimal
 * ("4.0 GiB", "512.0 MiB"), durations in words ("3 days 4 hours 2 minutes").
 */

export { formatBytes } from '../../../shared/util/format-bytes.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A duration in whole days, hours and minutes, leaving out the zero parts ("1 day 2 minutes"). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const minutesTotal = Math.floor(seconds / 60);
  if (minutesTotal === 0) return 'less than a minute';
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor((minutesTotal % 1440) / 60);
  const minutes = minutesTotal % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(plural(days, 'day'));
  if (hours > 0) parts.push(plural(hours, 'hour'));
  if (minutes > 0) parts.push(plural(minutes, 'minute'));
  return parts.join(' ');
}

/**
 * Seconds since the Unix epoch of an XAPI time: an ISO datetime (what the mirror holds), an XAPI wire
 * datetime (`20250515T09:42:26Z`, from classes the mirror does not normalise), or epoch seconds as a
 * string (`host.other_config.boot_time` is "1740611824."). Null when missing or the epoch itself (XAPI's "never").
 */
export function parseXapiTime(value: unknown): number | null {
  if (typeof value === 'number') return value > 0 ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d*)?$/.test(text)) {
    const seconds = Number(text);
    return seconds > 0 ? seconds : null;
  }
  const wire = /^(\d{4})(\d{2})(\d{2})T(\d{2}):(\d{2}):(\d{2})Z?$/.exec(text);
  const iso = wire ? `${wire[1]}-${wire[2]}-${wire[3]}T${wire[4]}:${wire[5]}:${wire[6]}Z` : text;
  const millis = Date.parse(iso);
  if (Number.isNaN(millis) || millis <= 0) return null;
  return millis / 1000;
}

/** How long ago `since` (epoch seconds) was at `nowMs`, in words; null when unknown. */
export function formatSince(since: number | null, nowMs: number): string | null {
  if (since === null) return null;
  return formatDuration(Math.max(0, nowMs / 1000 - since));
}

/** A part of a whole as a rounded percentage ("37%"); "0%" when the whole is empty. */
export function formatPercent(part: number, whole: number): string {
  if (!(whole > 0)) return '0%';
  return `${Math.round((part / whole) * 100)}%`;
}

/** Yes or No, as XenCenter's property lists say it. */
export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

const bootDevices: Record<string, string> = { c: 'Hard Disk', d: 'DVD-Drive', n: 'Network', a: 'Floppy' };

/** `HVM_boot_params.order` ("dcn") in words: "DVD-Drive, Hard Disk, Network". */
export function formatBootOrder(order: string): string {
  return [...order.toLowerCase()]
    .map((letter) => bootDevices[letter])
    .filter((device): device is string => device !== undefined)
    .join(', ');
}

/** A CPU clock in MHz as XenCenter writes it ("2394 MHz"). */
export function formatMhz(mhz: number): string {
  return `${Math.round(mhz)} MHz`;
}
