import { describe, expect, it } from 'vitest';
import { adaptiveIntervalMs, backoffMs, nextFetchAt } from '../../src/fetch/schedule.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = Date.UTC(2025, 5, 1, 12);
const fixed = (v: number) => () => v;

describe('backoffMs', () => {
  it('doubles per consecutive failure from 5 min, up to 24 h', () => {
    const mid = fixed(0.5); // no jitter
    expect(backoffMs(0, mid)).toBe(0);
    expect(backoffMs(1, mid)).toBe(5 * MIN);
    expect(backoffMs(2, mid)).toBe(10 * MIN);
    expect(backoffMs(4, mid)).toBe(40 * MIN);
    expect(backoffMs(12, mid)).toBe(DAY);
    expect(backoffMs(1000, mid)).toBe(DAY);
  });

  it('jitters by ±25 % within the bounds', () => {
    expect(backoffMs(3, fixed(0))).toBe(15 * MIN);
    expect(backoffMs(3, fixed(0.999999))).toBeCloseTo(25 * MIN, -2);
    expect(backoffMs(1, fixed(0))).toBe(5 * MIN); // never below the base
    expect(backoffMs(12, fixed(0.99))).toBe(DAY); // never above the cap
  });
});

describe('adaptiveIntervalMs', () => {
  const bounds = { now, minMs: 10 * MIN, maxMs: DAY };
  const every = (gap: number, n: number, lastAgo = 0) => Array.from({ length: n }, (_, i) => now - lastAgo - i * gap);

  it('follows the observed publication rate', () => {
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: every(2 * HOUR, 10) })).toBe(2 * HOUR);
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: every(6 * HOUR, 8, HOUR) })).toBe(6 * HOUR);
  });

  it('is bounded by min and max', () => {
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: every(MIN, 20) })).toBe(10 * MIN);
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: every(3 * DAY, 10) })).toBe(DAY);
  });

  it('slows down for a feed that has gone quiet', () => {
    const quiet = adaptiveIntervalMs({ ...bounds, publishedTimes: every(HOUR, 10, 10 * HOUR) });
    expect(quiet).toBe(5 * HOUR);
  });

  it('uses the configured interval when there is one', () => {
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: every(MIN, 20), configuredMs: 3 * HOUR })).toBe(3 * HOUR);
  });

  it('uses the default with too little history, and ignores future dates', () => {
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: [], defaultMs: HOUR })).toBe(HOUR);
    expect(adaptiveIntervalMs({ ...bounds, publishedTimes: [now + DAY, now + 2 * DAY, now + 3 * DAY], defaultMs: HOUR })).toBe(HOUR);
  });
});

describe('nextFetchAt', () => {
  const base = { now, minMs: 10 * MIN, maxMs: DAY, random: fixed(0.5), errorCount: 0, intervalMs: HOUR };

  it('after a success: the interval, lengthened by a Cache-Control hint but never shortened', () => {
    expect(nextFetchAt({ ...base, ok: true })).toBe(now + HOUR);
    expect(nextFetchAt({ ...base, ok: true, maxAgeMs: 3 * HOUR })).toBe(now + 3 * HOUR);
    expect(nextFetchAt({ ...base, ok: true, maxAgeMs: MIN })).toBe(now + HOUR);
    expect(nextFetchAt({ ...base, ok: true, maxAgeMs: 30 * DAY })).toBe(now + DAY);
    expect(nextFetchAt({ ...base, ok: true, intervalMs: MIN })).toBe(now + 10 * MIN);
  });

  it('after a failure: backoff, or Retry-After when longer (capped at a week)', () => {
    expect(nextFetchAt({ ...base, ok: false, errorCount: 3 })).toBe(now + 20 * MIN);
    expect(nextFetchAt({ ...base, ok: false, errorCount: 1, retryAfterMs: 2 * HOUR })).toBe(now + 2 * HOUR);
    expect(nextFetchAt({ ...base, ok: false, errorCount: 1, retryAfterMs: 1000 })).toBe(now + 10 * MIN);
    expect(nextFetchAt({ ...base, ok: false, errorCount: 1, retryAfterMs: 365 * DAY })).toBe(now + 7 * DAY);
  });
});
