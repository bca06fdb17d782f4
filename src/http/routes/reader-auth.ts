import type { Context } from 'hono';
import { checkAppPassword, checkFeverKey, readerAuthToken, readerEditToken, resolveReaderAuth, secretHashFor, type AppPasswordRow } from '../../accounts/app-passwords.js';
import { serverKey } from '../../db/meta/server-key.js';
import { readerContext, type ReaderContext } from '../../reader/context.js';
import { guardFor, type PasswordGuard } from '../middleware/password-guard.js';
import type { AppDeps } from '../types.js';

/**
 * Sign-in of reader apps: the e-mail and an app password (Google Reader), or Fever's api_key. Failures go through the
 * same guard as every password form (per account and client address, and per address; successes do not count).
 */
export function createReaderGuard(deps: AppDeps, passwords: PasswordGuard) {
  let key: string | null = null;
  const macKey = () => (key ??= serverKey(deps.sqlite, 'reader-auth', deps.clock.now()));
  const context = (pw: AppPasswordRow) => readerContext(deps.sqlite, pw, { publicRead: deps.config.publicRead, now: deps.clock.now() });

  return {
    macKey,
    /** E-mail + app password: the stable `Auth` token, 'throttled', or null (wrong). */
    login(c: Context, email: string, password: string): string | 'throttled' | null {
      const attempt = guardFor(passwords, c, email.trim().toLowerCase());
      if (!attempt.check().ok) return 'throttled';
      const pw = email && password ? checkAppPassword(deps.sqlite, email, password, deps.clock.now()) : null;
      if (!pw) {
        attempt.failed();
        return null;
      }
      return context(pw) ? readerAuthToken(macKey(), pw, secretHashFor(password)) : null;
    },
    /** Fever's api_key (md5 of "email:password"). */
    fever(c: Context, apiKey: string): ReaderContext | 'throttled' | null {
      const attempt = guardFor(passwords, c, `fever:${apiKey.slice(0, 64)}`);
      if (!attempt.check().ok) return 'throttled';
      const pw = checkFeverKey(deps.sqlite, apiKey, deps.clock.now());
      if (!pw) {
        attempt.failed();
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
