import type { z } from 'zod';
import { alertMethods } from './methods/alerts.js';
import { appMethods } from './methods/app.js';
import { consoleMethods } from './methods/console.js';
import { fileMethods } from './methods/files.js';
import { hostMethods } from './methods/hosts.js';
import { jobMethods } from './methods/jobs.js';
import { networkMethods } from './methods/network.js';
import { objectPropertiesMethods } from './methods/object-properties.js';
import { objectEditMethods } from './methods/objects.js';
import { poolMethods } from './methods/pools.js';
import { settingsMethods } from './methods/settings.js';
import { snapshotMethods } from './methods/snapshots.js';
import { srMethods } from './methods/sr.js';
import { statsMethods } from './methods/stats.js';
import { systemMethods } from './methods/system.js';
import { tokenMethods } from './methods/tokens.js';
import { updateMethods } from './methods/updates.js';
import { vdiMethods } from './methods/vdi.js';
import { vmMethods } from './methods/vm.js';
import { vmCdMethods } from './methods/vm-cd.js';
import { vmssMethods } from './methods/vmss.js';
import { vmTransferMethods } from './methods/vm-transfer.js';
import { events, type EventName } from './events.js';

/**
 * Every call the UI (and the CLI) can make. The contract is data: transports, the preload and the
 * dispatcher are all built from this one object, so they cannot drift from each other.
 */
export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...poolMethods,
  ...consoleMethods,
  ...vmMethods,
  ...vmCdMethods,
  ...vmTransferMethods,
  ...fileMethods,
  ...hostMethods,
  ...srMethods,
  ...vdiMethods,
  ...networkMethods,
  ...jobMethods,
  ...objectEditMethods,
  ...objectPropertiesMethods,
  ...snapshotMethods,
  ...vmssMethods,
  ...statsMethods,
  ...alertMethods,
  ...updateMethods,
  ...tokenMethods,
  ...systemMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** Narrows an untrusted string to a contract method name. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** Narrows an untrusted string to a contract event name. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export { events, type EventName };
