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

/** The title and the lede (first words of the text) identify a story; the rest only costs time. */
/** murmur3's finaliser: derives a second, independent-looking 32 bits from the first. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function simhash(title: string | null, text: string | null, maxWords = 120): string | null {
  const words = `${title ?? ''} ${(text ?? '').slice(0, maxWords * 12)}`.toLowerCase().match(WORD)?.slice(0, maxWords) ?? [];
  if (words.length < 3) return null;
  const acc = new Int32Array(64);
  const features = new Set<string>();
  for (let w = 0; w < words.length; w++) {
    features.add(words[w]!);
    if (w + 1 < words.length) features.add(`${words[w]} ${words[w + 1]}`);
  }
  for (const shingle of features) {
    const lo = fnv1a(shingle, 0x811c9dc5);
    const hi = fmix32(lo ^ 0x9e3779b9);
    for (let b = 0; b < 32; b++) {
      acc[b]! += (lo >>> b) & 1 ? 1 : -1;
      acc[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (acc[b]! > 0) lo |= 1 << b;
    if (acc[b + 32]! > 0) hi |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
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
