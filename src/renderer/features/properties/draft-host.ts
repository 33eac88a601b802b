import type { PowerOnMode } from '../../../shared/api/methods/object-properties.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { alarmRowsOf, type AlarmRows } from '../dialogs/alarm-rows.js';
import { alarmChanges, alarmProblems } from './draft-alarms.js';
import { commonDraftOf, type CommonDraft, type DraftProblem } from './draft-common.js';

export interface HostDraft extends CommonDraft {
  readonly class: 'host';
  /** Logs also go to a remote syslog server. */
  readonly remoteLog: boolean;
  readonly logServer: string;
  readonly powerOnMode: PowerOnMode;
  readonly powerOnAddress: string;
  readonly powerOnUser: string;
  /** '' keeps the password already set. */
  readonly powerOnPassword: string;
  readonly alarms: AlarmRows;
}

export interface PoolDraft extends CommonDraft {
  readonly class: 'pool';
  /** null: VMs migrate over the management network. */
  readonly migrationNetworkId: string | null;
}

/** Where Xen Orchestra (and Xenith) keep a pool's migration network: the network's uuid. */
export const migrationNetworkKey = 'xo:migrationNetwork';

/** The BMC modes, which need an address, a user and a password. */
export const bmcModes: ReadonlySet<PowerOnMode> = new Set(['iLO', 'DRAC', 'IPMI']);

const knownModes: Record<string, PowerOnMode> = { '': 'disabled', 'wake-on-lan': 'wake-on-lan', iLO: 'iLO', DRAC: 'DRAC', IPMI: 'IPMI' };

export function hostDraftOf(host: XapiRecord<'host'>, pool: XapiRecord<'pool'> | undefined): HostDraft {
  const server = host.logging.syslog_destination ?? '';
  return {
    class: 'host',
    ...commonDraftOf(host, pool),
    remoteLog: server !== '',
    logServer: server,
    powerOnMode: knownModes[host.power_on_mode] ?? 'disabled',
    powerOnAddress: host.power_on_config.power_on_ip ?? '',
    powerOnUser: host.power_on_config.power_on_user ?? '',
    powerOnPassword: '',
    alarms: alarmRowsOf('host', host.other_config.perfmon),
  };
}

/** The network whose uuid the pool names as its migration network, if it is still there. */
export function migrationNetworkOf(index: ObjectIndex, pool: XapiRecord<'pool'>): XapiRecord<'network'> | undefined {
  const uuid = pool.other_config[migrationNetworkKey];
  return uuid ? objectsOfType(index, 'network', pool.$pool).find((network) => network.uuid === uuid) : undefined;
}

export function poolDraftOf(index: ObjectIndex, pool: XapiRecord<'pool'>): PoolDraft {
  return { class: 'pool', ...commonDraftOf(pool, pool), migrationNetworkId: migrationNetworkOf(index, pool)?.$id ?? null };
}

export function hostChanges(base: HostDraft, draft: HostDraft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const server = draft.remoteLog ? draft.logServer.trim() : '';
  if (server !== (base.remoteLog ? base.logServer : '')) changes.logDestination = server === '' ? null : server;
  const bmc = bmcModes.has(draft.powerOnMode);
  const powerOnChanged =
    draft.powerOnMode !== base.powerOnMode ||
    (bmc && (draft.powerOnAddress !== base.powerOnAddress || draft.powerOnUser !== base.powerOnUser || draft.powerOnPassword !== ''));
  if (powerOnChanged) {
    changes.powerOn = bmc
      ? { mode: draft.powerOnMode, address: draft.powerOnAddress.trim(), user: draft.powerOnUser, ...(draft.powerOnPassword ? { password: draft.powerOnPassword } : {}) }
      : { mode: draft.powerOnMode };
  }
  return { ...changes, ...alarmChanges('host', base.alarms, draft.alarms) };
}

export function poolChanges(base: PoolDraft, draft: PoolDraft): Record<string, unknown> {
  return draft.migrationNetworkId !== base.migrationNetworkId ? { migrationNetworkId: draft.migrationNetworkId } : {};
}

export function hostProblems(draft: HostDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const server = draft.logServer.trim();
  if (draft.remoteLog && !/^[\w.:[\]-]+$/.test(server)) {
    problems.push({ page: 'logDestination', field: 'logServer', message: server === '' ? "Enter the syslog server's name or address." : 'Enter a host name or an IP address.' });
  }
  if (bmcModes.has(draft.powerOnMode) && draft.powerOnAddress.trim() === '') {
    problems.push({ page: 'powerOn', field: 'powerOnAddress', message: "Enter the address of the server's management controller." });
  }
  return [...problems, ...alarmProblems('host', draft.alarms)];
}
