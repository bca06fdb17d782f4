import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../lib/clock.js';
import { sendError } from '../errors.js';
import type { AppEnv } from '../types.js';

export interface Limiter {
  /** Counts one attempt for `key`; `ok: false` once more than `max` happened within the window. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number };
}

/**
 * Fixed-window counters in memory, one set per app (a restart forgives everyone, which is acceptable for slowing
 * down password guessing). Old windows are swept as keys are touched.
 */
export function createLimiter(opts: { max: number; windowMs: number; clock: Clock }): Limiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    take(key) {
      const now = opts.clock.now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + opts.windowMs };
        windows.set(key, w);
      }
      w.count++;
      return w.count > opts.max ? { ok: false, retryAfterMs: w.resetAt - now } : { ok: true };
    },
  };
}

/** The peer address (no X-Forwarded-For: nothing tells us which proxy to trust). */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export function tooMany(c: Context, retryAfterMs: number) {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return sendError(c, 429, 'rate_limited', 'too many attempts; wait a little and try again');
}

/** A middleware counting requests per key (client address by default). */
export function rateLimit(limiter: Limiter, key: (c: Context<AppEnv>) => string = clientAddress): MiddlewareHandler<AppEnv> {
  return async function limit(c, next) {
    const r = limiter.take(key(c));
    if (!r.ok) return tooMany(c, r.retryAfterMs);
    return next();
  };
}
