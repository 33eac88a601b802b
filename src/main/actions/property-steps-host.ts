import type { HostPropertyChanges, PoolPropertyChanges } from '../../shared/api/methods/object-properties.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { perfmonXml } from '../../shared/xapi/perfmon-alarms.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { replaceMapKey, type PropertyStep } from './property-step.js';

/** Where Xen Orchestra keeps a pool's migration network (a network uuid); Xenith reads and writes the same key. */
export const migrationNetworkKey = 'xo:migrationNetwork';

/** XAPI's power_on_mode for each choice of the Power On page ("" turns remote power-on off). */
const powerOnModes = { disabled: '', 'wake-on-lan': 'wake-on-lan', iLO: 'iLO', DRAC: 'DRAC', IPMI: 'IPMI' } as const;

type PowerOn = NonNullable<HostPropertyChanges['powerOn']>;

/**
 * The power_on_config of a BMC mode, as XenCenter writes it. A new password becomes an XAPI secret (so it is never
 * stored in the clear in the host record); without one, the secret already configured is kept.
 */
async function powerOnConfig(xapi: JobXapi, host: XapiRecord<'host'>, powerOn: PowerOn): Promise<Record<string, string>> {
  if (powerOn.mode === 'disabled' || powerOn.mode === 'wake-on-lan') return {};
  const config: Record<string, string> = { power_on_ip: powerOn.address ?? '', power_on_user: powerOn.user ?? '' };
  if (powerOn.password !== undefined && powerOn.password !== '') {
    const secret = await xapi.call<string>('secret.create', { value: powerOn.password });
    config.power_on_password_secret = await xapi.call<string>('secret.get_uuid', secret);
  } else if (host.power_on_config.power_on_password_secret) {
    config.power_on_password_secret = host.power_on_config.power_on_password_secret;
  }
  return config;
}

/** The server pages: Log Destination (remote syslog, then syslog_reconfigure so it takes effect), Power On and Alerts (perfmon). */
export function hostSteps(host: XapiRecord<'host'>, changes: HostPropertyChanges): PropertyStep[] {
  const steps: PropertyStep[] = [];
  const destination = changes.logDestination;
  if (destination !== undefined && (host.logging.syslog_destination ?? null) !== destination) {
    steps.push({
      label: 'Log destination',
      apply: async (xapi) => {
        await replaceMapKey(xapi, 'host', host.$id, 'logging', 'syslog_destination', destination);
        await xapi.call('host.syslog_reconfigure', host.$id);
      },
    });
  }
  const powerOn = changes.powerOn;
  if (powerOn) {
    steps.push({
      label: 'Power on',
      apply: async (xapi) => xapi.call('host.set_power_on_mode', host.$id, powerOnModes[powerOn.mode], await powerOnConfig(xapi, host, powerOn)),
    });
  }
  const alarms = changes.alarms;
  if (alarms) {
    const xml = perfmonXml('host', alarms);
    if ((host.other_config.perfmon ?? null) !== xml) steps.push({ label: 'Alerts', apply: (xapi) => replaceMapKey(xapi, 'host', host.$id, 'other_config', 'perfmon', xml) });
  }
  return steps;
}

/** The pool's migration network (the network's uuid in other_config, as Xen Orchestra keeps it). */
export function poolSteps(pool: XapiRecord<'pool'>, changes: PoolPropertyChanges, networkUuid: string | null | undefined): PropertyStep[] {
  if (networkUuid === undefined || changes.migrationNetworkId === undefined) return [];
  if ((pool.other_config[migrationNetworkKey] ?? null) === networkUuid) return [];
  return [{ label: 'Migration network', apply: (xapi) => replaceMapKey(xapi, 'pool', pool.$id, 'other_config', migrationNetworkKey, networkUuid) }];
}
