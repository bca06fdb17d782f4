/**
 * Feed discovery for a site URL: the feeds its page declares (`<link rel="alternate">` with a feed type, then
 * `<a>` links that look like feeds), else common paths (/feed, /rss.xml …). Each candidate is fetched and parsed
 * to verify it; a declared feed that cannot be fetched now is still listed, unverified. Best first.
 */
import { load } from 'cheerio';
import { resolveUrl } from '../lib/url.js';
import { decodeBody } from '../parse/decode.js';
import { pageBase } from './extract.js';
import type { AdapterDeps } from './types.js';

export interface DiscoveredFeed {
  url: string;
  /** rss, atom, rdf or json: as parsed when verified, else as declared. */
  type: string | null;
  title: string | null;
  verified: boolean;
}

export interface Candidate {
  url: string;
  type: string | null;
  title: string | null;
  origin: 'declared' | 'anchor' | 'guess';
}

const FEED_TYPES: Record<string, string> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/rdf+xml': 'rdf',
  'application/feed+json': 'json',
  'application/json': 'json',
  'text/xml': 'rss',
  'application/xml': 'rss',
};
const COMMON_PATHS = ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/rss', '/feed/', '/feeds/posts/default', '/?feed=rss2'];
const ANCHOR_LIKE = /(\.(rss|atom|rdf)$)|(\/(feed|rss|atom)(\.xml)?\/?$)|([?&]feed=(rss2?|atom))/i;
const MAX_ANCHORS = 5;

/** Declared feeds and feed-looking links of a page, in document order; pure. */
export function findFeedLinks(html: string, pageUrl: string): Candidate[] {
  const $ = load(html);
  const base = pageBase(html, pageUrl) ?? pageUrl;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate) => {
    if (seen.has(c.url)) return;
    seen.add(c.url);
    out.push(c);
  };
  $('link[rel][href]').each((_i, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = ($(el).attr('type') ?? '').trim().toLowerCase().split(';')[0]!;
    if (!rel.includes('alternate') && !rel.includes('feed')) return;
    const kind = FEED_TYPES[type];
    // application/json alternates are usually oEmbed or API links; count them only when they say they are feeds.
    if (!kind || (type === 'application/json' && !/feed/i.test(`${$(el).attr('title') ?? ''} ${$(el).attr('href') ?? ''}`))) return;
    const url = resolveUrl($(el).attr('href'), base);
    if (url && /^https?:/i.test(url)) add({ url, type: kind, title: $(el).attr('title')?.trim() || null, origin: 'declared' });
  });
  let anchors = 0;
  $('a[href]').each((_i, el) => {
    if (anchors >= MAX_ANCHORS) return;
    const href = $(el).attr('href') ?? '';
    if (!ANCHOR_LIKE.test(href.split('#')[0]!)) return;
    const url = resolveUrl(href, base);
    if (!url || !/^https?:/i.test(url)) return;
    anchors++;
    add({ url, type: null, title: $(el).text().trim() || null, origin: 'anchor' });
  });
  return out;
}

type Verified = { ok: true; type: string; title: string | null } | { ok: false };

async function verify(url: string, deps: Pick<AdapterDeps, 'fetch' | 'parse'>, guard: boolean): Promise<Verified> {
  const res = await deps.fetch({ url, guard, maxBytes: 5 * 1024 * 1024 });
  if (!res.ok || res.notModified) return { ok: false };
  const parsed = await deps.parse({ body: res.body, contentType: res.contentType, url: res.finalUrl });
  return parsed.ok ? { ok: true, type: parsed.format, title: parsed.feed.feed.title } : { ok: false };
}

export type DiscoverResult = { ok: true; feeds: DiscoveredFeed[] } | { ok: false; kind: string; detail: string };

export async function discoverFeeds(pageUrl: string, deps: Pick<AdapterDeps, 'fetch' | 'parse'>, opts: { guard?: boolean } = {}): Promise<DiscoverResult> {
  const guard = opts.guard ?? false;
  const res = await deps.fetch({ url: pageUrl, guard, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5' });
  if (!res.ok) return { ok: false, kind: res.kind, detail: res.detail };
  if (res.notModified) return { ok: false, kind: 'http_status', detail: `${pageUrl}: unexpected 304` };
  // The URL may itself be a feed.
  const self = await deps.parse({ body: res.body, contentType: res.contentType, url: res.finalUrl });
  if (self.ok) return { ok: true, feeds: [{ url: res.finalUrl, type: self.format, title: self.feed.feed.title, verified: true }] };

  const html = decodeBody(res.body, res.contentType).text;
  let candidates = findFeedLinks(html, res.finalUrl);
  if (!candidates.some((c) => c.origin === 'declared')) {
    const origin = new URL(res.finalUrl).origin;
    candidates = [...candidates, ...COMMON_PATHS.map((p): Candidate => ({ url: origin + p, type: null, title: null, origin: 'guess' }))];
  }
  const checked = await Promise.all(candidates.map(async (c) => ({ c, v: await verify(c.url, deps, guard) })));
  const rank = { declared: 0, anchor: 1, guess: 2 };
  const feeds: DiscoveredFeed[] = [];
  const seenFeeds = new Set<string>();
  // Verified first (declared, then links, then guesses), then the declared ones that did not answer now.
  for (const { c, v } of checked.filter((x) => x.v.ok).sort((a, b) => rank[a.c.origin] - rank[b.c.origin])) {
    if (!v.ok || seenFeeds.has(c.url)) continue;
    seenFeeds.add(c.url);
    feeds.push({ url: c.url, type: v.type, title: c.title ?? v.title, verified: true });
  }
  for (const { c } of checked.filter((x) => !x.v.ok && x.c.origin === 'declared')) {
    feeds.push({ url: c.url, type: c.type, title: c.title, verified: false });
  }
  return { ok: true, feeds };
}
