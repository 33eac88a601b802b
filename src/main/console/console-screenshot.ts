import type { Duplex } from 'node:stream';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { PinStore } from '../trust/pin-store.js';
import { connectConsoleUpstream } from './console-upstream.js';
import { encodePng } from './png-encode.js';
import { grabRfbFrame, shrinkFrame } from './rfb-frame.js';

/** The pool session and port a console connection uses (the pool's live connection; null when not connected). */
export type PoolAccess = (poolId: string) => { sessionId: string; port: number } | null;

export interface ConsoleScreenshotDeps {
  mirror: ObjectMirror;
  pins: PinStore;
  poolAccess: PoolAccess;
}

/** How long a screenshot may take before the snapshot goes on without one. */
const screenshotTimeoutMs = 5000;
/** Wider screens are shrunk by a whole factor to at most this width: a thumbnail, still legible when opened. */
const maxScreenshotWidth = 1024;

/** Ends `promise` with an error after `ms` (and runs `onTimeout`, which closes what it waits on). */
function within<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error('The console did not send a frame in time.'));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A PNG of a running VM's console screen, as XenCenter keeps with each snapshot: one RFB frame from the console on
 * the VM's resident host, through the pool session over pinned TLS (the Console tab's path). Null when the VM has
 * no RFB console (halted, a text-only console) or the pool is not connected; throws when the console fails.
 */
export async function captureConsolePng(deps: ConsoleScreenshotDeps, vmId: string): Promise<Buffer | null> {
  const vm = deps.mirror.get(vmId, 'VM');
  if (!vm || vm.power_state !== 'Running') return null;
  const rfb = [...deps.mirror.index.lookup('console.VM', vmId)].map((id) => deps.mirror.get(id, 'console')).find((c) => c?.protocol === 'rfb');
  const access = deps.poolAccess(vm.$pool);
  if (!rfb || !access || typeof rfb.location !== 'string') return null;
  let upstream: Duplex | null = null;
  let abandoned = false;
  const grab = async () => {
    const stream = await connectConsoleUpstream({ location: rfb.location, defaultPort: access.port, sessionId: access.sessionId }, deps.pins);
    if (abandoned) {
      stream.destroy();
      throw new Error('The console answered too late.');
    }
    upstream = stream;
    return grabRfbFrame(stream);
  };
  try {
    const frame = shrinkFrame(await within(grab(), screenshotTimeoutMs, () => (abandoned = true)), maxScreenshotWidth);
    return encodePng(frame.width, frame.height, frame.rgb);
  } finally {
    (upstream as Duplex | null)?.destroy();
  }
}
