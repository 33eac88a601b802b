import { makeApiError, type ApiError } from '../../shared/api/errors.js';

/** An error an implementation throws on purpose: it reaches the client as is. */
export class ApiFailure extends Error {
  readonly apiError: ApiError;

  constructor(code: string, message: string, extras: { params?: readonly string[]; poolId?: string } = {}) {
    super(message);
    this.name = 'ApiFailure';
    this.apiError = makeApiError(code, message, extras);
  }
}
