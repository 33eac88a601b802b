import { describe, expect, it } from 'vitest';
import { eventNames, methodNames } from '../../src/shared/api/contract.js';
import { chooseFileChannel, methodChannel, openConsoleWindowChannel } from '../../src/shared/api/preload-api.js';
import type { CommandId } from '../../src/shared/ui/menu-model.js';
import { buildPreloadApi, type PreloadIpc } from './preload-bridge.js';

/** A recording stand-in for ipcRenderer: plain data in, plain data out. */
function recordingIpc(reply: (channel: string, input: unknown) => unknown = () => ({ ok: true, output: null })) {
  const calls: { channel: string; input: unknown }[] = [];
  const sent: { channel: string; argument: string }[] = [];
  let deliver: (message: unknown) => void = () => {};
  let deliverMenu: (commandId: unknown) => void = () => {};
  const ipc: PreloadIpc = {
    async invoke(channel, input) {
      calls.push({ channel, input });
      return reply(channel, input);
    },
    listenForEvents(listener) {
      deliver = listener;
    },
    send(channel, argument) {
      sent.push({ channel, argument });
    },
    listenForMenuCommands(listener) {
      deliverMenu = listener;
    },
  };
  return { ipc, calls, sent, deliver: (message: unknown) => deliver(message), deliverMenu: (commandId: unknown) => deliverMenu(commandId) };
}

describe('buildPreloadApi (SECURITY-CRITICAL)', () => {
  it('exposes exactly one function per contract method and nothing generic', () => {
    const api = buildPreloadApi(recordingIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(['chooseFile', 'methods', 'onMenuCommand', 'openConsoleWindow', 'shell', 'subscribe']);
    expect(Object.keys(api.methods).sort()).toEqual([...methodNames].sort());
    expect(api.shell).toBe('electron');
    for (const name of methodNames) expect(typeof api.methods[name]).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each method on its own channel only', async () => {
    const { ipc, calls } = recordingIpc();
    const api = buildPreloadApi(ipc);
    for (const name of methodNames) {
      const call = api.methods[name] as (input: unknown) => Promise<unknown>;
      await call({ probe: name });
    }
    expect(calls).toEqual(methodNames.map((name) => ({ channel: methodChannel(name), input: { probe: name } })));
  });

  it('returns the main process result unchanged', async () => {
    const { ipc } = recordingIpc(() => ({ ok: false, error: { code: 'VALIDATION', message: 'bad theme' } }));
    const api = buildPreloadApi(ipc);
    await expect(api.methods['settings.get']({})).resolves.toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'bad theme' },
    });
  });

  it('turns a failed invoke into a TRANSPORT error instead of a rejection', async () => {
    const ipc: PreloadIpc = {
      invoke: () => Promise.reject(new Error('No handler registered')),
      listenForEvents() {},
      send() {},
      listenForMenuCommands() {},
    };
    const result = await buildPreloadApi(ipc).methods['app.version']({});
    expect(result).toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
  });

  it('asks for a file dialog on its shell channel with plain data only, and passes on a handle and a name — never a path', async () => {
    const { ipc, calls } = recordingIpc(() => ({ handle: 'a'.repeat(32), name: 'web-01.xva', path: '/home/me/web-01.xva' }));
    const api = buildPreloadApi(ipc);
    const request = { mode: 'save' as const, title: 'Export', suggestedName: 'web-01.xva', filters: [{ name: 'XVA files', extensions: ['xva'] }] };
    await expect(api.chooseFile!(request)).resolves.toEqual({ handle: 'a'.repeat(32), name: 'web-01.xva' });
    expect(calls).toEqual([{ channel: chooseFileChannel, input: request }]);
    await expect(api.chooseFile!({ ...request, suggestedName: '../../etc/passwd' })).rejects.toThrow(TypeError);
    await expect(api.chooseFile!({ ...request, mode: 'delete' } as never)).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(1);
    // Whatever else the shell answers reads as cancelled.
    const odd = buildPreloadApi(recordingIpc(() => ({ handle: '/home/me/x.xva', name: 'x.xva' })).ipc);
    await expect(odd.chooseFile!(request)).resolves.toBeNull();
  });

  it('opens console windows only on the shell channel, with a checked object id', () => {
    const { ipc, sent } = recordingIpc();
    const api = buildPreloadApi(ipc);
    api.openConsoleWindow!('OpaqueRef:vm');
    expect(sent).toEqual([{ channel: openConsoleWindowChannel, argument: 'OpaqueRef:vm' }]);
    expect(() => api.openConsoleWindow!({} as never)).toThrow(TypeError);
    expect(sent).toHaveLength(1);
  });

  it('passes only menu command ids of the shared model to the page, until it unsubscribes', () => {
    const { ipc, deliverMenu } = recordingIpc();
    const api = buildPreloadApi(ipc);
    const received: CommandId[] = [];
    const unsubscribe = api.onMenuCommand!((commandId) => received.push(commandId));
    deliverMenu('vm.start');
    deliverMenu('constructor');
    deliverMenu({ command: 'vm.start' });
    deliverMenu('vm.start; alert(1)');
    unsubscribe();
    deliverMenu('vm.reboot');
    expect(received).toEqual(['vm.start']);
    expect(() => api.onMenuCommand!('alert(1)' as never)).toThrow(TypeError);
  });

  it('cannot be modified by the page', () => {
    const api = buildPreloadApi(recordingIpc().ipc);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.methods)).toBe(true);
  });

  it('delivers contract events to their subscribers until they unsubscribe', () => {
    const { ipc, deliver } = recordingIpc();
    const api = buildPreloadApi(ipc);
    const event = eventNames[0]!;
    const received: unknown[] = [];
    const unsubscribe = api.subscribe(event, (payload) => received.push(payload));
    deliver({ event, payload: { theme: 'dark', taskPanelOpen: true } });
    unsubscribe();
    deliver({ event, payload: { theme: 'light', taskPanelOpen: true } });
    expect(received).toEqual([{ theme: 'dark', taskPanelOpen: true }]);
  });

  it('drops messages that are not contract events', () => {
    const { ipc, deliver } = recordingIpc();
    const api = buildPreloadApi(ipc);
    const received: unknown[] = [];
    api.subscribe(eventNames[0]!, (payload) => received.push(payload));
    deliver({ event: 'not.an.event', payload: 1 });
    deliver(null);
    deliver('settings.changed');
    expect(received).toEqual([]);
  });

  it('refuses to subscribe to an event the contract does not declare', () => {
    const api = buildPreloadApi(recordingIpc().ipc);
    expect(() => api.subscribe('constructor' as never, () => {})).toThrow(/no event called constructor/);
    expect(() => api.subscribe(eventNames[0]!, 'alert(1)' as never)).toThrow(TypeError);
  });
});
