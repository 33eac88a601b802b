import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { VmPowerOperation } from '../../../shared/api/methods/vm.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { whenJobFinished } from '../../store/jobs-store.js';
import { CallError } from './call-error.js';
import './blocking-vm-fix.css';

/** The fixes XenCenter offers a VM that keeps a server from entering maintenance mode, as XAPI allows them now. */
function fixesFor(vm: XapiRecord<'VM'>): { operation: VmPowerOperation; label: string }[] {
  const allowed = vm.allowed_operations as readonly string[];
  const fixes: { operation: VmPowerOperation; label: string }[] = [];
  if (allowed.includes('suspend')) fixes.push({ operation: 'suspend', label: 'Suspend' });
  if (allowed.includes('clean_shutdown')) fixes.push({ operation: 'clean_shutdown', label: 'Shut Down' });
  else if (allowed.includes('hard_shutdown')) fixes.push({ operation: 'hard_shutdown', label: 'Force Shut Down' });
  return fixes;
}

/**
 * Inline fixes for a VM that cannot be migrated off the server: Suspend or Shut Down it here, then the plan is
 * checked again; the VM is remembered so Exit Maintenance Mode can bring it back.
 */
export function BlockingVmFix({ vm, disabled, onFixed }: { vm: XapiRecord<'VM'>; disabled: boolean; onFixed(vmId: string): void }) {
  const bridge = useBridge();
  const [running, setRunning] = useState<VmPowerOperation | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fix = async (operation: VmPowerOperation) => {
    setRunning(operation);
    setError(null);
    const result = await bridge.call('vm.power', { vmIds: [vm.$id], operation });
    const job = result.ok && result.output.jobIds[0] !== undefined ? await whenJobFinished(result.output.jobIds[0]) : null;
    setRunning(null);
    if (!result.ok) setError(result.error);
    else if (job && job.state !== 'succeeded') setError(job.error ?? { code: 'TASK_CANCELLED', message: 'The operation was cancelled.' });
    else onFixed(vm.$id);
  };
  return (
    <span className="blocking-fix">
      {fixesFor(vm).map(({ operation, label }) => (
        <button key={operation} type="button" className="small-button" disabled={disabled || running !== null} aria-label={`${label} ${vm.name_label}`} onClick={() => void fix(operation)}>
          {running === operation ? `${label}…` : label}
        </button>
      ))}
      <CallError error={error} />
    </span>
  );
}
