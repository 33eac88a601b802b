import type { ApiError } from './errors.js';

/**
 * What a call returns across any transport. Errors travel as data because neither contextBridge
 * nor JSON keep an Error's own properties.
 */
export type CallResult<T> = { ok: true; output: T } | { ok: false; error: ApiError };
