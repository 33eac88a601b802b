/** XAPI datetimes on the wire: `YYYYMMDDTHH:MM:SSZ` (UTC, no separators in the date part). */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats a Date the way xapi does (`%04d%02d%02dT%02d:%02d:%02dZ`). */
export function formatXapiDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '19700101T00:00:00Z';
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** Parses `YYYYMMDDTHH:MM:SSZ` (also with dashes or a numeric offset, as clients sometimes send); undefined if invalid. */
export function parseXapiDate(s: string): Date | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, tz] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${se}${!tz || tz === 'Z' ? 'Z' : tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
