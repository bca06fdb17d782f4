import { describe, expect, it } from 'vitest';
import { isTimeZone, nextDue, zonedTime } from '../../src/digest/schedule.js';

const utc = (s: string) => Date.parse(s);

describe('digest schedule', () => {
  it.each([
    // 08:00 local, daily: in each zone's own time, across the DST change in Paris (25 October 2026).
    ['Europe/Paris', 'daily', 1, '2026-11-20T10:00:00Z', '2026-11-21T07:00:00Z'],
    ['Europe/Paris', 'daily', 1, '2026-11-20T06:59:59Z', '2026-11-20T07:00:00Z'],
    ['Europe/Paris', 'daily', 1, '2026-10-24T07:00:00Z', '2026-10-25T07:00:00Z'],
    ['Europe/Paris', 'daily', 1, '2026-07-01T07:00:00Z', '2026-07-02T06:00:00Z'],
    ['America/Montreal', 'daily', 1, '2026-11-20T10:00:00Z', '2026-11-20T13:00:00Z'],
    ['Asia/Kolkata', 'daily', 1, '2026-11-20T10:00:00Z', '2026-11-21T02:30:00Z'],
    // Weekly on Mondays (day 1), monthly on the 28th.
    ['Europe/Paris', 'weekly', 1, '2026-11-20T10:00:00Z', '2026-11-23T07:00:00Z'],
    ['UTC', 'monthly', 28, '2026-11-28T08:00:00Z', '2026-12-28T08:00:00Z'],
  ] as const)('%s %s (day %i) after %s → %s', (timeZone, frequency, day, after, expected) => {
    expect(new Date(nextDue({ frequency, day, hour: 8, timeZone }, utc(after))).toISOString()).toBe(new Date(utc(expected)).toISOString());
  });

  it('places a wall-clock hour skipped by a DST jump after the jump', () => {
    // 29 March 2026, 02:00 does not exist in Paris (clocks go from 02:00 to 03:00 CEST = 01:00 UTC).
    expect(new Date(zonedTime('Europe/Paris', 2026, 3, 29, 2)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('knows which time zones exist', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
