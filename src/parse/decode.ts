/**
 * Bytes to text for feeds. Order of authority: byte-order mark, then the HTTP charset, then the XML declaration
 * (or an HTML <meta charset>), then UTF-8 when the bytes are valid UTF-8, else windows-1252. A declared charset the
 * bytes contradict (invalid UTF-8 labelled utf-8) falls back with a warning instead of producing mojibake.
 */
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The charset actually used (WHATWG/iconv label). */
  encoding: string;
  warnings: string[];
}

type Sniffed = { encoding: string; bomLength: number } | null;

function sniffBom(b: Buffer): Sniffed {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', bomLength: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bomLength: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised by how '<' (and '<?') are laid out (XML 1.0 appendix F). */
function sniffWide(b: Buffer): Sniffed {
  if (b.length < 4) return null;
  const [a, c, d, e] = [b[0], b[1], b[2], b[3]];
  if (a === 0 && c === 0 && d === 0 && e === 0x3c) return { encoding: 'utf-32be', bomLength: 0 };
  if (a === 0x3c && c === 0 && d === 0 && e === 0) return { encoding: 'utf-32le', bomLength: 0 };
  if (a === 0 && c === 0x3c && d === 0 && e !== 0) return { encoding: 'utf-16be', bomLength: 0 };
  if (a === 0x3c && c === 0 && d !== 0 && e === 0) return { encoding: 'utf-16le', bomLength: 0 };
  // Leading whitespace in UTF-16 ("\n\0<\0" / "\0\n\0<").
  if (a !== 0 && c === 0 && d !== 0 && e === 0 && b.indexOf(0x3c) > 0 && b[b.indexOf(0x3c) + 1] === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (a === 0 && c !== 0 && d === 0 && e !== 0 && b[b.indexOf(0x3c) - 1] === 0 && b.indexOf(0x3c) > 0) return { encoding: 'utf-16be', bomLength: 0 };
  return null;
}

/** The charset parameter of a Content-Type header, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? m[2]!.toLowerCase() : null;
}

function declaredInDocument(head: string): string | null {
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

/** A label TextDecoder or iconv-lite can decode, normalised; null for bogus labels. */
export function supportedCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^x-mac-/, 'mac');
  if (/^(utf-?32|ucs-?4)(le|be)?$/.test(l)) {
    const endian = l.endsWith('le') ? 'le' : l.endsWith('be') ? 'be' : '';
    return `utf-32${endian}`;
  }
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return iconv.encodingExists(l) ? l : null;
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The text when `b` is valid UTF-8, else null (one pass: validation and decoding together). */
function strictUtf8(b: Buffer): string | null {
  try {
    return utf8Strict.decode(b);
  } catch {
    return null;
  }
}

function decodeWith(encoding: string, b: Buffer): string {
  if (encoding.startsWith('utf-32')) {
    // Unmarked UTF-32 is big-endian by default.
    const enc = encoding === 'utf-32' ? 'utf-32be' : encoding;
    return iconv.decode(b, enc, { stripBOM: true });
  }
  // Node's TextDecoder reads windows-1252 as ISO-8859-1 (C1 controls instead of € ’ “): iconv-lite first.
  if (encoding !== 'utf-8' && iconv.encodingExists(encoding)) return iconv.decode(b, encoding);
  return new TextDecoder(encoding).decode(b);
}

/** Decodes a feed body. `contentType` is the HTTP Content-Type header, when fetched. */
export function decodeBody(body: Buffer, contentType?: string | null): Decoded {
  const warnings: string[] = [];
  const bom = sniffBom(body) ?? sniffWide(body);
  if (bom) {
    const data = body.subarray(bom.bomLength);
    return { text: stripBomChar(decodeWith(bom.encoding, data)), encoding: bom.encoding, warnings };
  }

  const httpLabel = charsetFromContentType(contentType);
  const httpCharset = httpLabel ? supportedCharset(httpLabel) : null;
  if (httpLabel && !httpCharset) warnings.push(`unknown charset "${httpLabel}" in Content-Type ignored`);
  const head = body.subarray(0, 1024).toString('latin1');
  const docLabel = declaredInDocument(head);
  const docCharset = docLabel ? supportedCharset(docLabel) : null;
  if (docLabel && !docCharset) warnings.push(`unknown encoding "${docLabel}" in the document ignored`);

  // A 16/32-bit label on bytes not sniffed as such is wrong: the text was readable as ASCII.
  const candidates = [httpCharset, docCharset].filter((c): c is string => c !== null && !/^utf-(16|32)/.test(c));
  for (const enc of candidates) {
    if (enc === 'utf-8') {
      const text = strictUtf8(body);
      if (text !== null) return { text: stripBomChar(text), encoding: enc, warnings };
      warnings.push('bytes are not valid UTF-8 as declared; decoded as a legacy charset');
      continue;
    }
    return { text: stripBomChar(decodeWith(enc, body)), encoding: enc, warnings };
  }
  const utf8 = strictUtf8(body);
  if (utf8 !== null) return { text: stripBomChar(utf8), encoding: 'utf-8', warnings };
  const fallback = docCharset && docCharset !== 'utf-8' ? docCharset : 'windows-1252';
  return { text: decodeWith(fallback, body), encoding: fallback, warnings };
}

function stripBomChar(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
