/**
 * The visibility rule as a Meilisearch filter over the search document's `topicIds` (the item's topics). Null =
 * no restriction. A viewer who reads no topic gets a filter nothing matches.
 */
import type { Viewer } from './viewer.js';

export function meiliReadableFilter(v: Viewer): string | null {
  if (v.topics === 'all') return null;
  const ids = [...v.topics];
  return ids.length ? `topicIds IN [${ids.join(', ')}]` : 'topicIds = -1';
}
