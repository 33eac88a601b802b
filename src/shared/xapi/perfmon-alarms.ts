import type { AlarmSettings } from '../api/methods/alerts.js';
import { elementAttributes } from '../util/xml-attributes.js';

/**
 * Converts between XenCenter's alert settings and the `other_config:perfmon` XML the pool's perfmon reads:
 * `<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.9"/><alarm_trigger_period value="300"/></variable>…`.
 * Levels are kept in perfmon's units (CPU a fraction, network and disk bytes/s, free memory KiB).
 */
type Kind = 'VM' | 'host';
type Alarm = keyof AlarmSettings;

interface Variable {
  readonly alarm: Alarm;
  /** perfmon's variable name, by kind (memory has no VM alarm in XenCenter's dialog on older pools). */
  readonly name: Record<Kind, string>;
  /** perfmon level = person's level × scale (CPU % → fraction; KiB/s → bytes/s; MiB → KiB). */
  readonly scale: number;
}

const variables: readonly Variable[] = [
  { alarm: 'cpu', name: { VM: 'cpu_usage', host: 'cpu_usage' }, scale: 0.01 },
  { alarm: 'network', name: { VM: 'network_usage', host: 'network_usage' }, scale: 1024 },
  { alarm: 'disk', name: { VM: 'disk_usage', host: 'disk_usage' }, scale: 1024 },
  { alarm: 'memoryFree', name: { VM: 'memory_internal_free', host: 'memory_free_kib' }, scale: 1024 },
];

/** The perfmon XML for these settings, or null when no alarm is on (the key is then removed). */
export function perfmonXml(kind: Kind, settings: AlarmSettings): string | null {
  const parts: string[] = [];
  for (const v of variables) {
    const threshold = settings[v.alarm];
    if (!threshold) continue;
    const level = Number((threshold.level * v.scale).toPrecision(12));
    parts.push(
      `<variable><name value="${v.name[kind]}"/><alarm_trigger_level value="${level}"/><alarm_trigger_period value="${threshold.minutes * 60}"/></variable>`,
    );
  }
  return parts.length > 0 ? `<config>${parts.join('')}</config>` : null;
}

/** The settings a perfmon XML holds (variables Xenith does not show are ignored). */
export function alarmSettingsOf(kind: Kind, xml: string | undefined): AlarmSettings {
  const settings: AlarmSettings = {};
  if (!xml) return settings;
  for (const match of xml.matchAll(/<variable>([\s\S]*?)<\/variable>/g)) {
    const body = match[1]!;
    const value = (element: string) => elementAttributes(body, element)[0]?.value;
    const variable = variables.find((v) => v.name[kind] === value('name'));
    const level = Number(value('alarm_trigger_level'));
    if (!variable || !Number.isFinite(level)) continue;
    const period = Number(value('alarm_trigger_period') ?? 60);
    settings[variable.alarm] = {
      level: Number((level / variable.scale).toPrecision(12)),
      minutes: Math.max(1, Math.round((Number.isFinite(period) ? period : 60) / 60)),
    };
  }
  return settings;
}
