/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): url is the page here, external_url the original article. */
import type { Feed } from './model.js';
import { cleanText, rfc3339 } from './xml.js';
import { safeHref } from '../lib/web-url.js';

export function renderJsonFeed(feed: Feed): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: cleanText(feed.title),
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    description: cleanText(feed.description),
    language: feed.language,
    authors: [{ name: cleanText(feed.title), url: feed.homeUrl }],
    ...(feed.hub ? { hubs: [{ type: 'WebSub', url: feed.hub }] } : {}),
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.permalink,
      ...(safeHref(e.link) ? { external_url: safeHref(e.link) } : {}),
      title: cleanText(e.title),
      content_html: e.contentHtml,
      ...(e.summary ? { summary: e.summary } : {}),
      date_published: rfc3339(e.published),
      date_modified: rfc3339(e.updated),
      authors: [{ name: cleanText(e.author ?? e.source.name), ...(e.author ? {} : safeHref(e.source.homeUrl) ? { url: safeHref(e.source.homeUrl) } : {}) }],
      ...(e.tags.length ? { tags: e.tags.map(cleanText) } : {}),
      ...(e.lang ? { language: e.lang } : {}),
      _vigie: { source: { name: cleanText(e.source.name), feed_url: safeHref(e.source.feedUrl), home_page_url: safeHref(e.source.homeUrl) } },
    })),
  };
  return `${JSON.stringify(doc)}\n`;
}
