/** RSS 2.0 (https://www.rssboard.org/rss-specification) with atom:link self/hub, dc:creator and source. */
import type { Feed } from './model.js';
import { rfc822, xml } from './xml.js';
import { safeHref } from '../lib/web-url.js';

export function renderRss(feed: Feed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xml(feed.title)}</title>`,
    `<link>${xml(feed.homeUrl)}</link>`,
    `<description>${xml(feed.description)}</description>`,
    `<language>${xml(feed.language)}</language>`,
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `<generator>${xml(`${feed.generator.name} ${feed.generator.version}`)}</generator>`,
    '<docs>https://www.rssboard.org/rss-specification</docs>',
    `<atom:link rel="self" type="application/rss+xml" href="${xml(feed.urls.rss)}"/>`,
  ];
  if (feed.hub) out.push(`<atom:link rel="hub" href="${xml(feed.hub)}"/>`);
  for (const e of feed.entries) {
    out.push('<item>', `<title>${xml(e.title)}</title>`, `<link>${xml(safeHref(e.link) ?? e.permalink)}</link>`);
    out.push(`<guid isPermaLink="false">${xml(e.id)}</guid>`, `<pubDate>${rfc822(e.published)}</pubDate>`);
    if (e.author) out.push(`<dc:creator>${xml(e.author)}</dc:creator>`);
    for (const tag of e.tags) out.push(`<category>${xml(tag)}</category>`);
    out.push(`<comments>${xml(e.permalink)}</comments>`, `<description>${xml(e.contentHtml)}</description>`);
    // <source> credits the original feed; its url attribute is required, so it is left out without one.
    const sourceUrl = safeHref(e.source.feedUrl);
    if (sourceUrl) out.push(`<source url="${xml(sourceUrl)}">${xml(e.source.name)}</source>`);
    out.push('</item>');
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}
