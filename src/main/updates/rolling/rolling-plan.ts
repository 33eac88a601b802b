import type { JobStep } from '../../../shared/api/job-schema.js';
import type { UpdateFamily } from '../../../shared/api/update-schema.js';
import type { RollingStep, RollingStepKind } from './rolling-journal.js';

/** A host as the plan names it. */
export interface PlannedHost {
  ref: string;
  name: string;
}

const hostLabels: Record<Exclude<RollingStepKind, 'ha-off' | 'clean' | 'ha-on'>, (name: string) => string> = {
  disable: (name) => `Disable '${name}'`,
  evacuate: (name) => `Migrate the VMs off '${name}'`,
  install: (name) => `Install the updates on '${name}'`,
  reboot: (name) => `Reboot '${name}'`,
  wait: (name) => `Wait for '${name}' to come back`,
  enable: (name) => `Enable '${name}'`,
  'vms-back': (name) => `Bring the VMs of '${name}' back`,
  guidance: (name) => `Apply the pending guidance on '${name}'`,
};

const poolLabels: Record<'ha-off' | 'clean' | 'ha-on', string> = {
  'ha-off': 'Turn off high availability',
  clean: 'Remove the update files from the pool',
  'ha-on': 'Turn high availability back on',
};

function step(kind: RollingStepKind, host: PlannedHost | null): RollingStep {
  const label = host ? hostLabels[kind as keyof typeof hostLabels](host.name) : poolLabels[kind as keyof typeof poolLabels];
  return {
    id: host ? `${kind}:${host.ref}` : kind, kind, label, hostId: host?.ref ?? null, hostName: host?.name ?? '',
    state: 'pending', startedAt: null, finishedAt: null, error: null, note: null, bootMarker: null,
  };
}

/**
 * The steps of a rolling pool update, in order: HA off when it was on, then each host in turn, master first — disable,
 * evacuate, install, reboot, wait until it is back, enable, and bring **its own** VMs back before the next host
 * (XenCenter's way; Xen Orchestra moves them all back at the end) — then the update's files removed (XenServer) and
 * HA back on. XenServer 8.4 and restartXAPI updates add a step for what the host still asks for after its reboot.
 */
export function planRollingSteps(input: { family: UpdateFamily; hosts: readonly PlannedHost[]; haOff: boolean }): RollingStep[] {
  const steps: RollingStep[] = [];
  if (input.haOff) steps.push(step('ha-off', null));
  for (const host of input.hosts) {
    for (const kind of ['disable', 'evacuate', 'install', 'reboot', 'wait', 'enable', 'vms-back'] as const) steps.push(step(kind, host));
    if (input.family !== 'xcp-ng') steps.push(step('guidance', host));
  }
  if (input.family === 'xenserver') steps.push(step('clean', null));
  if (input.haOff) steps.push(step('ha-on', null));
  return steps;
}

/** The steps as the task panel shows them (the journal's extra fields left out). */
export function visibleSteps(steps: readonly RollingStep[]): JobStep[] {
  return steps.map(({ id, label, hostId, state, startedAt, finishedAt, error, note }) => ({ id, label, hostId, state, startedAt, finishedAt, error, note }));
}
