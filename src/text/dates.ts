/**
 * Real-world feed dates to UTC instants: RFC 822/1123/2822 (odd zones, military letters, comments, 2-digit
 * years, no weekday), ISO 8601 / W3C-DTF variants, asctime, then the engine's own parser as a last resort.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
  // A few common non-English abbreviations seen in feeds.
  janv: 0, fev: 1, fév: 1, mars: 2, avr: 3, mai: 4, juin: 5, juil: 6, aou: 7, aoû: 7, sept: 8, déc: 11,
  mär: 2, mrz: 2, okt: 9, dez: 11, ene: 0, abr: 3, ago: 7, dic: 11, set: 8, out: 9, gen: 0, mag: 4, giu: 5, lug: 6, ott: 9,
};

// Named zones in hours east of UTC. Military letters follow RFC 822 literally (A = -1 … M = -12, N = +1 … Y = +12).
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 1, cet: 1, met: 1, mez: 1, cest: 2, mesz: 2, eet: 2, eest: 3, msk: 3,
  ist: 5.5, jst: 9, kst: 9, hkt: 8, sgt: 8, aest: 10, aedt: 11, nzst: 12, nzdt: 13,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7, akst: -9, akdt: -8, hst: -10, ast: -4, adt: -3,
  nst: -3.5, ndt: -2.5,
};
for (let i = 0; i < 26; i++) {
  const letter = String.fromCharCode(97 + i);
  if (letter === 'j' || letter === 'z') continue;
  if (letter <= 'i') ZONES[letter] = -(i + 1);
  else if (letter <= 'm') ZONES[letter] = -i; // k=-10, l=-11, m=-12 (j skipped)
  else ZONES[letter] = i - 12; // n=+1 … y=+12
}

/** Removes RFC 822 comments, which may nest and contain escaped parentheses. */
function stripComments(s: string): string {
  if (!s.includes('(')) return s;
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (depth > 0 && c === '\\') { i++; continue; }
    if (c === '(') { depth++; out += ' '; continue; }
    if (c === ')' && depth > 0) { depth--; continue; }
    if (depth === 0) out += c;
  }
  return out;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  if (y.length === 3) return 1900 + n;
  return n;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * 60;
  const gmt = /^(?:gmt|utc|ut)([+-]\d{1,2}(?::?\d{2})?)$/i.exec(zone);
  if (gmt) return zoneOffsetMinutes(gmt[1]);
  return null;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
  // Date.UTC maps years 0-99 to 1900+; feeds never mean the first century.
  return Number.isFinite(t) ? t : null;
}

const RFC822 =
  /^(?:[a-z\u00c0-\u024f]+\.?\s*,?\s*)?(\d{1,2})[\s-]+([a-z\u00c0-\u024f]{3,5})\.?[\s-]+(\d{2,4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?m\.?)?)?\s*([a-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}:?\d{2}|[+-]\d{1,2})?$/i;
// "Feb 09 2006 23:59:45 GMT", "Thu Feb 9 23:59:45 UTC 2006" (asctime / Date.toString shapes)
const MONTH_FIRST =
  /^(?:[a-z]+,?\s+)?([a-z]{3,5})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s+(\d{4}))?$/i;
const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
// "2003-12-31T10:14:55Z"-like but with a 2-digit year: "03-12-31T10:14:55Z" (seen in old Atom 0.3 feeds)
const ISO_SHORT = /^(\d{2})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?\s*(z|[+-]\d{2}:?\d{2})?$/i;

const DATE_MAX = 256;

/** Parses a feed date to epoch milliseconds, or null when it is not a recognisable date. */
export function parseDateMs(input: string | null | undefined): number | null {
  // No real date is this long; the cap also bounds the backtracking of the patterns below on hostile input.
  if (!input || input.length > DATE_MAX) return null;
  let s = stripComments(input).replace(/\s+/g, ' ').trim();
  if (!s) return null;
  let m = ISO.exec(s);
  if (m) {
    const off = m[8] ? zoneOffsetMinutes(m[8]) : 0;
    if (off === null) return null;
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    return build(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, off);
  }
  m = ISO_SHORT.exec(s);
  if (m) {
    const off = zoneOffsetMinutes(m[7]);
    if (off === null) return null;
    return build(fullYear(m[1]!), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, off);
  }
  s = s.replace(/ ?, ?/g, ', ').replace(/, $/, '');
  m = RFC822.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()] ?? MONTHS[m[2]!.toLowerCase().slice(0, 3)];
    const off = zoneOffsetMinutes(m[8]);
    if (mo !== undefined && off !== null) {
      let h = Number(m[4] ?? 0);
      if (m[7]) h = (h % 12) + (m[7].toLowerCase() === 'p' ? 12 : 0);
      return build(fullYear(m[3]!), mo, Number(m[1]), h, Number(m[5] ?? 0), Number(m[6] ?? 0), 0, off);
    }
  }
  m = MONTH_FIRST.exec(s);
  if (m && (m[3] || m[8])) {
    const mo = MONTHS[m[1]!.toLowerCase().slice(0, 3)];
    const off = zoneOffsetMinutes(m[7]);
    if (mo !== undefined && off !== null) {
      return build(Number(m[3] ?? m[8]), mo, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, off);
    }
  }
  // Last resort: only when the string plainly carries a year, so "5" or "yesterday" stay null.
  if (!/\d{4}/.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** ISO 8601 UTC string of a feed date, or null. */
export function parseDate(input: string | null | undefined): string | null {
  const t = parseDateMs(input);
  return t === null ? null : new Date(t).toISOString();
}
