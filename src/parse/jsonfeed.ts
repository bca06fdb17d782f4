/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) to a RawFeed. Unknown or mistyped fields are ignored. */
import { resolveUrl } from '../lib/url.js';
import type { RawEnclosure, RawEntry, RawFeed } from './types.js';

export type JsonFeedResult = { ok: true; raw: RawFeed; warnings: string[] } | { ok: false; kind: 'not_a_feed' | 'malformed'; detail: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

function authorName(o: Obj): string | null {
  const list = Array.isArray(o.authors) ? o.authors : isObj(o.author) ? [o.author] : [];
  const names = list.filter(isObj).map((a) => str(a.name)).filter((n): n is string => n !== null);
  return names.length ? names.join(', ') : null;
}

/** True when the text is (probably) a JSON Feed rather than XML. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

export function parseJsonFeed(text: string, docBase: string | null, docLang: string | null = null): JsonFeedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, kind: 'malformed', detail: `invalid JSON: ${(err as Error).message}` };
  }
  if (!isObj(data) || !(typeof data.version === 'string' && data.version.includes('jsonfeed.org')) && !Array.isArray(data.items)) {
    return { ok: false, kind: 'not_a_feed', detail: 'not a feed: JSON without a JSON Feed version or items' };
  }
  const warnings: string[] = [];
  const base = resolveUrl(str(data.feed_url), docBase) ?? docBase;
  const feedLang = str(data.language) ?? docLang;
  const items = Array.isArray(data.items) ? data.items : [];
  const entries: RawEntry[] = [];
  for (const it of items) {
    if (!isObj(it)) {
      warnings.push('skipped a JSON Feed item that is not an object');
      continue;
    }
    const enclosures: RawEnclosure[] = [];
    for (const a of Array.isArray(it.attachments) ? it.attachments : []) {
      if (!isObj(a)) continue;
      const url = resolveUrl(str(a.url), base);
      if (url) enclosures.push({ url, type: str(a.mime_type), length: str(a.size_in_bytes) });
    }
    const html = str(it.content_html);
    const text = str(it.content_text);
    const summary = str(it.summary);
    const lang = str(it.language);
    entries.push({
      guid: str(it.id),
      link: resolveUrl(str(it.url) ?? str(it.external_url), base),
      title: str(it.title) ? { value: str(it.title)!, type: 'text', base, lang } : null,
      author: authorName(it) ?? authorName(data),
      dates: [str(it.date_published), str(it.date_modified)].filter((d): d is string => d !== null),
      summary: summary ? { value: summary, type: 'text', base, lang } : null,
      content: html ? { value: html, type: 'html', base, lang } : text ? { value: text, type: 'text', base, lang } : null,
      categories: Array.isArray(it.tags) ? it.tags.map(str).filter((t): t is string => t !== null) : [],
      enclosures,
      lang,
      base,
    });
  }
  return {
    ok: true,
    raw: {
      title: str(data.title) ? { value: str(data.title)!, type: 'text', base, lang: feedLang } : null,
      link: resolveUrl(str(data.home_page_url), base),
      description: str(data.description) ? { value: str(data.description)!, type: 'text', base, lang: feedLang } : null,
      language: feedLang,
      base,
      entries,
    },
    warnings,
  };
}
