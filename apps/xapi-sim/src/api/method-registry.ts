/**
 * Every callable method: one entry per datamodel message (implicit or custom), each with its parsed signature.
 * Behaviour modules attach handlers with `implement`; messages without a handler answer NOT_IMPLEMENTED.
 */
import type { MessageSchema, Schema } from '../model/schema.js';
import { parseXapiType, type XapiType } from '../model/type-grammar.js';
import type { WireType } from '../wire/wire-type.js';
import type { CallContext } from './call-context.js';

export type Handler = (ctx: CallContext, args: unknown[]) => unknown;

export interface ParamDef { name: string; type: XapiType; required: boolean }

export interface MethodDef {
  wireName: string;
  cls: string;
  name: string;
  message: MessageSchema;
  /** Whether the first datamodel parameter is `session_id`. */
  takesSession: boolean;
  /** Parameters after the session. */
  params: ParamDef[];
  result: WireType;
  handler?: Handler;
}

/** Turns a datamodel result type string into an encoding type. */
export function resultWireType(result: string): WireType {
  if (result === 'void') return { kind: 'void' };
  if (result === 'an event batch') return { kind: 'any' };
  try {
    const t = parseXapiType(result);
    return t.special === 'void' ? { kind: 'void' } : (t as WireType);
  } catch {
    return { kind: 'any' };
  }
}

export class MethodRegistry {
  private readonly defs = new Map<string, MethodDef>();
  private readonly lower = new Map<string, string>();

  constructor(schema: Schema) {
    for (const [cls, c] of Object.entries(schema.classes)) {
      for (const [name, message] of Object.entries(c.messages)) {
        const all = message.params.map((p) => ({ name: p.name, type: safeParse(p.type), required: p.required }));
        const takesSession = message.params[0]?.type === 'session ref';
        const wireName = `${cls}.${name}`;
        this.defs.set(wireName, {
          wireName, cls, name, message, takesSession,
          params: takesSession ? all.slice(1) : all,
          result: resultWireType(message.result),
        });
        this.lower.set(wireName.toLowerCase(), wireName);
      }
    }
  }

  /** Looks a method up by its wire name (class part case-insensitive, as clients vary). */
  lookup(wireName: string): MethodDef | undefined {
    return this.defs.get(wireName) ?? this.defs.get(this.lower.get(wireName.toLowerCase()) ?? '');
  }

  /** Attaches the handler for `cls.name` (the message must exist in the datamodel), optionally with a result encoding. */
  implement(cls: string, name: string, handler: Handler, result?: WireType): void {
    const def = this.defs.get(`${cls}.${name}`);
    if (!def) throw new Error(`no datamodel message ${cls}.${name}`);
    def.handler = handler;
    if (result) def.result = result;
  }

  all(): IterableIterator<MethodDef> {
    return this.defs.values();
  }
}

function safeParse(t: string): XapiType {
  try {
    return parseXapiType(t);
  } catch {
    return { kind: 'string' };
  }
}
