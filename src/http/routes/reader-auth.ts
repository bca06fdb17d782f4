import type { Context } from 'hono';
import { checkAppPassword, checkFeverKey, readerAuthToken, readerEditToken, resolveReaderAuth, secretHashFor, type AppPasswordRow } from '../../accounts/app-passwords.js';
import { serverKey } from '../../db/meta/server-key.js';
import { readerContext, type ReaderContext } from '../../reader/context.js';
import { clientAddress } from '../middleware/rate-limit.js';
import type { AppDeps } from '../types.js';

const MINUTE = 60_000;

/**
 * Failed sign-ins of reader apps, throttled like the login form: per (e-mail, client address) and per address;
 * successes do not count, so the right password from elsewhere still works.
 */
export function createReaderGuard(deps: AppDeps) {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const limits = { pair: 10, address: 50, windowMs: 15 * MINUTE };
  const over = (key: string, max: number) => {
    const w = failures.get(key);
    return w !== undefined && w.resetAt > deps.clock.now() && w.count >= max;
  };
  const fail = (key: string) => {
    const now = deps.clock.now();
    if (failures.size > 10_000) for (const [k, w] of failures) if (w.resetAt <= now) failures.delete(k);
    const w = failures.get(key);
    if (!w || w.resetAt <= now) failures.set(key, { count: 1, resetAt: now + limits.windowMs });
    else w.count++;
  };
  let key: string | null = null;
  const macKey = () => (key ??= serverKey(deps.sqlite, 'reader-auth', deps.clock.now()));
  const context = (pw: AppPasswordRow) => readerContext(deps.sqlite, pw, { publicRead: deps.config.publicRead, now: deps.clock.now() });

  return {
    macKey,
    /** E-mail + app password: the stable `Auth` token, 'throttled', or null (wrong). */
    login(c: Context, email: string, password: string): string | 'throttled' | null {
      const addr = clientAddress(c);
      const pair = `${email.trim().toLowerCase()}|${addr}`;
      if (over(pair, limits.pair) || over(addr, limits.address)) return 'throttled';
      const pw = email && password ? checkAppPassword(deps.sqlite, email, password, deps.clock.now()) : null;
      if (!pw) {
        fail(pair);
        fail(addr);
        return null;
      }
      return context(pw) ? readerAuthToken(macKey(), pw, secretHashFor(password)) : null;
    },
    /** Fever's api_key (md5 of "email:password"). */
    fever(c: Context, apiKey: string): ReaderContext | 'throttled' | null {
      const addr = clientAddress(c);
      if (over(addr, limits.address)) return 'throttled';
      const pw = checkFeverKey(deps.sqlite, apiKey, deps.clock.now());
      if (!pw) {
        fail(addr);
        return null;
      }
      return context(pw);
    },
    /** A Google Reader `Auth` token. */
    token(token: string): (ReaderContext & { editToken: string }) | null {
      const pw = resolveReaderAuth(deps.sqlite, macKey(), token, deps.clock.now());
      const ctx = pw && context(pw);
      return ctx ? Object.assign(ctx, { editToken: readerEditToken(macKey(), pw, pw.secretHash) }) : null;
    },
  };
}
export type ReaderGuard = ReturnType<typeof createReaderGuard>;
