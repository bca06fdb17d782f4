/**
 * Google Reader item ids. Clients send four forms: the long form `tag:google.com,2005:reader/item/<hex>` (16 hex
 * digits, zero-padded, or unpadded), the bare 16-digit hex, and the decimal number (as `itemRefs` give it). Vigie
 * answers decimal strings in `itemRefs` and the long form in `items`.
 */
const LONG = 'tag:google.com,2005:reader/item/';

/** The item id a client sent, or null when it is not an id in any of the four forms. */
export function parseItemId(raw: string): number | null {
  const s = raw.trim();
  let n: bigint | null = null;
  if (s.toLowerCase().startsWith(LONG)) {
    const hex = s.slice(LONG.length);
    if (/^[0-9a-f]{1,16}$/i.test(hex)) n = BigInt(`0x${hex}`);
  } else if (/^[0-9a-f]{16}$/i.test(s) && (/[a-f]/i.test(s) || s.startsWith('0'))) {
    n = BigInt(`0x${s}`);
  } else if (/^-?\d{1,20}$/.test(s)) {
    n = BigInt(s);
    if (n < 0n) n += 1n << 64n; // signed 64-bit, as some clients print it
  }
  if (n === null || n <= 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(n);
}

export const longItemId = (id: number) => LONG + id.toString(16).padStart(16, '0');
