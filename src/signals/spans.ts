/**
 * The sources of one term, packed: rows of [source id, first day, last day, item ref] in one
 * Int32Array, sorted by source id (binary search). 16 bytes a row where a Map of span objects
 * cost about ten times that, which is what made memory grow with traffic.
 */
export type Spans = { data: Int32Array; n: number };

export const STRIDE = 4;

export function createSpans(capacity: number): Spans {
  return { data: new Int32Array(Math.max(1, capacity) * STRIDE), n: 0 };
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
    if (day > d[o + 2]!) {
      d[o + 2] = day;
      d[o + 3] = ref;
      return true;
    }
    if (day < d[o + 1]!) {
      // A late item: still one more source-day, but not the latest example.
      d[o + 1] = day;
      return true;
    }
    if (day === d[o + 2]) d[o + 3] = ref;
    return false;
  }
  const at = -found - 1;
  if ((spans.n + 1) * STRIDE > d.length) {
    const grown = new Int32Array(Math.max(2, spans.n * 2) * STRIDE);
    grown.set(d.subarray(0, spans.n * STRIDE));
    spans.data = grown;
  }
  const g = spans.data;
  g.copyWithin((at + 1) * STRIDE, at * STRIDE, spans.n * STRIDE);
  g[at * STRIDE] = sourceId;
  g[at * STRIDE + 1] = day;
  g[at * STRIDE + 2] = day;
  g[at * STRIDE + 3] = ref;
  spans.n++;
  return true;
}

/** Drops the sources last seen before `oldest`; returns a smaller array when most rows went. */
export function pruneSpans(spans: Spans, oldest: number): Spans {
  const d = spans.data;
  let w = 0;
  for (let r = 0; r < spans.n; r++) {
    const o = r * STRIDE;
    if (d[o + 2]! < oldest) continue;
    if (w !== r) d.copyWithin(w * STRIDE, o, o + STRIDE);
    w++;
  }
  spans.n = w;
  if (d.length >= 4 * STRIDE && w * STRIDE * 4 <= d.length) {
    return { data: d.slice(0, Math.max(1, w * 2) * STRIDE), n: w };
  }
  return spans;
}

/** Calls `fn(sourceId, first, last, ref)` for every row. */
export function eachSpan(spans: Spans, fn: (sourceId: number, first: number, last: number, ref: number) => void): void {
  const d = spans.data;
  for (let r = 0; r < spans.n; r++) {
    const o = r * STRIDE;
    fn(d[o]!, d[o + 1]!, d[o + 2]!, d[o + 3]!);
  }
}
