/**
 * Feed bytes to a NormalisedFeed: decode (BOM / HTTP charset / declaration), detect JSON or XML, parse
 * (rss-parser's strict XML first, repair and lenient fallback only when it refuses), normalise. Expected failures
 * are values: empty body, not a feed, malformed beyond repair, too large.
 */
import { normaliseFeed } from './normalise.js';
import { createSanitiser, type Sanitiser } from '../text/sanitise.js';
import type { NormalisedFeed } from '../model/item.js';
import { usableBase } from '../lib/url.js';
import { decodeBody } from './decode.js';
import { looksLikeHtmlPage } from './html-sniff.js';
import { looksLikeJson, parseJsonFeed } from './jsonfeed.js';
import type { FeedFormat } from './types.js';
import { parseXmlFeed } from './xml-feed.js';

export type ParseResult =
  | { ok: true; feed: NormalisedFeed; format: FeedFormat; warnings: string[] }
  | { ok: false; kind: 'empty' | 'not_a_feed' | 'malformed' | 'too_large' | 'timeout'; detail: string };

export interface ParseInput {
  body: Buffer;
  /** HTTP Content-Type, when fetched (its charset wins over the document's declaration). */
  contentType?: string | null;
  /** The document's URL (Content-Location or final URL): the base for relative links. */
  url?: string | null;
  /** HTTP Content-Language, when fetched: the language of whatever the document leaves without one. */
  contentLanguage?: string | null;
}

export interface ParseOptions {
  /** Current time in ms (dates after it are dropped); defaults to the wall clock. */
  now?: number;
  sanitiser?: Sanitiser;
  /** Bodies above this many bytes are refused (default 50 MB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** The first tag of a Content-Language header (`en-GB, fr` → `en-GB`), or null. */
function headerLanguage(header: string | null | undefined): string | null {
  const first = header?.split(',')[0]?.trim();
  return first ? first : null;
}

export async function parseFeed(input: ParseInput, options: ParseOptions = {}): Promise<ParseResult> {
  const { body } = input;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (body.length > maxBytes) return { ok: false, kind: 'too_large', detail: `feed is ${body.length} bytes, above the ${maxBytes}-byte limit` };
  if (body.length === 0) return { ok: false, kind: 'empty', detail: 'empty body' };

  const decoded = decodeBody(body, input.contentType);
  const text = decoded.text;
  if (!text.trim()) return { ok: false, kind: 'empty', detail: 'body is only whitespace' };

  const docBase = usableBase(input.url ?? null);
  const docLang = headerLanguage(input.contentLanguage);
  const isJson = /json/i.test(input.contentType ?? '') || looksLikeJson(text);
  let parsed;
  let format: FeedFormat;
  if (isJson && looksLikeJson(text)) {
    const r = parseJsonFeed(text, docBase, docLang);
    if (!r.ok) return r;
    parsed = { raw: r.raw, warnings: r.warnings };
    format = 'json';
  } else {
    if (looksLikeHtmlPage(text)) return { ok: false, kind: 'not_a_feed', detail: 'not a feed: an HTML page' };
    // Junk before the XML is repaired later; a body with no markup near its start is plain text.
    if (!/^\s*</.test(text) && !/<(?:\?xml|rss|feed|rdf:RDF)[\s>]/.test(text.slice(0, 2048))) {
      return { ok: false, kind: 'not_a_feed', detail: 'not a feed: the body is neither XML nor JSON' };
    }
    const r = await parseXmlFeed(text, docBase, docLang);
    if (!r.ok) return r;
    parsed = { raw: r.raw, warnings: r.warnings };
    format = r.format;
  }
  const { feed, warnings } = normaliseFeed(parsed.raw, { sanitiser: options.sanitiser ?? createSanitiser(), now: options.now ?? Date.now() });
  return { ok: true, feed, format, warnings: [...decoded.warnings, ...parsed.warnings, ...warnings] };
}
