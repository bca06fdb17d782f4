/**
 * What the API and the pages share for credentials, so a password form on either side gets the same throttle:
 * sign-in, and the request for a reset link.
 */
import type { Context } from 'hono';
import { checkLogin } from '../accounts/login.js';
import { createPasswordReset } from '../accounts/password-reset.js';
import { normaliseEmail } from '../accounts/secrets.js';
import { findUserByEmail } from '../accounts/users.js';
import { markResetRequested } from '../db/accounts/users.js';
import { guardFor, type PasswordGuard } from './middleware/password-guard.js';
import { sendResetMail } from './routes/reset-mail.js';
import type { AppDeps } from './types.js';

export type LoginAttempt = { ok: true; userId: number } | { ok: false; reason: 'throttled'; retryAfterMs: number } | { ok: false; reason: 'invalid' };

/** Checks e-mail and password behind the guard: only a failure counts, per (account, client address) and address. */
export async function attemptLogin(deps: AppDeps, guard: PasswordGuard, c: Context, email: string, password: string): Promise<LoginAttempt> {
  const g = guardFor(guard, c, `login:${normaliseEmail(email)}`);
  const verdict = g.check();
  if (!verdict.ok) return { ok: false, reason: 'throttled', retryAfterMs: verdict.retryAfterMs };
  const login = await checkLogin(deps.sqlite, email, password);
  if (!login.ok) {
    g.failed();
    return { ok: false, reason: 'invalid' };
  }
  return login;
}

/** A reset link for the address's account, e-mailed (or flagged for an admin when no SMTP is set). Says nothing back. */
export async function requestPasswordReset(deps: AppDeps, email: string): Promise<void> {
  const user = findUserByEmail(deps.sqlite, email);
  if (!user) return;
  const now = deps.clock.now();
  if (!deps.mail) return markResetRequested(deps.sqlite, user.id, now);
  const r = createPasswordReset(deps.sqlite, user.id, null, now);
  const sent = await sendResetMail(deps, user.email, r.secret);
  if (!sent.ok) deps.log.warn({ userId: user.id, detail: sent.detail }, 'password reset mail not delivered');
}

export const RESET_ANSWER = 'if an account exists for this address, a reset link is on its way (or an admin will send one)';

/** The sentence saying what a reset ended, for the API answer and the page. */
export function resetSummary(r: { sessionsEnded: number; tokensRevoked: number; linksVoided: number }): string {
  return `password changed: ${r.sessionsEnded} session(s) signed out, ${r.tokensRevoked} API token(s) revoked, ${r.linksVoided} other reset link(s) cancelled`;
}
