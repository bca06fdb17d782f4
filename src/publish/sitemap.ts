/** sitemap.xml (sitemaps.org 0.9) over the public pages, and robots.txt pointing to it. */
import type { Viewer } from '../access/viewer.js';
import type { Sqlite } from '../db/client.js';
import { listSitemapItems } from '../db/curation/published.js';
import { listPublicTopics } from '../db/topics/public.js';
import { itemUrl, topicUrl } from './urls.js';
import { rfc3339, xml } from './xml.js';

/** The protocol's per-file limit. */
const MAX_URLS = 50_000;

/** The public pages the viewer (publicViewer: the world at large) may read. */
export function renderSitemap(sqlite: Sqlite, v: Viewer, base: string): { body: string; lastModified: number } {
  const topics = listPublicTopics(sqlite, v);
  const items = listSitemapItems(sqlite, v, MAX_URLS - topics.length - 1);
  const latest = Math.max(0, ...topics.map((t) => Math.max(t.updatedAt, t.lastApprovedAt ?? 0)), ...items.map((i) => i.lastmod));
  const url = (loc: string, lastmod: number | null) => `<url><loc>${xml(loc)}</loc>${lastmod ? `<lastmod>${rfc3339(lastmod)}</lastmod>` : ''}</url>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(`${base}/public`, latest || null),
    ...topics.map((t) => url(topicUrl(base, t.slug), Math.max(t.updatedAt, t.lastApprovedAt ?? 0))),
    ...items.map((i) => url(itemUrl(base, i.topicSlug, i.itemId), i.lastmod)),
    '</urlset>',
    '',
  ];
  return { body: lines.join('\n'), lastModified: latest };
}

/** Only the public face is for crawlers; the members' app and the API are not. */
export function renderRobots(base: string): string {
  return ['User-agent: *', 'Allow: /public', 'Allow: /t/', 'Allow: /static/', 'Disallow: /t/*/widget', 'Disallow: /', '', `Sitemap: ${base}/sitemap.xml`, ''].join('\n');
}
