import * as cheerio from 'cheerio';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml', 'application/json', 'text/xml', 'application/xml']);

export interface DiscoveredFeed {
  url: string;
  type: string;
  title: string | null;
}

/**
 * Feed links an HTML page advertises (`<link rel="alternate" type="application/rss+xml" href>`), resolved against
 * the page's `<base href>` (itself resolved against the page URL). Rel and type compare case-insensitively; rel may
 * carry other tokens. Best candidates first: Atom/RSS/JSON Feed before generic XML/JSON types.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const $ = cheerio.load(html);
  let base = pageUrl;
  const baseHref = $('base[href]').first().attr('href')?.trim();
  if (baseHref && URL.canParse(baseHref, pageUrl)) base = new URL(baseHref, pageUrl).href;
  const found: (DiscoveredFeed & { rank: number })[] = [];
  const seen = new Set<string>();
  $('link[href]').each((_, el) => {
    const link = $(el);
    const rels = (link.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.attr('type') ?? '').trim().toLowerCase().split(';')[0]!.trim();
    if (!rels.includes('alternate') || !FEED_TYPES.has(type)) return;
    const href = (link.attr('href') ?? '').trim();
    if (!href || !URL.canParse(href, base)) return;
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    url.hash = '';
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const rank = type.endsWith('+xml') || type === 'application/feed+json' ? 0 : 1;
    found.push({ url: url.href, type, title: link.attr('title')?.trim() || null, rank });
  });
  return found.sort((a, b) => a.rank - b.rank).map(({ rank, ...f }) => (void rank, f));
}
