/**
 * RawFeed (any format) to the shared NormalisedFeed: plain-text titles, sanitised HTML content with its text,
 * a short text summary, UTC dates (future ones dropped so the store falls back to first-seen), absolute and
 * canonical URLs, BCP 47 languages.
 */
import type { RawEntry, RawFeed, RawText } from './types.js';
import { canonicalUrl } from '../lib/url.js';
import { parseDateMs } from '../text/dates.js';
import type { Sanitiser } from '../text/sanitise.js';
import { escapeHtml, foldWhitespace, truncate } from '../text/strings.js';
import type { Enclosure, NormalisedFeed, NormalisedItem } from '../model/item.js';
import { applyUrlPolicy } from '../lib/url-policy.js';

export interface NormaliseOptions {
  sanitiser: Sanitiser;
  /** Current time (ms); dates later than now + tolerance are treated as absent. */
  now: number;
  futureToleranceMs?: number;
  summaryMaxChars?: number;
}

const DEFAULT_TOLERANCE_MS = 10 * 60_000;
const DEFAULT_SUMMARY_MAX = 500;

/** "en_US" → "en-US"; '' or junk → null. */
export function normaliseLang(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const l = lang.trim().replace(/_/g, '-');
  return /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(l) ? l : null;
}

function plain(t: RawText | null, s: Sanitiser): string | null {
  if (!t) return null;
  return t.type === 'text' ? foldWhitespace(t.value) : s.toText(t.value);
}

function safeHtml(t: RawText, s: Sanitiser): { html: string; text: string } {
  if (t.type === 'text') return { html: escapeHtml(t.value.trim()), text: foldWhitespace(t.value) };
  return s.sanitise(t.value, t.base);
}

function enclosure(e: RawEntry['enclosures'][number]): Enclosure {
  const n = e.length !== null ? Number(e.length) : NaN;
  return { url: e.url, type: e.type, length: Number.isFinite(n) && n >= 0 ? n : null };
}

function normaliseEntry(e: RawEntry, feedLang: string | null, opts: NormaliseOptions, warnings: string[]): NormalisedItem {
  const s = opts.sanitiser;
  const max = opts.summaryMaxChars ?? DEFAULT_SUMMARY_MAX;
  // Content falls back to the summary (RSS description-only items): one sanitiser pass serves both.
  const body = e.content ?? e.summary;
  const safe = body ? safeHtml(body, s) : null;
  let summary: string | null;
  if (e.summary && e.summary !== body) summary = truncate(plain(e.summary, s) ?? '', max);
  else summary = safe ? truncate(safe.text, max) : null;

  let published: string | null = null;
  for (const d of e.dates) {
    const t = parseDateMs(d);
    if (t === null) continue;
    if (t > opts.now + (opts.futureToleranceMs ?? DEFAULT_TOLERANCE_MS)) {
      warnings.push(`date in the future ignored: ${d}`);
      break;
    }
    published = new Date(t).toISOString();
    break;
  }
  if (published === null && e.dates.length && !warnings.some((w) => w.startsWith('date in the future'))) {
    warnings.push(`unrecognised date: ${e.dates[0]}`);
  }

  const lang = e.lang === '' ? null : normaliseLang(e.lang ?? feedLang);
  return {
    guid: e.guid,
    url: e.link,
    title: plain(e.title, s),
    author: e.author ? foldWhitespace(e.author) : null,
    published,
    summary,
    contentHtml: safe ? safe.html : null,
    contentText: safe ? safe.text : null,
    categories: e.categories.map(foldWhitespace).filter(Boolean),
    enclosures: e.enclosures.map(enclosure),
    lang,
    canonicalUrl: canonicalUrl(e.link),
  };
}

function isEmpty(e: RawEntry): boolean {
  return !e.guid && !e.link && !e.title?.value.trim() && !e.content?.value.trim() && !e.summary?.value.trim() && !e.enclosures.length && !e.author && !e.dates.length && !e.categories.length;
}

export function normaliseFeed(raw: RawFeed, opts: NormaliseOptions): { feed: NormalisedFeed; warnings: string[] } {
  const warnings: string[] = [];
  const language = raw.language === '' ? null : normaliseLang(raw.language);
  const kept = raw.entries.filter((e) => !isEmpty(e));
  if (kept.length < raw.entries.length) warnings.push(`${raw.entries.length - kept.length} empty item(s) skipped`);
  const items = kept.map((e) => normaliseEntry(e, language, opts, warnings));
  const guids = items.map((i) => i.guid).filter((g): g is string => g !== null);
  const dupes = guids.length - new Set(guids).size;
  if (dupes) warnings.push(`${dupes} duplicate guid(s) in the feed`);
  const feed: NormalisedFeed = {
    feed: {
      title: plain(raw.title, opts.sanitiser),
      link: raw.link,
      description: plain(raw.description, opts.sanitiser),
      language,
    },
    items,
  };
  // Links are already resolved against the document; the URL policy keeps the http(s) ones.
  const safe = applyUrlPolicy(feed, null);
  return { feed: safe.feed, warnings: [...warnings, ...safe.warnings] };
}
