/**
 * 64-bit SimHash over the words and word pairs of title + text, as two 32-bit halves in a 16-hex-digit string.
 * Near-duplicate stories (a wire story re-posted by several sources, lightly edited) land within a few bits of
 * each other. Single words keep short texts stable under small edits; pairs keep unrelated texts apart.
 */
const WORD = /[\p{L}\p{N}]+/gu;

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** murmur3's finaliser: derives a second, independent-looking 32 bits from the first. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Bit-sliced counters: counter k holds bit k of 32 per-lane counts, so adding a 32-bit word costs a few ops, not 32. */
const COUNTER_BITS = 10;

function addWord(counter: Int32Array, word: number): void {
  for (let k = 0, carry = word; carry !== 0 && k < COUNTER_BITS; k++) {
    const next = counter[k]! & carry;
    counter[k]! ^= carry;
    carry = next;
  }
}

/** Bits whose lane count exceeds half the number of features (the SimHash majority vote). */
function majority(counter: Int32Array, total: number): number {
  let out = 0;
  for (let b = 0; b < 32; b++) {
    let count = 0;
    for (let k = 0; k < COUNTER_BITS; k++) count |= ((counter[k]! >>> b) & 1) << k;
    if (count * 2 > total) out |= 1 << b;
  }
  return out >>> 0;
}

/** The title and the lede (first words of the text) identify a story; the rest only costs time. */
export function simhash(title: string | null, text: string | null, maxWords = 120): string | null {
  const words = `${title ?? ''} ${(text ?? '').slice(0, maxWords * 12)}`.toLowerCase().match(WORD)?.slice(0, maxWords) ?? [];
  if (words.length < 3) return null;
  const features = new Set<string>();
  for (let w = 0; w < words.length; w++) {
    features.add(words[w]!);
    if (w + 1 < words.length) features.add(`${words[w]} ${words[w + 1]}`);
  }
  const low = new Int32Array(COUNTER_BITS);
  const high = new Int32Array(COUNTER_BITS);
  for (const shingle of features) {
    const lo = fnv1a(shingle, 0x811c9dc5);
    addWord(low, lo);
    addWord(high, fmix32(lo ^ 0x9e3779b9));
  }
  const lo = majority(low, features.size);
  const hi = majority(high, features.size);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The four 16-bit bands of a simhash, tagged with their position so equal values in different bands differ. */
export function simhashBands(hash: string): number[] {
  return [0, 1, 2, 3].map((i) => i * 0x10000 + parseInt(hash.slice(i * 4, i * 4 + 4), 16));
}

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}
