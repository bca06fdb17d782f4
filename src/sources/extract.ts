/**
 * Main-content extraction of an article page: Mozilla Readability over a linkedom DOM (no browser, no jsdom), then the
 * shared sanitiser (relative URLs resolved against the page's <base> or its URL). Used by `full_text: true` sources
 * and by `vigie extract`.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { usableBase } from '../lib/url.js';
import type { Sanitiser } from '../text/sanitise.js';

export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  contentHtml: string;
  contentText: string;
}

export type ExtractResult = { ok: true; article: ExtractedArticle } | { ok: false; kind: 'not_readable' | 'empty'; detail: string };

/** Pages above this many characters are cut before parsing: a DOM of a 50 MB page would cost far more than it brings. */
const MAX_CHARS = 5_000_000;

interface ParsedArticle {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
  content?: string | null;
}

// Values as Readability gives them (an empty title stays ""), absent ones as null.
const orNull = (v: string | null | undefined): string | null => (typeof v === 'string' ? v.trim() : null);

const BASE_SCAN = 200_000;
const BASE_TAGS = 8;
const TAG_MAX = 4096;

/**
 * The href of the first `<base>` tag that has one, found tag by tag (a single regex over the page was quadratic on
 * hostile markup): at most BASE_TAGS tags, each read up to its `>` and at most TAG_MAX characters.
 */
function baseHref(html: string): string {
  const open = /<base\s/gi;
  for (let n = 0; n < BASE_TAGS; n++) {
    const m = open.exec(html);
    if (!m) return '';
    const end = html.indexOf('>', m.index);
    const tag = html.slice(m.index, Math.min(end < 0 ? html.length : end, m.index + TAG_MAX));
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (href) return (href[1] ?? href[2] ?? href[3] ?? '').trim();
  }
  return '';
}

/** The base URL links of the page resolve against: its `<base href>` (itself relative to the page), else the page URL. */
export function pageBase(html: string, pageUrl: string | null): string | null {
  const href = baseHref(html.slice(0, BASE_SCAN));
  return href ? usableBase(href, usableBase(pageUrl)) : usableBase(pageUrl);
}

export function extractArticle(html: string, pageUrl: string | null, sanitiser: Sanitiser): ExtractResult {
  if (!html.trim()) return { ok: false, kind: 'empty', detail: 'the page is empty' };
  const source = html.length > MAX_CHARS ? html.slice(0, MAX_CHARS) : html;
  const { document } = parseHTML(source);
  let parsed: ParsedArticle | null;
  try {
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { classesToPreserve: ['caption'] }).parse() as ParsedArticle | null;
  } catch (err) {
    return { ok: false, kind: 'not_readable', detail: `readability failed on this page: ${(err as Error).message}` };
  }
  if (!parsed || !parsed.content) return { ok: false, kind: 'not_readable', detail: 'no main content found on this page' };
  const safe = sanitiser.sanitise(parsed.content, pageBase(source, pageUrl));
  if (!safe.text) return { ok: false, kind: 'not_readable', detail: 'the main content of this page has no text' };
  return {
    ok: true,
    article: {
      title: orNull(parsed.title),
      byline: orNull(parsed.byline),
      excerpt: orNull(parsed.excerpt),
      siteName: orNull(parsed.siteName),
      lang: orNull(parsed.lang),
      publishedTime: orNull(parsed.publishedTime),
      contentHtml: safe.html,
      contentText: safe.text,
    },
  };
}
