/**
 * `full_text: true`: for entries that carry only a summary, fetch the article page and keep Readability's main
 * content. Bounded concurrency; a page that cannot be fetched or read keeps the feed's summary. Entries already
 * stored with extracted text reuse it instead of fetching the page again on every change of the feed.
 */
import pLimit from 'p-limit';
import { decodeBody } from '../parse/decode.js';
import { createSanitiser } from '../text/sanitise.js';
import { truncate } from '../text/strings.js';
import type { NormalisedItem } from '../model/item.js';
import { withoutFingerprints } from '../text/fingerprint.js';
import { extractArticle } from './extract.js';
import type { AdapterDeps, CollectResult, SourceAdapter, SourceRecord } from './types.js';
import { prepareStoredTextLookup } from '../db/items/stored-text.js';

const DEFAULT_CONCURRENCY = 4;
/** A stored entry whose extraction failed is tried again for this long after it was first seen. */
const RETRY_WINDOW_MS = 24 * 3_600_000;
const PAGE_MAX_BYTES = 5 * 1024 * 1024;
const PAGE_TIMEOUT_MS = 15_000;
const SUMMARY_MAX = 500;

export function wantsFullText(source: SourceRecord): boolean {
  return source.settings.full_text === true;
}

/** One entry with its page's main content, or unchanged (with a warning) when the page cannot be used. */
export async function fillFullText(item: NormalisedItem, source: SourceRecord, deps: AdapterDeps): Promise<{ item: NormalisedItem; warning: string | null }> {
  if (!item.url || !/^https?:/i.test(item.url)) return { item, warning: null };
  const res = await deps.fetch({
    url: item.url,
    guard: source.origin === 'app',
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    maxBytes: PAGE_MAX_BYTES,
    timeoutMs: PAGE_TIMEOUT_MS,
  });
  if (!res.ok) return { item, warning: `full text of ${item.url}: ${res.detail}` };
  if (res.notModified) return { item, warning: null };
  if (res.contentType && !/html|xml/i.test(res.contentType)) {
    return { item, warning: `full text of ${item.url}: not an HTML page (${res.contentType})` };
  }
  const html = decodeBody(res.body, res.contentType).text;
  const extracted = extractArticle(html, res.finalUrl, createSanitiser());
  if (!extracted.ok) return { item, warning: `full text of ${item.url}: ${extracted.detail}` };
  const a = extracted.article;
  // Keep the feed's own summary; when it had none, the article's excerpt (or its start) stands in.
  const summary = item.summary ?? truncate(a.excerpt || a.contentText, SUMMARY_MAX);
  return {
    // The text changed: the parse worker's fingerprints no longer apply (the store recomputes them).
    item: withoutFingerprints({ ...item, summary, contentHtml: a.contentHtml, contentText: a.contentText, author: item.author ?? (a.byline || null), lang: item.lang ?? (a.lang || null) }),
    warning: null,
  };
}

export async function addFullText(items: NormalisedItem[], source: SourceRecord, deps: AdapterDeps): Promise<{ items: NormalisedItem[]; warnings: string[] }> {
  const limit = pLimit(deps.fullTextConcurrency ?? DEFAULT_CONCURRENCY);
  const now = deps.clock?.now() ?? Date.now();
  const lookup = deps.sqlite ? prepareStoredTextLookup(deps.sqlite) : null;
  const warnings: string[] = [];
  const out = await Promise.all(
    items.map((item) =>
      limit(async () => {
        const stored = item.url ? lookup?.(source.id, item.canonicalUrl ?? item.url, item.url) : undefined;
        // Stored text that differs from the feed's own is a previous extraction: reuse it.
        if (stored && stored.contentText && stored.contentText !== item.contentText) {
          return withoutFingerprints({ ...item, contentHtml: stored.contentHtml, contentText: stored.contentText, summary: item.summary ?? stored.summary, author: item.author ?? stored.author, lang: item.lang ?? stored.lang });
        }
        if (stored && now - stored.firstSeenAt > RETRY_WINDOW_MS) return item;
        const r = await fillFullText(item, source, deps);
        if (r.warning) warnings.push(r.warning);
        return r.item;
      }),
    ),
  );
  return { items: out, warnings };
}

/** Wraps a kind's adapter so that sources declaring `full_text: true` get each entry's article text. */
export function withFullText(adapter: SourceAdapter): SourceAdapter {
  return {
    async collect(source, deps): Promise<CollectResult> {
      const res = await adapter.collect(source, deps);
      if (!res.ok || res.notModified || !wantsFullText(source)) return res;
      const { items, warnings } = await addFullText(res.feed.items, source, deps);
      if (warnings.length) deps.log.info({ sourceId: source.id, failures: warnings.length }, 'full text kept the summary for some entries');
      return { ...res, feed: { ...res.feed, items }, warnings: [...res.warnings, ...warnings] };
    },
  };
}
