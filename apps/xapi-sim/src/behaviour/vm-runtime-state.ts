/**
 * What happens to a VM's runtime objects when it starts, stops or moves: VM_metrics, resident host, domid, device
 * attachment (VBD/VIF currently_attached) and the rfb and vt100 consoles on the resident host
 * (`https://<host address>/console?uuid=<console uuid>`).
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { guestAgentReport, osOfTemplate } from '../scenario/guest-agent.js';
import { vmMemoryNeed } from './host-memory.js';

let nextDomid = 1;

/** The VM's metrics object, created when missing. */
export function ensureVmMetrics(engine: Engine, vmRef: string): string {
  const { store } = engine;
  const m = store.get('VM', vmRef).metrics as string;
  if (m !== NULL_REF && store.has('VM_metrics', m)) return m;
  const ref = store.create('VM_metrics', {});
  store.update('VM', vmRef, { metrics: ref });
  return ref;
}

/** Brings the VM up on `hostRef` (power state Running or Paused). */
export function markStarted(engine: Engine, vmRef: string, hostRef: string, paused: boolean): void {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  const metrics = ensureVmMetrics(engine, vmRef);
  const now = new Date();
  store.update('VM_metrics', metrics, {
    memory_actual: vmMemoryNeed(vm),
    VCPUs_number: vm.VCPUs_at_startup,
    state: [],
    start_time: now,
    last_updated: now,
    current_domain_type: vm.domain_type,
  });
  store.update('VM', vmRef, { power_state: paused ? 'Paused' : 'Running', resident_on: hostRef, scheduled_to_be_resident_on: NULL_REF, domid: nextDomid++, suspend_VDI: NULL_REF });
  setDevicesAttached(engine, vmRef, true);
  createConsoles(engine, vmRef, hostRef);
  ensureGuestMetrics(engine, vmRef);
}

/** Brings the VM down (Halted or Suspended): consoles destroyed, devices detached, not resident anywhere. */
export function markStopped(engine: Engine, vmRef: string, powerState: 'Halted' | 'Suspended'): void {
  const { store } = engine;
  destroyConsoles(engine, vmRef);
  const metrics = ensureVmMetrics(engine, vmRef);
  store.update('VM_metrics', metrics, { memory_actual: 0, VCPUs_number: 0, state: [], last_updated: new Date() });
  store.update('VM', vmRef, { power_state: powerState, resident_on: NULL_REF, domid: -1 });
  setDevicesAttached(engine, vmRef, false);
  // A halted VM has no guest agent data (xapi drops it); a suspended one keeps what its agent last said.
  const gm = store.get('VM', vmRef).guest_metrics as string;
  if (powerState === 'Halted' && gm !== NULL_REF) {
    store.update('VM', vmRef, { guest_metrics: NULL_REF });
    if (store.has('VM_guest_metrics', gm)) store.destroy('VM_guest_metrics', gm);
  }
}

/** What a guest of unknown origin reports (its name stands in for the OS name). */
const OTHER_OS = osOfTemplate('Other install media')!;

/** The guest agent's report after boot: OS (from the template the VM came from), one IPv4 address per VIF. */
function ensureGuestMetrics(engine: Engine, vmRef: string): void {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  const gm = vm.guest_metrics as string;
  if (gm !== NULL_REF && store.has('VM_guest_metrics', gm)) {
    store.update('VM_guest_metrics', gm, { live: true, last_updated: new Date() });
    return;
  }
  const ips: string[] = [];
  for (const vif of vm.VIFs as string[]) {
    const v = store.row('VIF', vif)?.record;
    if (!v) continue;
    const mac = String(v.MAC).split(':').map((x) => parseInt(x, 16) || 0);
    ips[Number(v.device) || 0] = `10.${mac[3] ?? 0}.${mac[4] ?? 0}.${Math.max(2, mac[5] ?? 2)}`;
  }
  const template = String((vm.other_config as Record<string, string>).base_template_name ?? '');
  const os = osOfTemplate(template) ?? { ...OTHER_OS, prettyName: template || String(vm.name_label) };
  const ref = store.create('VM_guest_metrics', guestAgentReport(os, String(vm.name_label), ips, new Date()));
  store.update('VM', vmRef, { guest_metrics: ref });
}

/** A reboot: new domain id and start time, consoles recreated. */
export function markRebooted(engine: Engine, vmRef: string): void {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  store.update('VM', vmRef, { domid: nextDomid++, power_state: 'Running' });
  store.update('VM_metrics', ensureVmMetrics(engine, vmRef), { start_time: new Date(), last_updated: new Date() });
  destroyConsoles(engine, vmRef);
  createConsoles(engine, vmRef, vm.resident_on as string);
}

/** A live migration's end: resident on the new host, new domid, consoles pointing at the new host. */
export function markMigrated(engine: Engine, vmRef: string, hostRef: string): void {
  const { store } = engine;
  store.update('VM', vmRef, { resident_on: hostRef, scheduled_to_be_resident_on: NULL_REF, domid: nextDomid++ });
  store.update('VM_metrics', ensureVmMetrics(engine, vmRef), { last_updated: new Date() });
  const address = hostAddress(engine, hostRef);
  for (const c of store.get('VM', vmRef).consoles as string[]) {
    const rec = store.get('console', c);
    store.update('console', c, { location: `https://${address}/console?uuid=${String(rec.uuid)}` });
  }
}

/** currently_attached of the VM's VBDs (non-empty ones) and VIFs. */
export function setDevicesAttached(engine: Engine, vmRef: string, attached: boolean): void {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  for (const vbd of vm.VBDs as string[]) {
    const b = store.row('VBD', vbd)?.record;
    const want = attached && b?.empty !== true;
    if (b && b.currently_attached !== want) store.update('VBD', vbd, { currently_attached: want });
  }
  for (const vif of vm.VIFs as string[]) {
    const v = store.row('VIF', vif)?.record;
    if (v && v.currently_attached !== attached) store.update('VIF', vif, { currently_attached: attached });
  }
}

function hostAddress(engine: Engine, hostRef: string): string {
  return engine.hostAddresses.get(hostRef) ?? String(engine.store.row('host', hostRef)?.record.address ?? '');
}

function createConsoles(engine: Engine, vmRef: string, hostRef: string): void {
  const address = hostAddress(engine, hostRef);
  for (const protocol of ['rfb', 'vt100']) {
    const uuid = randomUUID();
    engine.store.create('console', { uuid, protocol, VM: vmRef, location: `https://${address}/console?uuid=${uuid}` });
  }
}

/** Destroys the VM's console objects. */
export function destroyConsoles(engine: Engine, vmRef: string): void {
  for (const c of [...(engine.store.get('VM', vmRef).consoles as string[])]) engine.store.destroy('console', c);
}
