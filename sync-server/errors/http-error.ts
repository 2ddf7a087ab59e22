// Every refusal the API gives is JSON: {error, message, issues?}. Domain code (auth, sync) throws these
// too, so they sit below every server layer (docs/layers.md).
import type { ZodError, ZodType } from 'zod';
import type { ApiError } from '../../shared/wire';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
  }

  toBody(): ApiError {
    return { error: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export function zodIssues(error: ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Parses `value` or throws a 400 that names what was wrong. */
export function parseOrBadRequest<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'bad_request', `Invalid ${what}`, zodIssues(result.error));
  return result.data;
}
