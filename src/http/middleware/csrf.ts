import type { MiddlewareHandler } from 'hono';
import { sameSecret } from '../../accounts/secrets.js';
import { sendError } from '../errors.js';
import type { AppEnv } from '../types.js';
import { isSafeMethod } from './session.js';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Cookie-authenticated writes must echo the session's anti-CSRF token, in the `X-CSRF-Token` header (API, scripts)
 * or a `_csrf` form field (server-rendered forms). Bearer tokens are not sent by browsers on their own, so they
 * need none.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async function checkCsrf(c, next) {
    const user = c.get('user');
    if (!user || user.via !== 'session' || isSafeMethod(c.req.method)) return next();
    let given = c.req.header(CSRF_HEADER) ?? null;
    const type = c.req.header('content-type') ?? '';
    if (given === null && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
      const field = (await c.req.parseBody())['_csrf'];
      given = typeof field === 'string' ? field : null;
    }
    if (given === null || !user.csrfToken || !sameSecret(given, user.csrfToken)) {
      return sendError(c, 403, 'csrf', `missing or wrong anti-CSRF token: send the session's csrfToken in the ${CSRF_HEADER} header`);
    }
    return next();
  };
}
