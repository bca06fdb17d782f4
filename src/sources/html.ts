/**
 * `kind: html` — a page without a feed, read with CSS selectors (cheerio): `entry` finds each entry, then `title`,
 * `link`, `date` and `summary` are looked up inside it. Entries are keyed by their link, so a page that changed
 * without new entries adds nothing; a selector that stops matching is a source error, never silent "no news".
 */
import { load, type CheerioAPI } from 'cheerio';
import { canonicalUrl } from '../lib/url.js';
import { parseDate } from '../text/dates.js';
import { createSanitiser } from '../text/sanitise.js';
import { foldWhitespace, truncate } from '../text/strings.js';
import type { NormalisedItem } from '../model/item.js';
import { webUrl } from '../lib/web-url.js';
import { decodeBody } from '../parse/decode.js';
import { pageBase } from './extract.js';
import type { CollectResult, SourceAdapter } from './types.js';

type Selection = ReturnType<CheerioAPI>;

export interface Selectors {
  entry: string;
  title?: string;
  link?: string;
  date?: string;
  summary?: string;
}

export type ScrapeResult = { ok: true; title: string | null; items: NormalisedItem[]; warnings: string[] } | { ok: false; kind: 'selector'; detail: string };

function pick(el: Selection, selector: string | undefined): Selection | null {
  if (!selector) return null;
  const found = el.find(selector).first();
  if (found.length) return found;
  // A selector may name the entry element itself (entry: "a.news", link: "a.news").
  return el.is(selector) ? el : null;
}

function hrefOf(node: Selection): string | undefined {
  return node.attr('href') ?? node.find('a[href]').first().attr('href') ?? node.closest('a[href]').attr('href');
}

/** Entries of a page by CSS selectors; pure (tests run it over fixture pages). */
export function scrapePage(html: string, pageUrl: string, sel: Selectors): ScrapeResult {
  const $ = load(html);
  const base = pageBase(html, pageUrl) ?? pageUrl;
  let entries: Selection;
  try {
    entries = $(sel.entry).filter((_i, n) => n.type === 'tag');
  } catch (err) {
    return { ok: false, kind: 'selector', detail: `selector entry '${sel.entry}' is not valid CSS: ${(err as Error).message}` };
  }
  if (!entries.length) {
    return { ok: false, kind: 'selector', detail: `selector entry '${sel.entry}' matches nothing on ${pageUrl}: the page has changed (this is not "no news")` };
  }
  const sanitise = createSanitiser();
  const warnings: string[] = [];
  const missing = { title: 0, link: 0, date: 0, summary: 0 };
  const items: NormalisedItem[] = [];
  for (let i = 0; i < entries.length; i++) {
    const el = entries.eq(i);
    const titleNode = pick(el, sel.title);
    const linkNode = sel.link ? pick(el, sel.link) : null;
    const dateNode = pick(el, sel.date);
    const summaryNode = pick(el, sel.summary);
    if (sel.title && !titleNode) missing.title++;
    if (sel.link && !linkNode) missing.link++;
    if (sel.date && !dateNode) missing.date++;
    if (sel.summary && !summaryNode) missing.summary++;
    const href = linkNode ? hrefOf(linkNode) : hrefOf(el);
    const url = href ? webUrl(href, base) : null;
    const titleText = foldWhitespace((titleNode ?? el.find('h1,h2,h3,h4,a').first()).text());
    const dateRaw = dateNode ? (dateNode.attr('datetime') ?? dateNode.attr('content') ?? dateNode.text()) : null;
    const safe = summaryNode ? sanitise.sanitise(summaryNode.html() ?? '', base) : null;
    if (!titleText && !url) continue;
    items.push({
      guid: null,
      url,
      canonicalUrl: canonicalUrl(url),
      title: titleText || null,
      author: null,
      published: parseDate(dateRaw ? foldWhitespace(dateRaw) : null),
      summary: safe?.text ? truncate(safe.text, 500) : null,
      contentHtml: safe?.html || null,
      contentText: safe?.text || null,
      categories: [],
      enclosures: [],
      lang: null,
    });
  }
  // A field selector matching in no entry at all means the page's layout changed under it.
  for (const [field, n] of Object.entries(missing) as [keyof typeof missing, number][]) {
    if (n === entries.length) {
      return { ok: false, kind: 'selector', detail: `selector ${field} '${sel[field]}' matches in none of the ${entries.length} entries on ${pageUrl}: the page has changed` };
    }
    if (n) warnings.push(`selector ${field} '${sel[field]}' matched in ${entries.length - n} of ${entries.length} entries`);
  }
  if (!items.length) return { ok: false, kind: 'selector', detail: `entries on ${pageUrl} have neither a title nor a link` };
  return { ok: true, title: foldWhitespace($('title').first().text()) || null, items, warnings };
}

export const htmlAdapter: SourceAdapter = {
  async collect(source, deps): Promise<CollectResult> {
    const sel = source.settings.selectors as Selectors | undefined;
    if (!source.url || !sel?.entry) return { ok: false, kind: 'config', detail: `source ${source.slug} needs a url and selectors.entry` };
    const res = await deps.fetch({
      url: source.url,
      etag: source.etag,
      lastModified: source.lastModified,
      guard: source.origin === 'app',
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    });
    if (!res.ok) return { ok: false, kind: res.kind, detail: res.detail, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
    if (res.notModified) return { ok: true, notModified: true, etag: res.etag, lastModified: res.lastModified, maxAgeMs: res.maxAgeMs };
    const scraped = scrapePage(decodeBody(res.body, res.contentType).text, res.finalUrl, sel);
    if (!scraped.ok) return { ok: false, kind: scraped.kind, detail: scraped.detail, httpStatus: res.status };
    return {
      ok: true,
      notModified: false,
      feed: { feed: { title: scraped.title, link: res.finalUrl, description: null, language: null }, items: scraped.items },
      etag: res.etag,
      lastModified: res.lastModified,
      httpStatus: res.status,
      bytes: res.body.length,
      maxAgeMs: res.maxAgeMs,
      warnings: scraped.warnings,
    };
  },
};
