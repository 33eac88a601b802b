/** What a method handler knows about the call it serves. */
import type { Engine } from './engine.js';

export interface CallContext {
  engine: Engine;
  /** Host (ref) whose server received the call. */
  hostRef: string;
  /** Wire name as called, e.g. `VM.start` or `Async.VM.start`. */
  method: string;
  /** Session ref of the caller ('' for session-less calls). */
  sessionRef: string;
  /** The task tracking this call when it was made through `Async.` (or created by the handler). */
  taskRef?: string;
  /** Made by the control port (a test harness), not a client: `POST /vms/<id>/start {host}` may place a VM on a
   *  host that does not see its SRs. */
  fromControlPort?: boolean;
}
