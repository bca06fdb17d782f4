import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { resolveApiToken } from '../../accounts/tokens.js';
import { resolveSession, SESSION_COOKIE, SESSION_TTL_MS } from '../../accounts/sessions.js';
import { loadAuthUser } from '../../accounts/users.js';
import { sendError } from '../errors.js';
import type { AppDeps, AppEnv } from '../types.js';

export const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/**
 * Resolves who is asking into `c.var.user`: an `Authorization: Bearer` token (a wrong one is a 401, whatever the
 * route) or the session cookie (an unknown or expired one is dropped and the request continues anonymously, so a
 * stale cookie never locks anyone out of public pages). A read-scoped token cannot write.
 */
export function identity(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function identify(c, next) {
    const now = deps.clock.now();
    const header = c.req.header('authorization');
    // Only bearer tokens here: reader apps send `GoogleLogin auth=…`, which their own routes check.
    if (header !== undefined && /^Bearer\s/i.test(header)) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const token = m ? resolveApiToken(deps.sqlite, m[1]!, now) : null;
      const user = token && loadAuthUser(deps.sqlite, token.userId, { via: 'token', scope: token.scope, sessionId: null, tokenId: token.id, csrfToken: null });
      if (!user) {
        c.header('WWW-Authenticate', 'Bearer realm="vigie", error="invalid_token"');
        return sendError(c, 401, 'invalid_token', 'the bearer token is unknown, revoked or expired');
      }
      if (user.scope === 'read' && !isSafeMethod(c.req.method)) {
        return sendError(c, 403, 'insufficient_scope', 'this token has the read scope; create one with the curate scope to make changes');
      }
      c.set('user', user);
      return next();
    }
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) {
      const session = resolveSession(deps.sqlite, secret, now);
      const user = session && loadAuthUser(deps.sqlite, session.userId, { via: 'session', scope: 'all', sessionId: session.id, tokenId: null, csrfToken: session.csrfToken });
      if (user) c.set('user', user);
      else clearSessionCookie(c, deps);
    }
    return next();
  };
}

const secure = (deps: AppDeps) => deps.config.publicUrl.startsWith('https:');

export function setSessionCookie(c: Context, deps: AppDeps, secret: string): void {
  setCookie(c, SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'Lax', secure: secure(deps), path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000) });
}

export function clearSessionCookie(c: Context, deps: AppDeps): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure: secure(deps), path: '/' });
}
