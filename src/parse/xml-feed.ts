/**
 * XML feeds: rss-parser's XML layer (xml2js, strict) is the primary parser; when it refuses, the repair pre-pass
 * runs and it tries again; when it still refuses, the lenient engine (htmlparser2 via cheerio/slim, loaded only
 * then) reads whatever structure there is. Inline XHTML content needs document order, which xml2js loses, so such
 * (rare) documents are re-read with the lenient engine.
 */
import RssParser from 'rss-parser';
import { repairXml } from './repair.js';
import type { FeedFormat, RawFeed } from './types.js';
import { detectFormat, mapXmlFeed, type MapContext } from './xml-map.js';
import { fromDom, fromXml2js, type DomNode, type XNode } from './xml-tree.js';

export type XmlParseResult =
  | { ok: true; raw: RawFeed; format: FeedFormat; warnings: string[] }
  | { ok: false; kind: 'not_a_feed' | 'malformed'; detail: string };

type Strict = { ok: true; root: XNode } | { ok: false; error: string };

function parseStrict(text: string, docBase: string | null, docLang: string | null): Strict {
  // A fresh parser per document: xml2js keeps state after an error.
  const xml = (new RssParser() as unknown as { xmlParser: { parseString: (s: string, cb: (err: Error | null, res: unknown) => void) => void } }).xmlParser;
  let result: unknown = undefined;
  let error: string | null = null;
  let done = false;
  try {
    xml.parseString(text, (err, res) => {
      if (done) return;
      done = true;
      if (err) error = err.message.split('\n')[0] ?? 'XML error';
      else result = res;
    });
  } catch (err) {
    error = (err as Error).message.split('\n')[0] ?? 'XML error';
  }
  if (error !== null) return { ok: false, error };
  if (!done) return { ok: false, error: 'XML parser did not finish' };
  if (!result || typeof result !== 'object') return { ok: false, error: 'no root element' };
  const [rootName, rootValue] = Object.entries(result as Record<string, unknown>)[0] ?? [];
  if (!rootName) return { ok: false, error: 'no root element' };
  return { ok: true, root: fromXml2js(rootName, rootValue as string, docBase, docLang) };
}

async function parseLenient(text: string, docBase: string | null, docLang: string | null): Promise<XNode | null> {
  const { load } = await import('cheerio/slim');
  const $ = load(text, { xml: { xmlMode: true, decodeEntities: false, recognizeCDATA: true, lowerCaseTags: false } });
  return fromDom($.root()[0] as unknown as DomNode, docBase, docLang);
}

function mapTree(root: XNode, warnings: string[], ctx: MapContext): XmlParseResult {
  const format = detectFormat(root);
  if (!format) {
    const what = root.name === 'html' ? 'an HTML page' : `an XML document with root <${root.name}>`;
    return { ok: false, kind: 'not_a_feed', detail: `not a feed: ${what}` };
  }
  const raw = mapXmlFeed(root, format, ctx);
  return { ok: true, raw, format, warnings };
}

/**
 * Parses an XML feed already decoded to text. `docBase` is the document URL for relative links; `docLang` the
 * language the server declares (Content-Language), in scope for every element without an xml:lang of its own.
 */
export async function parseXmlFeed(text: string, docBase: string | null, docLang: string | null = null): Promise<XmlParseResult> {
  try {
    return await parseXml(text, docBase, docLang);
  } catch (err) {
    // Tree walks are recursive: hostile nesting depth overflows the stack, an expected failure, not a bug.
    if (err instanceof RangeError) return { ok: false, kind: 'malformed', detail: 'elements nested too deeply' };
    throw err;
  }
}

async function parseXml(text: string, docBase: string | null, docLang: string | null): Promise<XmlParseResult> {
  const warnings: string[] = [];
  let strict = parseStrict(text, docBase, docLang);
  let source = text;
  if (!strict.ok) {
    const { text: repaired, changes } = repairXml(text);
    const firstError = strict.error;
    if (changes.length) strict = parseStrict(repaired, docBase, docLang);
    if (strict.ok) {
      source = repaired;
      warnings.push(`repaired: ${changes.join(', ')} (${firstError})`);
    }
    if (!strict.ok) {
      const root = await parseLenient(repaired, docBase, docLang);
      if (!root) return { ok: false, kind: /^\s*[^<\s]/.test(text) ? 'not_a_feed' : 'malformed', detail: `not XML: ${firstError}` };
      warnings.push(`malformed XML read leniently (${firstError})`);
      return mapTree(root, warnings, { lostMarkup: false });
    }
  }
  const ctx: MapContext = { lostMarkup: false };
  const mapped = mapTree(strict.root, warnings, ctx);
  if (!ctx.lostMarkup) return mapped;
  const ordered = await parseLenient(source, docBase, docLang);
  return ordered ? mapTree(ordered, warnings, { lostMarkup: false }) : mapped;
}
