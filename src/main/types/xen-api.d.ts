// The parts of the `xen-api` npm client (4.7.x, untyped JavaScript) that Xenith uses.
declare module 'xen-api' {
  import type { EventEmitter } from 'node:events';

  export interface XapiRecord {
    readonly $id: string;
    readonly $ref: string;
    readonly $type: string;
    readonly [field: string]: unknown;
  }

  export interface ObjectCollection extends EventEmitter {
    readonly all: Readonly<Record<string, XapiRecord>>;
    on(event: 'add' | 'update' | 'remove', listener: (objects: Record<string, XapiRecord>) => void): this;
  }

  export interface XapiOptions {
    url: string;
    auth?: { user: string; password: string } | { sessionId: string };
    allowUnauthorized?: boolean;
    watchEvents?: boolean | string[];
    transport?: 'auto' | 'json-rpc' | 'xml-rpc';
    eventPollDelay?: number;
    debounce?: number;
    callTimeout?: number;
    httpInactivityTimeout?: number;
  }

  export interface Xapi extends EventEmitter {
    readonly status: 'connected' | 'connecting' | 'disconnected';
    readonly sessionId: string | undefined;
    readonly objects: ObjectCollection;
    readonly objectsFetched: Promise<void>;
    readonly pool: XapiRecord;
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
    callAsync<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
    getResource(path: string, options?: { host?: XapiRecord; query?: Record<string, string>; task?: string | boolean }): Promise<unknown>;
    putResource(body: unknown, path: string, options?: { host?: XapiRecord; query?: Record<string, string>; task?: string | boolean }): Promise<unknown>;
  }

  export function createClient(options: XapiOptions): Xapi;
}
