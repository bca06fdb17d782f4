import type { SearchDocument } from './document.js';
import type { FacetCounts, SearchHit } from './types.js';

/** A result as the API returns it; anonymous readers get no curation fields. */
export function toHit(doc: SearchDocument, titleHtml: string, snippet: string, anonymous: boolean): SearchHit {
  const hit: SearchHit = {
    id: doc.id,
    title: doc.title,
    titleHtml,
    url: doc.url,
    snippet,
    source: doc.source,
    sourceName: doc.sourceName,
    topic: doc.topics[0] ?? null,
    topics: doc.topics,
    author: doc.author,
    lang: doc.lang,
    published: new Date(doc.publishedAt).toISOString(),
  };
  if (!anonymous) {
    hit.tags = doc.tags;
    hit.signal = doc.signal;
    hit.approved = doc.approved;
  }
  return hit;
}

export function countInto(counts: FacetCounts, value: string | null | undefined): void {
  if (value) counts[value] = (counts[value] ?? 0) + 1;
}
