/**
 * Terms only one item carried so far: most phrases of a busy stream, used once and never again.
 * They are kept here without their text, as a 63-bit hash of the term in an open-addressing table
 * (16 bytes a slot) instead of a string key in a Map (over 100 bytes), until a second item
 * carries the term, which then gets full state under its text. A hash collision (odds ~1e-6 per
 * day at 2M terms) would only lend a term one extra source.
 * Values: item ref * 2 + 1 for a phrase, item ref * 2 for a word while the item is kept;
 * -(source id * 65536 + day) - 1 for a word whose item is gone (kept as baseline).
 */
export type Singles = { hi: Int32Array; lo: Int32Array; value: Float64Array; used: number; live: number };

const EMPTY = 0;
const GONE = 2; // tombstone: never matches, since hashes always have hi's low bit set

export function createSingles(capacity = 1 << 16): Singles {
  return { hi: new Int32Array(capacity), lo: new Int32Array(capacity), value: new Float64Array(capacity), used: 0, live: 0 };
}

/** Two independent 32-bit FNV-1a style hashes of the term. */
export function hashTerm(term: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x3b9aca07;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a | 1, b];
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

/** Removes and returns the term's value, or undefined when no single item carried it. */
export function takeSingle(t: Singles, hi: number, lo: number): number | undefined {
  const i = slotOf(t, hi, lo);
  if (t.hi[i] === EMPTY) return undefined;
  t.hi[i] = GONE;
  t.live--;
  return t.value[i];
}

export function putSingle(t: Singles, hi: number, lo: number, value: number): Singles {
  let table = t;
  if ((t.used + 1) * 2 > t.hi.length) table = rebuild(t, t.live * 4 > t.hi.length ? t.hi.length * 2 : t.hi.length);
  const i = slotOf(table, hi, lo);
  if (table.hi[i] === EMPTY) {
    table.used++;
    table.live++;
  }
  table.hi[i] = hi;
  table.lo[i] = lo;
  table.value[i] = value;
  return table;
}

/** Keeps or rewrites each value through `keep` (undefined drops it), then drops the tombstones. */
export function sweepSingles(t: Singles, keep: (value: number) => number | undefined): Singles {
  for (let i = 0; i < t.hi.length; i++) {
    if (t.hi[i] === EMPTY || t.hi[i] === GONE) continue;
    const v = keep(t.value[i]!);
    if (v === undefined) {
      t.hi[i] = GONE;
      t.live--;
    } else t.value[i] = v;
  }
  let capacity = t.hi.length;
  while (capacity > 1 << 16 && t.live * 8 < capacity) capacity >>= 1;
  return rebuild(t, capacity);
}

function rebuild(t: Singles, capacity: number): Singles {
  const next = createSingles(capacity);
  for (let i = 0; i < t.hi.length; i++) {
    if (t.hi[i] === EMPTY || t.hi[i] === GONE) continue;
    const j = slotOf(next, t.hi[i]!, t.lo[i]!);
    next.hi[j] = t.hi[i]!;
    next.lo[j] = t.lo[i]!;
    next.value[j] = t.value[i]!;
    next.used++;
    next.live++;
  }
  return next;
}
