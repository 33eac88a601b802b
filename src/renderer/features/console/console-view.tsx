import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { undockedConsoleId } from './console-docking.js';
import { keysymsForText } from './text-keysyms.js';
import { TypeTextDialog } from './type-text-dialog.js';
import { useConsole } from './use-console.js';

export interface ConsoleViewProps {
  objectId: string;
  /** Shown in file names and labels. */
  name: string;
  running: boolean;
  /** Opens the console in its own window (absent in that window itself). */
  onUndock?: () => void;
}

/** Whether `element` is what the browser shows full screen now, followed live (Esc leaves it too). */
function useFullscreen(element: RefObject<HTMLElement | null>): boolean {
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const update = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === element.current);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, [element]);
  return fullscreen;
}

/** Downloads the framebuffer as a PNG. */
function saveScreenshot(dataUrl: string, name: string): void {
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = `${name.replace(/[^\w.-]+/g, '_')}-console-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
  link.click();
}

/** XenCenter's Console tab: the VM's screen through noVNC, with its toolbar and states. */
export function ConsoleView({ objectId, name, running, onUndock }: ConsoleViewProps) {
  const screen = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(true);
  const [typing, setTyping] = useState(false);
  const fullscreen = useFullscreen(frame);
  // In its own window the console can go back to its tab: closing the window docks it (see console-docking).
  const undocked = undockedConsoleId() === objectId;
  const { status, rfb, reconnect, protocol, lines, sendText } = useConsole(objectId, running, screen, scale);
  const connected = status.kind === 'connected';
  const text = protocol === 'vt100';

  const sendCtrlAltDel = () => rfb.current?.sendCtrlAltDel();
  const onKeyDown = (event: KeyboardEvent) => {
    // XenCenter's Ctrl+Alt+Insert: the local OS keeps Ctrl+Alt+Del for itself.
    if (event.ctrlKey && event.altKey && event.code === 'Insert') {
      event.preventDefault();
      sendCtrlAltDel();
    }
  };
  const typeText = (value: string) => {
    setTyping(false);
    if (text) return sendText(value);
    for (const keysym of keysymsForText(value)) {
      rfb.current?.sendKey(keysym, null, true);
      rfb.current?.sendKey(keysym, null, false);
    }
    rfb.current?.focus();
  };

  return (
    <div className="console-view" ref={frame} onKeyDownCapture={onKeyDown}>
      <div className="console-toolbar" role="toolbar" aria-label="Console">
        <label className="check">
          <input type="checkbox" checked={scale} onChange={(event) => setScale(event.target.checked)} /> Scale
        </label>
        <button type="button" disabled={!connected || text} onClick={sendCtrlAltDel} title="Ctrl+Alt+Insert">
          Send Ctrl+Alt+Del
        </button>
        <button type="button" disabled={!connected} onClick={() => setTyping(true)}>
          Type text…
        </button>
        <button type="button" disabled={!connected || text} onClick={() => rfb.current && saveScreenshot(rfb.current.toDataURL('image/png'), name)}>
          Screenshot
        </button>
        {fullscreen ? (
          <button type="button" className="console-exit-fullscreen" onClick={() => void document.exitFullscreen()} title="Esc">
            Exit Fullscreen
          </button>
        ) : (
          <button type="button" disabled={!connected} onClick={() => void frame.current?.requestFullscreen()}>
            Fullscreen
          </button>
        )}
        {onUndock && !fullscreen && (
          <button type="button" onClick={onUndock}>
            Undock
          </button>
        )}
        {undocked && !fullscreen && (
          <button type="button" onClick={() => window.close()} title="Put the console back in its tab in the main window">
            Dock
          </button>
        )}
        {fullscreen && <span className="console-hint">Esc also leaves full screen</span>}
        <span className="spacer" />
        <span className="console-state" role="status" data-testid="console-state">
          {status.kind === 'connected' ? 'Connected' : status.kind === 'connecting' ? 'Connecting…' : status.kind === 'reconnecting' ? 'Reconnecting…' : status.kind === 'not-running' ? 'Not running' : 'Disconnected'}
        </span>
      </div>
      <div className="console-screen" ref={screen} aria-label={`Console of ${name}`} data-testid="console-screen" hidden={text} />
      {text && (
        <pre
          className="console-text"
          tabIndex={0}
          aria-label={`Text console of ${name}`}
          data-testid="console-text"
          onKeyDown={(event) => {
            const key = event.key === 'Enter' ? '\r' : event.key === 'Backspace' ? '\x7f' : event.key.length === 1 && !event.ctrlKey && !event.metaKey ? event.key : '';
            if (!key) return;
            event.preventDefault();
            sendText(key);
          }}
        >
          {lines.join('\n')}
        </pre>
      )}
      {status.kind !== 'connected' && (
        <div className="console-overlay" role="alert">
          {status.kind === 'connecting' && <p>Connecting to the console…</p>}
          {(status.kind === 'not-running' || status.kind === 'reconnecting' || status.kind === 'disconnected') && <p>{status.message}</p>}
          {status.kind === 'disconnected' && (
            <button type="button" className="primary" onClick={reconnect}>
              Reconnect
            </button>
          )}
        </div>
      )}
      {typing && <TypeTextDialog onType={typeText} onClose={() => setTyping(false)} />}
    </div>
  );
}
