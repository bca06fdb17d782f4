/**
 * `kind: reddit` — a subreddit's public Atom feed (`/r/<name>/new/.rss`). Reddit announced the end of its public RSS
 * feeds for 2026-11-13: when the feed stops answering, the source error says so plainly instead of a bare HTTP code.
 */
import type { CollectResult, SourceAdapter } from './types.js';

export const REDDIT_RSS_END = '2026-11-13';

export function redditFeedUrl(base: string, subreddit: string, sort: string): string {
  const name = subreddit.replace(/^\/?r\//, '');
  if (sort === 'hot') return `${base}/r/${name}/.rss`;
  if (sort === 'top') return `${base}/r/${name}/top/.rss?t=day`;
  return `${base}/r/${name}/new/.rss`;
}

function endOfRss(name: string, what: string): string {
  return (
    `r/${name}: Reddit did not serve the subreddit's feed (${what}). Reddit announced the end of its public RSS feeds ` +
    `for ${REDDIT_RSS_END}; if that date has passed this source can no longer be read anonymously. Otherwise the ` +
    `subreddit may be private, banned or misspelt.`
  );
}

export const redditAdapter: SourceAdapter = {
  async collect(source, deps): Promise<CollectResult> {
    const base = typeof source.settings.base_url === 'string' ? source.settings.base_url : 'https://www.reddit.com';
    const sub = typeof source.settings.subreddit === 'string' ? source.settings.subreddit.replace(/^\/?r\//, '') : null;
    if (!sub) return { ok: false, kind: 'config', detail: `source ${source.slug} has no subreddit` };
    const sort = typeof source.settings.sort === 'string' ? source.settings.sort : 'new';
    const url = redditFeedUrl(base, sub, sort);
    const res = await deps.fetch({ url, guard: source.origin === 'app', etag: source.etag, lastModified: source.lastModified });
    if (!res.ok) {
      if (res.status && [401, 403, 404, 410].includes(res.status)) {
        return { ok: false, kind: 'feed_ended', detail: endOfRss(sub, `HTTP ${res.status}`), httpStatus: res.status };
      }
      return { ok: false, kind: res.kind, detail: `r/${sub}: ${res.detail}`, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
    }
    if (res.notModified) return { ok: true, notModified: true, etag: res.etag, lastModified: res.lastModified, maxAgeMs: res.maxAgeMs };
    const parsed = await deps.parse({ body: res.body, contentType: res.contentType, url: res.finalUrl });
    if (!parsed.ok) {
      // An HTML page (login wall, announcement) where the feed used to be.
      if (parsed.kind === 'not_a_feed') return { ok: false, kind: 'feed_ended', detail: endOfRss(sub, 'an HTML page instead of a feed'), httpStatus: res.status };
      return { ok: false, kind: parsed.kind, detail: `r/${sub}: ${parsed.detail}`, httpStatus: res.status };
    }
    return { ok: true, notModified: false, feed: parsed.feed, etag: res.etag, lastModified: res.lastModified, httpStatus: res.status, bytes: res.body.length, maxAgeMs: res.maxAgeMs, warnings: parsed.warnings };
  },
};
