/**
 * When to fetch a source next. Pure functions: clock values and randomness are passed in, so schedules are
 * reproducible in tests.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface BackoffOptions {
  /** Wait after the first failure. */
  baseMs?: number;
  /** Longest wait, however many failures. */
  maxMs?: number;
}

/**
 * Exponential backoff after `errorCount` consecutive failures: base·2^(n−1), ±25 % jitter from `random` (so sources
 * failing together do not retry together), bounded to [base, max]. 0 failures → 0.
 */
export function backoffMs(errorCount: number, random: () => number = Math.random, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 5 * MINUTE;
  const max = opts.maxMs ?? DAY;
  if (!(errorCount > 0)) return 0;
  const exp = base * 2 ** Math.min(errorCount - 1, 30);
  const jittered = exp * (0.75 + 0.5 * random());
  return Math.round(Math.min(max, Math.max(base, jittered)));
}

export interface AdaptiveInput {
  /** Publication times (ms) of the feed's recent items, any order; future dates are ignored. */
  publishedTimes: number[];
  now: number;
  minMs: number;
  maxMs: number;
  /** An interval set for the source (feeds.yaml): it wins over the observed rate. */
  configuredMs?: number | null;
  /** Used while there is too little history to measure a rate. */
  defaultMs?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Interval from the feed's observed update rate: the mean gap between its recent publications (those of the last
 * 30 days, at most 20), stretched when the feed has gone quiet for longer than its usual gap, bounded to [min, max].
 */
export function adaptiveIntervalMs(input: AdaptiveInput): number {
  const { now, minMs, maxMs } = input;
  if (input.configuredMs != null && input.configuredMs > 0) return input.configuredMs;
  const fallback = clamp(input.defaultMs ?? HOUR, minMs, maxMs);
  const times = [...new Set(input.publishedTimes.filter((t) => Number.isFinite(t) && t <= now && t >= now - 30 * DAY))]
    .sort((a, b) => b - a)
    .slice(0, 20);
  if (times.length < 2) return times.length === 1 ? clamp(Math.max(fallback, (now - times[0]!) / 2), minMs, maxMs) : fallback;
  const newest = times[0]!;
  const oldest = times[times.length - 1]!;
  const meanGap = (newest - oldest) / (times.length - 1);
  // A feed silent for much longer than its usual gap has probably slowed down: check less often, not never.
  const silence = now - newest;
  const interval = silence > 2 * meanGap ? Math.max(meanGap, silence / 2) : meanGap;
  return Math.round(clamp(interval, minMs, maxMs));
}

export interface NextFetchInput {
  now: number;
  ok: boolean;
  /** Consecutive failures including this one (failure case). */
  errorCount: number;
  /** The adaptive (or configured) interval (success case). */
  intervalMs: number;
  /** Server hints from the fetch result. */
  retryAfterMs?: number | null;
  maxAgeMs?: number | null;
  minMs: number;
  maxMs: number;
  random: () => number;
}

/** A Retry-After further away than this is treated as this: a hostile or buggy header must not park a source forever. */
const MAX_RETRY_AFTER = 7 * DAY;

/**
 * The time of the next fetch. Success: the interval, lengthened (never shortened) by a Cache-Control/Expires hint,
 * within [min, max]. Failure: exponential backoff, or the server's Retry-After when longer. Never sooner than min.
 */
export function nextFetchAt(input: NextFetchInput): number {
  const { now, minMs, maxMs } = input;
  if (input.ok) {
    const wait = Math.max(input.intervalMs, input.maxAgeMs ?? 0);
    return now + Math.round(clamp(wait, minMs, maxMs));
  }
  const backoff = backoffMs(input.errorCount, input.random, { maxMs: Math.max(maxMs, DAY) });
  const retryAfter = Math.min(input.retryAfterMs ?? 0, MAX_RETRY_AFTER);
  return now + Math.round(Math.max(minMs, backoff, retryAfter));
}
