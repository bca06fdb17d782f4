import { curationScopes, readableApproval, readableSignal, readableTags, type Viewer } from '../access/index.js';
import type { SearchDocument } from './document.js';
import type { FacetCounts, SearchHit } from './types.js';

/** Slugs of the item's topics the viewer reads (a hit never names a hidden topic). */
export function readableTopicSlugs(viewer: Viewer, doc: Pick<SearchDocument, 'topics' | 'topicIds'>): string[] {
  if (viewer.topics === 'all') return doc.topics;
  const readable = viewer.topics;
  return doc.topics.filter((_, i) => readable.has(doc.topicIds[i]!));
}

/** A result as the API returns it: curation fields for signed-in viewers, as far as they read it. */
export function toHit(doc: SearchDocument, titleHtml: string, snippet: string, viewer: Viewer): SearchHit {
  const topics = readableTopicSlugs(viewer, doc);
  const hit: SearchHit = {
    id: doc.id,
    title: doc.title,
    titleHtml,
    url: doc.url,
    snippet,
    source: doc.source,
    sourceName: doc.sourceName,
    topic: topics[0] ?? null,
    topics,
    author: doc.author,
    lang: doc.lang,
    published: new Date(doc.publishedAt).toISOString(),
  };
  const scopes = curationScopes(viewer);
  if (scopes === 'all') {
    hit.tags = doc.tags;
    hit.signal = doc.signal;
    hit.approved = doc.approved;
  } else if (viewer.kind === 'person') {
    hit.tags = readableTags(viewer, doc.topicTags);
    hit.signal = readableSignal(viewer, doc.signals);
    hit.approved = readableApproval(viewer, doc.approvals);
  }
  return hit;
}

export function countInto(counts: FacetCounts, value: string | null | undefined): void {
  if (value) counts[value] = (counts[value] ?? 0) + 1;
}

/** Whether search shows this viewer curation fields and facets (signed-in people and jobs). */
export const showsCuration = (viewer: Viewer): boolean => viewer.kind !== 'anonymous';
