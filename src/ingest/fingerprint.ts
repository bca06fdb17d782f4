import { simhash } from './simhash.js';
import type { NormalisedFeed } from './types.js';

/** The feed with each item's SimHash computed (done in the parse worker, where CPU time is not the store's). */
export function withFingerprints(feed: NormalisedFeed): NormalisedFeed {
  return { ...feed, items: feed.items.map((it) => ({ ...it, simhash: simhash(it.title, it.contentText ?? it.summary) })) };
}
