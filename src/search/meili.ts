/** The Meilisearch backend: the same query model as FTS5, with typo tolerance, synonyms and exact facets. */
import type { Meilisearch } from 'meilisearch';
import { curationScopes, meiliReadableFilter, meiliSignalFilter, meiliTagFilter, type Viewer } from '../access/index.js';
import { SearchDocument } from './document.js';
import { showsCuration, toHit } from './hits.js';
import { MARK_END, MARK_START, escapeHtml, marksToHtml, plainExcerpt } from './highlight.js';
import { createMeiliClient, type MeiliConnection } from './meili-index.js';
import { isEmptyQuery, meiliQuery } from './query.js';
import type { FacetCounts, SearchBackend, SearchFacets, SearchRequest, SearchResponse } from './types.js';

const RETRIEVE = ['id', 'title', 'summary', 'author', 'categories', 'url', 'source', 'sourceName', 'topics', 'topicIds', 'lang', 'publishedAt', 'tags', 'topicTags', 'signal', 'signals', 'approved', 'approvals'];
/** Past this, `total` comes from Meilisearch's estimate. */
const EXACT_TOTAL = 1000;

/** A filter value in Meilisearch syntax (quoted, escaped). */
function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function meiliFilters(req: SearchRequest): string[] {
  const f = req.filters;
  const out: string[] = [];
  const readable = meiliReadableFilter(req.viewer);
  if (readable) out.push(readable);
  if (f.topic) out.push(`topics = ${quote(f.topic)}`);
  if (f.source) out.push(`source = ${quote(f.source)}`);
  if (f.tag) out.push(meiliTagFilter(req.viewer, f.tag));
  if (f.signal) out.push(meiliSignalFilter(req.viewer, f.signal));
  if (f.lang) out.push(`lang = ${quote(f.lang.toLowerCase())}`);
  if (f.from !== undefined) out.push(`publishedAt >= ${f.from}`);
  if (f.to !== undefined) out.push(`publishedAt < ${f.to}`);
  return out;
}

export function createMeiliBackend(conn: MeiliConnection, client: Meilisearch = createMeiliClient(conn, 3000)): SearchBackend {
  const index = client.index(conn.index);

  async function search(req: SearchRequest): Promise<SearchResponse> {
    const scopes = curationScopes(req.viewer);
    const tagFacet = !showsCuration(req.viewer) ? null : scopes === 'all' ? 'tags' : 'topicTags';
    const facetNames = tagFacet ? ['topics', 'source', 'lang', tagFacet] : ['topics', 'source', 'lang'];
    const filter = meiliFilters(req);
    const browse = isEmptyQuery(req.query);
    const q = browse ? '' : meiliQuery(req.query);
    const res = await index.search(q, {
      filter,
      facets: facetNames,
      sort: req.sort === 'date' || browse ? ['publishedAt:desc', 'id:desc'] : undefined,
      offset: req.offset,
      limit: req.limit,
      attributesToRetrieve: RETRIEVE,
      attributesToHighlight: ['title', 'summary', 'body'],
      attributesToCrop: ['body', 'summary'],
      cropLength: 24,
      cropMarker: '…',
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
      matchingStrategy: 'all',
    });
    const hits = res.hits.map((raw) => {
      const { _formatted, ...rest } = raw as Record<string, unknown> & { _formatted?: Record<string, unknown> };
      const doc = SearchDocument.parse({ ...rest, body: null });
      const fmt = (k: string) => (typeof _formatted?.[k] === 'string' ? (_formatted[k] as string) : null);
      const title = fmt('title');
      const snippetSrc = [fmt('body'), fmt('summary')].find((s) => s?.includes(MARK_START)) ?? fmt('summary') ?? fmt('body');
      return toHit(doc, title ? marksToHtml(title) : escapeHtml(doc.title ?? ''), snippetSrc ? marksToHtml(snippetSrc) : plainExcerpt(doc.summary), req.viewer);
    });
    const dist = (res.facetDistribution ?? {}) as Record<string, FacetCounts>;
    const facets: SearchFacets = { topic: readableTopicCounts(req.viewer, dist.topics ?? {}), source: dist.source ?? {}, lang: dist.lang ?? {} };
    if (tagFacet === 'tags') facets.tag = dist.tags ?? {};
    else if (tagFacet) facets.tag = await tagCounts(q, filter, dist.topicTags ?? {}, scopes);
    const total = res.estimatedTotalHits ?? res.hits.length;
    const end = req.offset + req.limit;
    return {
      hits,
      facets,
      total,
      totalIsEstimate: total > EXACT_TOTAL,
      backend: 'meilisearch',
      nextOffset: end < total && res.hits.length === req.limit ? end : null,
    };
  }

  /**
   * Tag counts from the "<topicId>:<tag>" facet (only readable topics' keys can match the viewer's items, but an item's
   * topics may be readable while another topic's tags are not: keys are kept by scope). A tag used in one readable
   * topic is counted exactly by the facet; one used in several is counted once per item by a search of its own.
   */
  async function tagCounts(q: string, filter: string[], dist: FacetCounts, scopes: 'all' | ReadonlySet<string>): Promise<FacetCounts> {
    const byName = new Map<string, { keys: string[]; count: number }>();
    for (const [key, n] of Object.entries(dist)) {
      const at = key.indexOf(':');
      if (scopes !== 'all' && !scopes.has(key.slice(0, at))) continue;
      const e = byName.get(key.slice(at + 1)) ?? { keys: [], count: 0 };
      e.keys.push(key);
      e.count += n;
      byName.set(key.slice(at + 1), e);
    }
    const shared = [...byName.entries()].filter(([, e]) => e.keys.length > 1);
    if (shared.length) {
      const res = await client.multiSearch({
        queries: shared.map(([, e]) => ({ indexUid: conn.index, q, matchingStrategy: 'all' as const, filter: [...filter, `topicTags IN [${e.keys.map(quote).join(', ')}]`], hitsPerPage: 0, page: 1 })),
      });
      res.results.forEach((r, i) => (shared[i]![1].count = (r as { totalHits?: number }).totalHits ?? shared[i]![1].count));
    }
    return Object.fromEntries([...byName.entries()].map(([name, e]) => [name, e.count]));
  }

  return { name: 'meilisearch', search };
}

/** Topic facet counts for the topics the viewer reads only (an item may also sit in a topic the viewer cannot see). */
function readableTopicCounts(viewer: Viewer, dist: FacetCounts): FacetCounts {
  if (viewer.topicSlugs === 'all') return dist;
  const readable = new Set(viewer.topicSlugs.map((s) => s.toLowerCase()));
  return Object.fromEntries(Object.entries(dist).filter(([slug]) => readable.has(slug.toLowerCase())));
}
