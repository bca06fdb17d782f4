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

export function simhash(title: string | null, text: string | null, maxWords = 400): string | null {
  const words = `${title ?? ''} ${text ?? ''}`.toLowerCase().match(WORD)?.slice(0, maxWords) ?? [];
  if (words.length < 3) return null;
  const acc = new Int32Array(64);
  for (let i = 0; i < words.length * 2 - 1; i++) {
    const w = i >> 1;
    const shingle = i & 1 ? `${words[w]} ${words[w + 1]}` : words[w]!;
    const lo = fnv1a(shingle, 0x811c9dc5);
    const hi = fnv1a(shingle, 0x01234567);
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
