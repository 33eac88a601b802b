/**
 * The consoles of one simulated pool, keyed by VM: created when a viewer first connects to a running VM (booting,
 * or showing the saved screen of a resumed guest), rebooted when the VM gets a new domain (reboot), closed when it
 * halts, suspends, moves to another host or disappears.
 * Ctrl+Alt+Del goes through the pool's own VM.clean_reboot, so clients see the usual power events.
 */
import type { Engine } from '../api/engine.js';
import type { Change } from '../model/store.js';
import { consoleProfile } from './boot-script.js';
import { ConsoleSession, type ConsoleImage } from './console-session.js';

interface Entry { session: ConsoleSession; host: string; domid: unknown }

/** A resumed guest's screen, waiting for its first viewer; only for the domain it was resumed as. */
interface Pending { image: ConsoleImage; domid: unknown }

const hubs = new WeakMap<Engine, ConsoleHub>();

export class ConsoleHub {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Pending>();

  /** The hub of `engine` (one per pool, created on first use). */
  static of(engine: Engine): ConsoleHub {
    let hub = hubs.get(engine);
    if (!hub) {
      hub = new ConsoleHub(engine);
      hubs.set(engine, hub);
    }
    return hub;
  }

  private constructor(private readonly engine: Engine) {
    engine.store.onChange((c) => this.onChange(c));
    engine.shutdownSignal.addEventListener('abort', () => {
      for (const e of this.entries.values()) e.session.close();
      this.entries.clear();
    });
  }

  /** Whether the VM runs (a console exists for it) on `hostRef`. */
  static isRunningOn(engine: Engine, vmRef: string, hostRef: string): boolean {
    const vm = engine.store.row('VM', vmRef)?.record;
    return vm !== undefined && vm.power_state === 'Running' && vm.resident_on === hostRef;
  }

  /** The live console of a running VM (created on first use). */
  session(vmRef: string): ConsoleSession {
    const existing = this.entries.get(vmRef);
    if (existing) return existing.session;
    const vm = this.engine.store.get('VM', vmRef);
    const waiting = this.pending.get(vmRef);
    this.pending.delete(vmRef);
    const image = waiting && waiting.domid === vm.domid ? waiting.image : undefined;
    const session = new ConsoleSession(consoleProfile(this.engine, vmRef), {
      scaled: (ms) => this.engine.scaled(ms),
      ctrlAltDel: () => this.reboot(vmRef),
    }, image);
    this.entries.set(vmRef, { session, host: String(vm.resident_on), domid: vm.domid });
    return session;
  }

  /** The console state a suspend or checkpoint keeps: the live screen, or a resumed screen nobody looked at yet. */
  saveImage(vmRef: string): ConsoleImage | undefined {
    const live = this.entries.get(vmRef)?.session.saveImage();
    if (live) return live;
    const waiting = this.pending.get(vmRef);
    return waiting && waiting.domid === this.engine.store.row('VM', vmRef)?.record.domid ? waiting.image : undefined;
  }

  /** A resumed VM shows `image` to its first viewer instead of booting (as long as it is still that domain). */
  resumeWith(vmRef: string, image: ConsoleImage): void {
    this.pending.set(vmRef, { image, domid: this.engine.store.get('VM', vmRef).domid });
  }

  /** The console of a VM if someone opened it. */
  peek(vmRef: string): ConsoleSession | undefined {
    return this.entries.get(vmRef)?.session;
  }

  private reboot(vmRef: string): void {
    const def = this.engine.registry.lookup('VM.clean_reboot');
    if (!def?.handler) return;
    const ctx = { engine: this.engine, hostRef: this.engine.masterRef, method: 'VM.clean_reboot', sessionRef: '' };
    Promise.resolve()
      .then(() => def.handler!(ctx, [vmRef]))
      .catch(() => undefined); // busy or not running: the guest's request is simply lost, as on a real host
  }

  private onChange(c: Change): void {
    if (c.cls !== 'VM') return;
    if (c.op === 'del') this.pending.delete(c.ref);
    const entry = this.entries.get(c.ref);
    if (!entry) return;
    const vm = c.row.record;
    const gone = c.op === 'del' || (vm.power_state !== 'Running' && vm.power_state !== 'Paused') || vm.resident_on !== entry.host;
    if (gone) {
      entry.session.close();
      this.entries.delete(c.ref);
    } else if (vm.domid !== entry.domid) {
      entry.domid = vm.domid;
      entry.session.boot();
    }
  }
}
