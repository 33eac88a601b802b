import { useEffect } from 'react';
import { isOfType, type XapiObject } from '../../../shared/xapi/objects.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { dockConsole, undockConsole, useConsoleDocking } from './console-docking.js';
import { ConsoleView } from './console-view.js';
import { DvdDriveBar } from './dvd-drive-bar.js';

/** Whether an object's console is live: a running VM, or a live host (its control domain's console). */
function consoleAvailable(object: XapiObject | undefined): boolean {
  return isOfType(object, 'host') || (isOfType(object, 'VM') && object.power_state === 'Running');
}

/** What the console is called: its object's name. */
function consoleName(object: XapiObject | undefined): string {
  return object && 'name_label' in object ? object.name_label : 'console';
}

/** The Console tab of a VM or host: the live console, or a placeholder while it is undocked. */
export function ConsoleTab({ objectId }: { objectId: string }) {
  const object = useObjectsStore(selectObject(objectId));
  const undocked = useConsoleDocking((state) => state.undocked.has(objectId));
  const name = consoleName(object);
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
  const view = <ConsoleView key={objectId} objectId={objectId} name={name} running={consoleAvailable(object)} onUndock={() => undockConsole(objectId)} />;
  if (!isOfType(object, 'VM')) return view;
  return (
    <div className="console-tab-with-dvd">
      <DvdDriveBar vm={object} />
      {view}
    </div>
  );
}

/** The whole page of an undocked console window: only the console view. */
export function ConsoleWindow({ objectId }: { objectId: string }) {
  const object = useObjectsStore(selectObject(objectId));
  const name = consoleName(object);
  useEffect(() => {
    document.title = `${name} — Console — Xenith`;
  }, [name]);
  return (
    <div className="console-window">
      <ConsoleView objectId={objectId} name={name} running={consoleAvailable(object)} />
    </div>
  );
}
