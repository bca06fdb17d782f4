import type { Context } from 'hono';
import type { Clock } from '../../lib/clock.js';
import { clientAddress } from './rate-limit.js';

const MINUTE = 60_000;

export interface PasswordGuardLimits {
  /** Failed attempts allowed per (account, client address) in a window. */
  perAccountAddress: number;
  /** Failed attempts allowed per client address, whatever the accounts tried. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_PASSWORD_LIMITS: PasswordGuardLimits = { perAccountAddress: 10, perAddress: 100, windowMs: 15 * MINUTE };

export type GuardVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * The one throttle in front of everything that takes a password or a secret link (sign-in, sign-up, invitation,
 * reset; pages and API). Only failures count, per (account, client address) and per address: a flood of wrong
 * guesses slows down whoever sends it, while the right password from another address still works (no account
 * lockout anyone can trigger). Counters live in memory (a restart forgives everyone).
 */
export interface PasswordGuard {
  /** Whether an attempt for `account` from `address` may be tried now (counts nothing). */
  check(account: string, address: string): GuardVerdict;
  /** Counts one failed attempt. */
  failed(account: string, address: string): void;
}

export function createPasswordGuard(clock: Clock, limits: PasswordGuardLimits = DEFAULT_PASSWORD_LIMITS): PasswordGuard {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string, now: number) => {
    const w = windows.get(key);
    if (w && w.resetAt > now) return w;
    if (w) windows.delete(key);
    return null;
  };
  const over = (key: string, max: number, now: number) => {
    const w = live(key, now);
    return w && w.count >= max ? w.resetAt - now : 0;
  };
  const bump = (key: string, now: number) => {
    const w = live(key, now);
    if (w) w.count++;
    else windows.set(key, { count: 1, resetAt: now + limits.windowMs });
  };
  return {
    check(account, address) {
      const now = clock.now();
      const wait = Math.max(over(`a:${address}`, limits.perAddress, now), over(`p:${account}|${address}`, limits.perAccountAddress, now));
      return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
    },
    failed(account, address) {
      const now = clock.now();
      if (windows.size > 50_000) for (const k of [...windows.keys()]) live(k, now);
      bump(`a:${address}`, now);
      bump(`p:${account}|${address}`, now);
    },
  };
}

/** The guard applied to one request: `account` names what is guessed (an e-mail, or a link kind). */
export function guardFor(guard: PasswordGuard, c: Context, account: string) {
  const address = clientAddress(c);
  return { check: () => guard.check(account, address), failed: () => guard.failed(account, address) };
}
