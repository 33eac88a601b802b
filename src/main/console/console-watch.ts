import { isOfType } from '../../shared/xapi/objects.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { ConsoleCloseReason } from '../../shared/api/console-close.js';

/**
 * Watches the VM behind an open console and says when the console must end: halted, or restarted/moved
 * (a reboot gives a new domain; a migration a new resident host) so the client should open it again.
 */
export function watchConsoleVm(mirror: ObjectMirror, vmRef: string, consoleRef: string, onEnd: (reason: ConsoleCloseReason, message: string) => void): () => void {
  const initial = mirror.get(vmRef, 'VM');
  const residentOn = initial?.resident_on;
  const domid = initial?.domid;
  return mirror.onChanges((changes) => {
    for (const change of changes) {
      if (change.kind === 'remove' && change.id === vmRef) return onEnd('vmHalted', 'The VM was deleted.');
      if (change.kind === 'remove' && change.id === consoleRef) {
        const vm = mirror.get(vmRef, 'VM');
        return vm?.power_state === 'Running' ? onEnd('restarted', 'The VM restarted; reconnecting to its console.') : onEnd('vmHalted', 'The VM is no longer running.');
      }
      if (change.kind !== 'change' || change.change.$id !== vmRef) continue;
      const vm = change.object;
      if (!isOfType(vm, 'VM')) continue;
      if (vm.power_state !== 'Running') return onEnd('vmHalted', `The VM is ${vm.power_state.toLowerCase()}.`);
      if (vm.resident_on !== residentOn) return onEnd('restarted', 'The VM moved to another host; reconnecting to its console there.');
      if (vm.domid !== domid) return onEnd('restarted', 'The VM restarted; reconnecting to its console.');
    }
  });
}
