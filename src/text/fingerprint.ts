import { createHash } from 'node:crypto';
import { simhash } from './simhash.js';
import type { NormalisedFeed, NormalisedItem } from '../model/item.js';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** What readers would notice changing; the date is left out so a feed re-stamping items does not churn. */
export function contentHash(item: NormalisedItem): string {
  return sha1(
    JSON.stringify([item.title, item.url, item.author, item.summary, item.contentHtml, item.categories, item.enclosures, item.lang]),
  );
}

/**
 * The feed with each item's SimHash and content hash computed (done in the parse worker, where CPU time is not the
 * store's). Whoever changes an item's fields afterwards drops both (`withoutFingerprints`); the store recomputes.
 */
export function withFingerprints(feed: NormalisedFeed): NormalisedFeed {
  return { ...feed, items: feed.items.map((it) => ({ ...it, simhash: simhash(it.title, it.contentText ?? it.summary), contentHash: contentHash(it) })) };
}

export function withoutFingerprints<T extends NormalisedItem>(item: T): T {
  return { ...item, simhash: undefined, contentHash: undefined };
}
