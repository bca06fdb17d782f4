/**
 * What goes into a digest: curated (approved) items first with the curator's public note, then newly confirmed
 * weak signals, then the most reported stories (clusters) of the period — or, for a tag or a saved search, what
 * matched it. Items the member already received are never repeated. The candidate queries are shared by every
 * subscription with the same target and period (10,000 members of one topic cost one query, not 10,000).
 */
import { publicViewer, type Viewer } from '../access/viewer.js';
import { viewerForUserId } from '../access/job-viewer.js';
import type { Sqlite } from '../db/client.js';
import { approvedInPeriod, confirmedSignalsInPeriod, taggedInPeriod, type DigestScope, type Period } from '../db/curation/digest-candidates.js';
import { sentItemsOf } from '../db/digests/issues.js';
import { storiesInPeriod } from '../db/items/digest-items.js';
import { listTopicRefs } from '../db/topics/refs.js';
import { getSavedSearch } from '../db/curation/saved-searches.js';
import { parseQuery } from '../search/query.js';
import type { SearchService } from '../search/service.js';
import type { Subscription } from './subscriptions.js';

export type Section = 'approved' | 'signal' | 'story' | 'match';
export interface Entry {
  itemId: number;
  section: Section;
  note: string | null;
  /** Story: how many items report it; signal: strength. */
  count: number;
}

/** Most entries a digest keeps (the web page shows them all; the e-mail shows a cap and "N more on the web"). */
export const MAX_ENTRIES = 200;

export interface Selector {
  /** Entries for one subscription over [start, end), already-sent items removed. */
  select(sub: Subscription, start: number, end: number): Promise<Entry[]>;
}

export interface SelectorDeps {
  sqlite: Sqlite;
  search: Pick<SearchService, 'search'>;
  /** VIGIE_PUBLIC_READ: members read public topics too. */
  publicRead: boolean;
}

/**
 * Whose rights a digest is built with: an official digest of a public topic with anonymous rights (it is the one
 * public archive); every other digest with its subscriber's rights at build time.
 */
export function digestViewer(sqlite: Sqlite, sub: Pick<Subscription, 'official' | 'kind' | 'topicPublic' | 'userId'>, publicRead: boolean): Viewer {
  const catalog = listTopicRefs(sqlite);
  if (isPublicDigest(sub)) return publicViewer(catalog);
  return viewerForUserId(sqlite, sub.userId, { publicRead }, catalog);
}

/** The official digest of a public topic: built with anonymous rights, readable by anyone. */
export const isPublicDigest = (sub: Pick<Subscription, 'official' | 'kind' | 'topicPublic'>) => sub.official && sub.kind === 'topic' && sub.topicPublic;

/** Identifies what a viewer reads, for sharing candidates between subscribers with the same rights. */
const viewerKey = (v: Viewer) => `${v.kind}:${v.topics === 'all' ? 'all' : [...v.topics].sort((a, b) => a - b).join(',')}`;

export function createSelector(deps: SelectorDeps): Selector {
  const { sqlite } = deps;
  const viewers = new Map<number, Viewer>();
  // Candidates depend on the target, the period and what the reader may read: shared across subscribers.
  const cache = new Map<string, Entry[]>();

  async function candidates(sub: Subscription, v: Viewer, p: Period): Promise<Entry[]> {
    const approved = (scope: DigestScope) => approvedInPeriod(sqlite, v, scope, p).map((r) => ({ itemId: r.itemId, section: 'approved' as const, note: r.note, count: 0 }));
    const signals = (scope: DigestScope) => confirmedSignalsInPeriod(sqlite, v, scope, p).map((r) => ({ itemId: r.itemId, section: 'signal' as const, note: r.note, count: r.count }));
    if (sub.kind === 'topic') {
      if (sub.topicId === null) return [];
      const scope: DigestScope = { kind: 'topic', topicId: sub.topicId };
      const stories = storiesInPeriod(sqlite, v, scope, p, 2, MAX_ENTRIES).map((r) => ({ itemId: r.itemId, section: 'story' as const, note: null, count: r.count }));
      return [...approved(scope), ...signals(scope), ...stories];
    }
    if (sub.kind === 'tag') {
      const scope: DigestScope = { kind: 'tag', tag: sub.tagName ?? '' };
      const tagged = taggedInPeriod(sqlite, v, sub.tagName ?? '', p, MAX_ENTRIES).map((r) => ({ itemId: r.itemId, section: 'match' as const, note: null, count: 0 }));
      return [...approved(scope), ...signals(scope), ...tagged];
    }
    if (sub.kind === 'signals') return signals({ kind: 'all' });
    const saved = sub.savedSearchId === null ? null : getSavedSearch(sqlite, sub.savedSearchId);
    if (!saved || saved.userId !== sub.userId) return [];
    const ids = await searchIds(deps.search, v, saved.query, p.start, p.end);
    const scope: DigestScope = { kind: 'ids', ids };
    const order = new Map(ids.map((id, i) => [id, i]));
    const matches = storiesInPeriod(sqlite, v, scope, p, 1, MAX_ENTRIES).sort((a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0));
    return [...approved(scope), ...signals(scope), ...matches.map((r) => ({ itemId: r.itemId, section: 'match' as const, note: null, count: r.count }))];
  }

  return {
    async select(sub, start, end) {
      const key0 = isPublicDigest(sub) ? -1 : sub.userId;
      let v = viewers.get(key0);
      if (!v) viewers.set(key0, (v = digestViewer(sqlite, sub, deps.publicRead)));
      const key = `${sub.kind}:${sub.topicId}:${sub.tagName}:${sub.savedSearchId}:${start}:${end}:${viewerKey(v)}`;
      let list = cache.get(key);
      if (!list) cache.set(key, (list = dedupe(await candidates(sub, v, { start, end }))));
      if (!list.length) return [];
      const sent = new Set(sentItemsOf(sqlite, sub.userId, list.map((e) => e.itemId)));
      return list.filter((e) => !sent.has(e.itemId));
    },
  };
}

/** Each item once, in its first (most important) section. */
export function dedupe(entries: Entry[]): Entry[] {
  const seen = new Set<number>();
  const out: Entry[] = [];
  for (const e of entries) {
    if (seen.has(e.itemId)) continue;
    seen.add(e.itemId);
    out.push(e);
    if (out.length >= MAX_ENTRIES) break;
  }
  return out;
}

/** The saved search's hits within the period, newest first. */
async function searchIds(search: Pick<SearchService, 'search'>, viewer: Viewer, q: Record<string, unknown>, start: number, end: number): Promise<number[]> {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const tag = Array.isArray(q.tag) ? str(q.tag[0]) : str(q.tag);
  const signal = str(q.signal);
  const res = await search.search({
    query: parseQuery(str(q.q) ?? ''),
    filters: { topic: str(q.topic), source: str(q.source), tag, signal: signal === 'any' ? undefined : signal, lang: str(q.lang), from: start, to: end },
    sort: 'date',
    offset: 0,
    limit: MAX_ENTRIES,
    // The subscriber's rights: the search itself returns only what they may read.
    viewer,
  });
  return res.hits.map((h) => h.id);
}
