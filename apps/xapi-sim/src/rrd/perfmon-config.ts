/**
 * The `other_config:perfmon` XML xapi's perfmon daemon reads from a VM or host:
 * `<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.9"/>…</variable>…</config>`.
 */

export interface PerfmonVariable {
  name: string;
  level: number;
  /** high: alarm above the level; low: below it. */
  sense: 'high' | 'low';
  /** Seconds the value must stay past the level (its mean over that time is compared). */
  triggerPeriod: number;
  /** Seconds after an alarm during which the same variable raises no other. */
  inhibitPeriod: number;
  priority: number;
  /** rrd_regex: the data sources summed for a variable perfmon has no default for. */
  regex?: RegExp;
  /** The variable's XML as configured (alarm bodies quote it). */
  xml: string;
}

/** Variables whose trigger sense is low by default (free memory). */
const LOW_BY_DEFAULT = new Set(['memory_free_kib', 'memory_internal_free']);

function attr(xml: string, element: string): string | undefined {
  return new RegExp(`<${element}\\s+value\\s*=\\s*"([^"]*)"\\s*/?>`).exec(xml)?.[1];
}

function numberOr(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) ? n : fallback;
}

/** The variables of a perfmon configuration; malformed variables (no name or level) are skipped, as perfmon does. */
export function parsePerfmonConfig(xml: string): PerfmonVariable[] {
  const out: PerfmonVariable[] = [];
  for (const match of xml.matchAll(/<variable>([\s\S]*?)<\/variable>/g)) {
    const body = match[1]!;
    const name = attr(body, 'name');
    const level = Number(attr(body, 'alarm_trigger_level'));
    if (!name || !Number.isFinite(level)) continue;
    const sense = attr(body, 'alarm_trigger_sense') ?? (LOW_BY_DEFAULT.has(name) ? 'low' : 'high');
    let regex: RegExp | undefined;
    const pattern = attr(body, 'rrd_regex');
    if (pattern) {
      try {
        regex = new RegExp(pattern);
      } catch {
        continue;
      }
    }
    out.push({
      name, level, sense: sense === 'low' ? 'low' : 'high',
      triggerPeriod: Math.max(5, numberOr(attr(body, 'alarm_trigger_period'), 60)),
      inhibitPeriod: Math.max(0, numberOr(attr(body, 'alarm_auto_inhibit_period'), 3600)),
      priority: numberOr(attr(body, 'alarm_priority'), 3),
      ...(regex ? { regex } : {}),
      xml: match[0],
    });
  }
  return out;
}
