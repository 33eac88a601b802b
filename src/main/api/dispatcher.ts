import { isMethodName, methods, type MethodName } from '../../shared/api/contract.js';
import { makeApiError, XenithErrorCode, type ApiError } from '../../shared/api/errors.js';
import type { CallResult } from '../../shared/api/result.js';
import { validationError } from '../../shared/api/validation.js';
import type { Logger } from '../logging/logger.js';
import { ApiFailure } from './failure.js';
import type { CallContext, Implementation } from './implementation.js';

/** Maps anything thrown by an implementation to the one error shape clients see. */
export type ErrorMapper = (error: unknown) => ApiError | null;

/**
 * Validates, calls and maps errors for every contract method. Transports hand it untrusted input;
 * nothing reaches an implementation without passing the method's input schema.
 */
export class Dispatcher {
  readonly #implementation: Implementation;
  readonly #logger: Logger;
  readonly #mappers: ErrorMapper[];

  constructor(implementation: Implementation, logger: Logger, mappers: ErrorMapper[] = []) {
    this.#implementation = implementation;
    this.#logger = logger;
    this.#mappers = mappers;
  }

  async dispatch(method: unknown, input: unknown, context: CallContext): Promise<CallResult<unknown>> {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: makeApiError(XenithErrorCode.unknownMethod, `There is no method called ${String(method)}.`, {
          params: [String(method)],
        }),
      };
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(method, parsed.error) };
    try {
      const call = this.#implementation[method] as (input: unknown, context: CallContext) => Promise<unknown>;
      const output = await call(parsed.data, context);
      return { ok: true, output };
    } catch (error) {
      return { ok: false, error: this.#mapError(method, error) };
    }
  }

  #mapError(method: MethodName, error: unknown): ApiError {
    if (error instanceof ApiFailure) return error.apiError;
    for (const mapper of this.#mappers) {
      const mapped = mapper(error);
      if (mapped) return mapped;
    }
    this.#logger.error('call failed unexpectedly', { method, error: String(error) });
    return makeApiError(XenithErrorCode.internal, `Xenith could not complete ${method}: ${String(error)}`);
  }
}
