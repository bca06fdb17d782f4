/**
 * Terms only one item carried so far: most phrases of a busy stream, used once and never again.
 * They are kept here without their text, as a 63-bit hash of the term in an open-addressing table
 * (16 bytes a slot) instead of a string key in a Map (over 100 bytes), until a second item
 * carries the term, which then gets full state under its text. A hash collision (odds ~1e-6 per
 * day at 2M terms) would only lend a term one extra source.
 * A slot holds `a` = item ref * 2 + 1 for a phrase, item ref * 2 for a word, and `b` = the item's
 * day while the item is kept; once it is gone, a word keeps `a` = -day - 1 and `b` = source id.
 */
export type Singles = { hi: Int32Array; lo: Int32Array; a: Int32Array; b: Int32Array; used: number; live: number };

export const EMPTY = 0;
export const GONE = 2; // tombstone: never matches, since hashes always have hi's low bit set
const MIN_CAPACITY = 1 << 16;

export function createSingles(capacity = MIN_CAPACITY): Singles {
  return { hi: new Int32Array(capacity), lo: new Int32Array(capacity), a: new Int32Array(capacity), b: new Int32Array(capacity), used: 0, live: 0 };
}

/** Two independent 32-bit FNV-1a style hashes of the term. */
export function hashTerm(term: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x3b9aca07;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 | 1, h2];
}

function slotOf(t: Singles, hi: number, lo: number): number {
  const mask = t.hi.length - 1;
  let i = (lo ^ (hi >>> 7)) & mask;
  while (t.hi[i] !== EMPTY) {
    if (t.hi[i] === hi && t.lo[i] === lo) return i;
    i = (i + 1) & mask;
  }
  return i;
}

/** Removes the term and returns its slot's [a, b], or null when no single item carried it. */
export function takeSingle(t: Singles, hi: number, lo: number): [number, number] | null {
  const i = slotOf(t, hi, lo);
  if (t.hi[i] === EMPTY) return null;
  t.hi[i] = GONE;
  t.live--;
  return [t.a[i]!, t.b[i]!];
}

/** Adds a term; returns the table to keep (a larger one when it filled up). */
export function putSingle(t: Singles, hi: number, lo: number, a: number, b: number): Singles {
  let table = t;
  // Up to 70 % full: linear probing stays short with a well-mixed hash, and memory is the point.
  if ((t.used + 1) * 10 > t.hi.length * 7) table = rebuild(t, t.live * 2 > t.hi.length ? t.hi.length * 2 : t.hi.length);
  const i = slotOf(table, hi, lo);
  if (table.hi[i] === EMPTY) {
    table.used++;
    table.live++;
  }
  table.hi[i] = hi;
  table.lo[i] = lo;
  table.a[i] = a;
  table.b[i] = b;
  return table;
}

export function dropSlot(t: Singles, i: number): void {
  t.hi[i] = GONE;
  t.live--;
}

/** After dropping slots: a rebuilt table when tombstones took much room, else the same one. */
export function compactSingles(t: Singles): Singles {
  let capacity = t.hi.length;
  while (capacity > MIN_CAPACITY && t.live * 4 < capacity) capacity >>= 1;
  if (capacity === t.hi.length && (t.used - t.live) * 8 < t.hi.length) return t;
  return rebuild(t, capacity);
}

function rebuild(t: Singles, capacity: number): Singles {
  const next = createSingles(capacity);
  for (let i = 0; i < t.hi.length; i++) {
    const hi = t.hi[i]!;
    if (hi === EMPTY || hi === GONE) continue;
    const j = slotOf(next, hi, t.lo[i]!);
    next.hi[j] = hi;
    next.lo[j] = t.lo[i]!;
    next.a[j] = t.a[i]!;
    next.b[j] = t.b[i]!;
    next.used++;
    next.live++;
  }
  return next;
}
