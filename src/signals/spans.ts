/**
 * The sources of one term, packed: rows of [source id, first day * 65536 + last day, item ref]
 * in one Uint32Array, sorted by source id (binary search). 12 bytes a row where a Map of span
 * objects cost about ten times that, which is what made memory grow with traffic. Days are days
 * since 1970 (16 bits: until 2149); an unknown item ref is NO_ITEM.
 */
export type Spans = { data: Uint32Array; n: number };

export const STRIDE = 3;
export const NO_ITEM = 0xffffffff;

export const firstOf = (packed: number): number => packed >>> 16;
export const lastOf = (packed: number): number => packed & 0xffff;
const pack = (first: number, last: number): number => first * 65536 + last;

export function createSpans(capacity: number): Spans {
  return { data: new Uint32Array(Math.max(1, capacity) * STRIDE), n: 0 };
}

/** Row index of `sourceId`, or -(insertion point) - 1. */
export function findSpan(spans: Spans, sourceId: number): number {
  let lo = 0;
  let hi = spans.n - 1;
  const d = spans.data;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const id = d[mid * STRIDE]!;
    if (id === sourceId) return mid;
    if (id < sourceId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/**
 * Records that `sourceId` used the term on `day` in item `ref`; true when that makes one more
 * source-day (a new source, or a day outside the source's span).
 */
export function touchSpan(spans: Spans, sourceId: number, day: number, ref: number): boolean {
  const found = findSpan(spans, sourceId);
  const d = spans.data;
  if (found >= 0) {
    const o = found * STRIDE;
    const first = firstOf(d[o + 1]!);
    const last = lastOf(d[o + 1]!);
    if (day > last) {
      d[o + 1] = pack(first, day);
      d[o + 2] = ref >>> 0;
      return true;
    }
    if (day < first) {
      // A late item: still one more source-day, but not the latest example.
      d[o + 1] = pack(day, last);
      return true;
    }
    if (day === last) d[o + 2] = ref >>> 0;
    return false;
  }
  const at = -found - 1;
  if ((spans.n + 1) * STRIDE > d.length) {
    // x1.5: less slack than doubling, since these arrays are most of the radar's memory.
    const grown = new Uint32Array((spans.n + Math.max(2, spans.n >> 1)) * STRIDE);
    grown.set(d.subarray(0, spans.n * STRIDE));
    spans.data = grown;
  }
  const g = spans.data;
  g.copyWithin((at + 1) * STRIDE, at * STRIDE, spans.n * STRIDE);
  g[at * STRIDE] = sourceId;
  g[at * STRIDE + 1] = pack(day, day);
  g[at * STRIDE + 2] = ref >>> 0;
  spans.n++;
  return true;
}

/** Drops the sources last seen before `oldest`; returns a smaller array when most rows went. */
export function pruneSpans(spans: Spans, oldest: number): Spans {
  const d = spans.data;
  let w = 0;
  for (let r = 0; r < spans.n; r++) {
    const o = r * STRIDE;
    if (lastOf(d[o + 1]!) < oldest) continue;
    if (w !== r) d.copyWithin(w * STRIDE, o, o + STRIDE);
    w++;
  }
  spans.n = w;
  if (d.length >= 4 * STRIDE && w * STRIDE * 2 <= d.length) {
    return { data: d.slice(0, Math.max(1, w + (w >> 2)) * STRIDE), n: w };
  }
  return spans;
}

/** Calls `fn(sourceId, first, last, ref)` for every row (ref is NO_ITEM when unknown). */
export function eachSpan(spans: Spans, fn: (sourceId: number, first: number, last: number, ref: number) => void): void {
  const d = spans.data;
  for (let r = 0; r < spans.n; r++) {
    const o = r * STRIDE;
    fn(d[o]!, firstOf(d[o + 1]!), lastOf(d[o + 1]!), d[o + 2]!);
  }
}
