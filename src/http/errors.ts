import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** The one error shape of every route: `{"error": {"code", "message", "field"?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** A domain error the HTTP layer maps to a status code in one place (here). */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

export function sendError(c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string) {
  return c.json(errorBody(code, message, field), status);
}

/** A zod failure as a 400 naming the first offending field (unknown fields by their name). */
export function validationError(c: Context, error: ZodError, where: string) {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  const field = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]].join('.') : path.join('.') || undefined;
  const message = issue.code === 'unrecognized_keys' ? `unknown field '${issue.keys[0]}'` : issue.message;
  return sendError(c, 400, 'invalid_request', `${where}: ${field ? `${field}: ` : ''}${message}`, field);
}
