import type { SourceKind } from '../config/source-schema.js';
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
export const adapters: Record<SourceKind, SourceAdapter> = {
  feed: withFullText(feedAdapter),
  newsletter: newsletterAdapter,
  mastodon: mastodonAdapter,
  bluesky: blueskyAdapter,
  youtube: youtubeAdapter,
  reddit: redditAdapter,
  html: withFullText(htmlAdapter),
};

export function adapterFor(kind: string): SourceAdapter | undefined {
  return (adapters as Record<string, SourceAdapter>)[kind];
}
