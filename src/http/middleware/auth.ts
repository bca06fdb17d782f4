import type { MiddlewareHandler } from 'hono';
import { sendError } from '../errors.js';

export interface AuthOptions {
  /** VIGIE_PUBLIC_READ: items and search are readable without signing in. */
  publicRead: boolean;
  /** Paths anyone may call, reads and writes (sign-in, invitation acceptance, password reset). */
  openPaths?: RegExp[];
}

/**
 * Lets reads through while public reading is on and refuses writes until a request is authenticated. The
 * accounts work (sessions, API tokens) plugs its identity in front of this hook by setting `c.var.user`.
 */
export function authHook(opts: AuthOptions): MiddlewareHandler<{ Variables: { user?: { id: number; role: string } | null } }> {
  return async function auth(c, next) {
    const user = c.get('user');
    const isRead = c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS';
    if (user) return next();
    if (opts.openPaths?.some((p) => p.test(c.req.path))) return next();
    if (isRead && opts.publicRead) return next();
    return sendError(c, 401, 'unauthenticated', isRead ? 'sign in to read this watch' : 'sign in to make changes');
  };
}
