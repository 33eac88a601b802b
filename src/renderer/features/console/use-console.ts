import RFB from '@novnc/novnc';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { statusAfterClose, type ConsoleStatus } from './console-status.js';
import { TextTerminal } from './text-terminal.js';

const reconnectDelayMs = 800;

/**
 * Connects noVNC to an object's console through the server's one-time loopback URL. The WebSocket is made
 * here and handed to noVNC so the proxy's close code and reason (halted, restarted, host lost…) reach the tab;
 * after a restart or migration it reconnects by itself, and when the VM starts again it connects.
 */
export function useConsole(objectId: string, running: boolean, container: RefObject<HTMLDivElement | null>, scale: boolean) {
  const bridge = useBridge();
  const [status, setStatus] = useState<ConsoleStatus>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const rfbRef = useRef<RFB | null>(null);
  const textSocket = useRef<WebSocket | null>(null);
  const [protocol, setProtocol] = useState<'rfb' | 'vt100'>('rfb');
  const [lines, setLines] = useState<string[]>([]);

  useEffect(() => {
    if (!running) {
      setStatus({ kind: 'not-running', message: 'This VM is not running. Start it to see its console.' });
      return;
    }
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setStatus({ kind: 'connecting' });
    void bridge.call('console.open', { objectId }).then((opened) => {
      if (cancelled || !container.current) return;
      if (!opened.ok) {
        setStatus(opened.error.code === 'VM_NOT_RUNNING' ? { kind: 'not-running', message: opened.error.message } : { kind: 'disconnected', message: `${opened.error.message} (${opened.error.code})` });
        return;
      }
      const socket = new WebSocket(opened.output.url, ['binary']);
      socket.binaryType = 'arraybuffer';
      const onClose = (event: CloseEvent) => {
        if (cancelled) return;
        const next = statusAfterClose(event.code, event.reason);
        setStatus(next);
        if (next.kind === 'reconnecting') retry = setTimeout(() => setAttempt((n) => n + 1), reconnectDelayMs);
      };
      setProtocol(opened.output.protocol);
      if (opened.output.protocol === 'vt100') {
        // A text console (a host's own, without RFB): drawn as text, typed as bytes.
        const terminal = new TextTerminal();
        const decoder = new TextDecoder();
        let frame = 0;
        textSocket.current = socket;
        socket.addEventListener('open', () => !cancelled && setStatus({ kind: 'connected' }));
        socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
          terminal.write(decoder.decode(event.data, { stream: true }));
          frame ||= requestAnimationFrame(() => {
            frame = 0;
            setLines(terminal.lines());
          });
        });
        socket.addEventListener('close', onClose);
        return;
      }
      const rfb = new RFB(container.current, socket);
      rfb.scaleViewport = scale;
      rfb.background = 'transparent';
      rfbRef.current = rfb;
      rfb.addEventListener('connect', () => !cancelled && setStatus({ kind: 'connected' }));
      socket.addEventListener('close', onClose);
    });
    return () => {
      cancelled = true;
      clearTimeout(retry);
      rfbRef.current?.disconnect();
      rfbRef.current = null;
      textSocket.current?.close();
      textSocket.current = null;
    };
    // `scale` is applied live by the effect below, without reconnecting.
  }, [bridge, objectId, running, attempt]);

  useEffect(() => {
    if (rfbRef.current) rfbRef.current.scaleViewport = scale;
  }, [scale, status]);

  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);
  /** Types text on a vt100 console (Enter is carriage return, as a terminal sends it). */
  const sendText = useCallback((text: string) => {
    const socket = textSocket.current;
    if (socket?.readyState === WebSocket.OPEN) socket.send(new TextEncoder().encode(text.replace(/\r?\n/g, '\r')));
  }, []);
  return { status, rfb: rfbRef, reconnect, protocol, lines, sendText };
}
