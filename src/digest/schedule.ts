/**
 * When a digest is due, computed in the subscriber's own time zone (08:00 in Paris and 08:00 in Montréal are
 * different instants), without a date library: Intl gives the zone's offset at an instant.
 */
export type Frequency = 'daily' | 'weekly' | 'monthly';

export interface Cadence {
  frequency: Frequency;
  /** Weekly: 1 = Monday … 7 = Sunday; monthly: 1–28. */
  day: number;
  hour: number;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** True when the IANA zone exists (Intl throws RangeError for an unknown one). */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, tz: string): { y: number; m: number; d: number; h: number; min: number; s: number; wd: number } {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(tz, f);
  }
  const o: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) o[p.type] = p.value;
  const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(o.weekday!) + 1;
  return { y: Number(o.year), m: Number(o.month), d: Number(o.day), h: Number(o.hour) % 24, min: Number(o.minute), s: Number(o.second), wd };
}

/** The zone's offset from UTC at an instant (ms, positive east of Greenwich). */
function offsetAt(ms: number, tz: string): number {
  const p = parts(ms, tz);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock time happens in a zone (the later offset when a DST jump skips it). */
export function zonedTime(tz: string, y: number, m: number, d: number, h: number): number {
  const guess = Date.UTC(y, m - 1, d, h);
  let utc = guess - offsetAt(guess, tz);
  utc = guess - offsetAt(utc, tz);
  return utc;
}

/** The first scheduled instant strictly after `after`. */
export function nextDue(c: Cadence, after: number): number {
  const p = parts(after, c.timeZone);
  // Walk local calendar days from today: at most ~62 steps for a monthly cadence.
  for (let i = 0; i < 70; i++) {
    const day = new Date(Date.UTC(p.y, p.m - 1, p.d + i));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    const wd = ((day.getUTCDay() + 6) % 7) + 1;
    if (c.frequency === 'weekly' && wd !== c.day) continue;
    if (c.frequency === 'monthly' && d !== c.day) continue;
    const at = zonedTime(c.timeZone, y, m, d, c.hour);
    if (at > after) return at;
  }
  throw new Error(`nextDue: no slot found for ${JSON.stringify(c)}`);
}

/** Nominal length of a period, for the first digest of a new subscription. */
export function periodLength(f: Frequency): number {
  return f === 'daily' ? DAY_MS : f === 'weekly' ? 7 * DAY_MS : 30 * DAY_MS;
}

/** Local calendar date (YYYY-MM-DD) of an instant, for subjects and titles. */
export function localDate(ms: number, tz: string): string {
  const p = parts(ms, tz);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}
