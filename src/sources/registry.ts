import type { SourceKind } from '../config/source-schema.js';
import { applyUrlPolicy } from '../lib/url-policy.js';
import { blueskyAdapter } from './bluesky.js';
import { feedAdapter } from './feed.js';
import { withFullText } from './full-text.js';
import { htmlAdapter } from './html.js';
import { mastodonAdapter } from './mastodon.js';
import { newsletterAdapter } from './newsletter/adapter.js';
import { redditAdapter } from './reddit.js';
import type { SourceAdapter } from './types.js';
import { youtubeAdapter } from './youtube.js';

/** One adapter per source kind; a new kind does not compile until it is wired here. */
const kinds: Record<SourceKind, SourceAdapter> = {
  feed: withFullText(feedAdapter),
  newsletter: newsletterAdapter,
  mastodon: mastodonAdapter,
  bluesky: blueskyAdapter,
  youtube: youtubeAdapter,
  reddit: redditAdapter,
  html: withFullText(htmlAdapter),
};

/**
 * Every kind's result goes through the URL policy (http(s) links only) before anyone sees it: the pipeline, the
 * preview (`vigie source test`) and whatever collects through this registry.
 */
function withUrlPolicy(adapter: SourceAdapter): SourceAdapter {
  return {
    async collect(source, deps) {
      const r = await adapter.collect(source, deps);
      if (!r.ok || r.notModified) return r;
      const { feed, warnings } = applyUrlPolicy(r.feed, source.url);
      return { ...r, feed, warnings: [...r.warnings, ...warnings] };
    },
  };
}

export const adapters = Object.fromEntries(Object.entries(kinds).map(([kind, a]) => [kind, withUrlPolicy(a)])) as Record<SourceKind, SourceAdapter>;

export function adapterFor(kind: string): SourceAdapter | undefined {
  return (adapters as Record<string, SourceAdapter>)[kind];
}
