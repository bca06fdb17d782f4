import { createHash } from 'node:crypto';
import type { NormalisedItem } from '../model/item.js';
import { contentHash } from '../text/fingerprint.js';

export { contentHash };

/** An item ready to store: the normalised fields plus its identity and fingerprints. */
export interface KeyedItem extends NormalisedItem {
  dedupeKey: string;
  contentHash: string;
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/**
 * True when the feed uses each guid for one entry only. Feeds that reuse a guid for different entries (a CMS
 * bug seen in the wild) lose guid identity: their items are keyed by canonical URL instead.
 */
export function guidsAreUnique(items: NormalisedItem[]): boolean {
  const seen = new Map<string, string>();
  for (const it of items) {
    if (!it.guid) continue;
    const sig = `${it.canonicalUrl ?? ''}\u0000${it.title ?? ''}`;
    const prev = seen.get(it.guid);
    if (prev !== undefined && prev !== sig) return false;
    seen.set(it.guid, sig);
  }
  return true;
}

/** Identity chain: guid (while unique) → canonical URL → hash of title + date + content. */
export function dedupeKey(item: NormalisedItem, useGuid: boolean): string {
  if (useGuid && item.guid) return `g:${item.guid}`;
  if (item.canonicalUrl) return `u:${item.canonicalUrl}`;
  if (item.guid) return `g:${item.guid}`;
  return `h:${sha1(`${item.title ?? ''}\u0000${item.published ?? ''}\u0000${item.contentText ?? item.summary ?? ''}`)}`;
}

/** Keys the entries of one fetch and drops repeats inside it (the first occurrence wins). */
export function keyItems(items: NormalisedItem[], useGuid: boolean): KeyedItem[] {
  const out = new Map<string, KeyedItem>();
  for (const it of items) {
    const key = dedupeKey(it, useGuid);
    if (!out.has(key)) out.set(key, { ...it, dedupeKey: key, contentHash: it.contentHash ?? contentHash(it) });
  }
  return [...out.values()];
}
