import type { z } from 'zod';
import { makeApiError, XenithErrorCode, type ApiError } from './errors.js';

/** Turns a zod failure into a VALIDATION error that names the offending field(s). */
export function validationError(method: string, error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : '(input)'));
  const details = error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
  return makeApiError(XenithErrorCode.validation, `Invalid input for ${method}: ${details}`, { params: fields });
}
