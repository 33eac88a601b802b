/** VM.allowed_operations from power state, template/snapshot/control-domain flags and operations in progress. */
import type { Engine } from '../api/engine.js';

const HALTED = ['start', 'start_on', 'clone', 'copy', 'snapshot', 'destroy', 'export', 'metadata_export', 'make_into_template',
  'changing_memory_limits', 'changing_static_range', 'changing_dynamic_range', 'changing_VCPUs', 'changing_shadow_memory', 'changing_NVRAM', 'migrate_send', 'create_vtpm'];
const RUNNING = ['clean_shutdown', 'hard_shutdown', 'clean_reboot', 'hard_reboot', 'suspend', 'pause', 'pool_migrate', 'migrate_send',
  'snapshot', 'checkpoint', 'export', 'metadata_export', 'changing_dynamic_range', 'changing_memory_live', 'changing_VCPUs_live', 'send_sysrq', 'send_trigger', 'call_plugin'];
const PAUSED = ['unpause', 'hard_shutdown', 'hard_reboot', 'changing_dynamic_range', 'metadata_export'];
const SUSPENDED = ['resume', 'resume_on', 'hard_shutdown', 'snapshot', 'checkpoint', 'clone', 'copy', 'export', 'metadata_export', 'pool_migrate', 'migrate_send'];
const TEMPLATE = ['clone', 'copy', 'provision', 'destroy', 'export', 'metadata_export', 'changing_memory_limits', 'changing_static_range', 'changing_dynamic_range', 'changing_VCPUs'];
const SNAPSHOT = ['clone', 'copy', 'destroy', 'export', 'metadata_export', 'revert'];

export function vmAllowedOperations(engine: Engine, ref: string): string[] {
  const vm = engine.store.get('VM', ref);
  if (vm.is_control_domain) return [];
  if (Object.keys(vm.current_operations as Record<string, string>).length > 0) return [];
  if (vm.is_a_snapshot) return SNAPSHOT;
  if (vm.is_a_template) return TEMPLATE;
  switch (vm.power_state) {
    case 'Running': return RUNNING;
    case 'Paused': return PAUSED;
    case 'Suspended': return SUSPENDED;
    default: return HALTED;
  }
}
