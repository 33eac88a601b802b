import { useEffect } from 'react';
import type { LooseXapiObject } from '../../../shared/xapi/objects.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { dockConsole, undockConsole, useConsoleDocking } from './console-docking.js';
import { ConsoleView } from './console-view.js';

/** Whether an object's console is live: a running VM, or a live host (its control domain's console). */
function consoleAvailable(object: LooseXapiObject | undefined): boolean {
  if (!object) return false;
  return object.$type === 'host' ? true : object.power_state === 'Running';
}

/** The Console tab of a VM or host: the live console, or a placeholder while it is undocked. */
export function ConsoleTab({ objectId }: { objectId: string }) {
  const object = useObjectsStore(selectObject(objectId));
  const undocked = useConsoleDocking((state) => state.undocked.has(objectId));
  const name = String(object?.name_label ?? 'console');
  if (undocked) {
    return (
      <div className="console-undocked">
        <p>The console of {name} is open in its own window.</p>
        <button type="button" className="primary" onClick={() => dockConsole(objectId)}>
          Dock it back here
        </button>
      </div>
    );
  }
  return <ConsoleView key={objectId} objectId={objectId} name={name} running={consoleAvailable(object)} onUndock={() => undockConsole(objectId)} />;
}

/** The whole page of an undocked console window: only the console view. */
export function ConsoleWindow({ objectId }: { objectId: string }) {
  const object = useObjectsStore(selectObject(objectId));
  const name = String(object?.name_label ?? 'console');
  useEffect(() => {
    document.title = `${name} — Console — Xenith`;
  }, [name]);
  return (
    <div className="console-window">
      <ConsoleView objectId={objectId} name={name} running={consoleAvailable(object)} />
    </div>
  );
}
