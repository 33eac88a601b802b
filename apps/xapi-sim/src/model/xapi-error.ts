/** An XAPI API error: travels as `[code, ...params]` in ErrorDescription / JSON-RPC error data. */
export class XapiError extends Error {
  readonly code: string;
  readonly params: string[];

  constructor(code: string, params: readonly unknown[] = []) {
    super(`${code}(${params.map(String).join(', ')})`);
    this.name = 'XapiError';
    this.code = code;
    this.params = params.map((p) => String(p));
  }

  /** `[code, ...params]`, the wire form. */
  get description(): string[] {
    return [this.code, ...this.params];
  }
}

/** Shorthand for `throw new XapiError(code, params)`. */
export function fail(code: string, ...params: unknown[]): never {
  throw new XapiError(code, params);
}
