/** The Meilisearch backend: the same query model as FTS5, with typo tolerance, synonyms and exact facets. */
import type { Meilisearch } from 'meilisearch';
import { SearchDocument } from './document.js';
import { toHit } from './hits.js';
import { MARK_END, MARK_START, escapeHtml, marksToHtml, plainExcerpt } from './highlight.js';
import { createMeiliClient, type MeiliConnection } from './meili-index.js';
import { isEmptyQuery, meiliQuery } from './query.js';
import type { FacetCounts, SearchBackend, SearchFacets, SearchRequest, SearchResponse } from './types.js';

const RETRIEVE = ['id', 'title', 'summary', 'author', 'categories', 'url', 'source', 'sourceName', 'topics', 'public', 'lang', 'publishedAt', 'tags', 'signal', 'approved'];
/** Past this, `total` comes from Meilisearch's estimate. */
const EXACT_TOTAL = 1000;

/** A filter value in Meilisearch syntax (quoted, escaped). */
function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function meiliFilters(req: SearchRequest): string[] {
  const f = req.filters;
  const out: string[] = [];
  if (req.anonymous) out.push('public = true');
  if (f.topic) out.push(`topics = ${quote(f.topic)}`);
  if (f.source) out.push(`source = ${quote(f.source)}`);
  if (f.tag) out.push(`tags = ${quote(f.tag)}`);
  if (f.signal) out.push(`signal = ${quote(f.signal)}`);
  if (f.lang) out.push(`lang = ${quote(f.lang.toLowerCase())}`);
  if (f.from !== undefined) out.push(`publishedAt >= ${f.from}`);
  if (f.to !== undefined) out.push(`publishedAt < ${f.to}`);
  return out;
}

export function createMeiliBackend(conn: MeiliConnection, client: Meilisearch = createMeiliClient(conn, 3000)): SearchBackend {
  const index = client.index(conn.index);

  async function search(req: SearchRequest): Promise<SearchResponse> {
    const facetNames = req.facets === false ? [] : req.anonymous ? ['topics', 'source', 'lang'] : ['topics', 'source', 'lang', 'tags'];
    const browse = isEmptyQuery(req.query);
    const res = await index.search(browse ? '' : meiliQuery(req.query), {
      filter: meiliFilters(req),
      facets: facetNames,
      sort: req.sort === 'date' || browse ? ['publishedAt:desc', 'id:desc'] : undefined,
      offset: req.offset,
      limit: req.limit,
      attributesToRetrieve: RETRIEVE,
      // What a result shows: its title and one snippet (from the body where the words matched, else the summary).
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
      return toHit(doc, title ? marksToHtml(title) : escapeHtml(doc.title ?? ''), snippetSrc ? marksToHtml(snippetSrc) : plainExcerpt(doc.summary), req.anonymous);
    });
    const dist = (res.facetDistribution ?? {}) as Record<string, FacetCounts>;
    const facets: SearchFacets = { topic: dist.topics ?? {}, source: dist.source ?? {}, lang: dist.lang ?? {} };
    if (!req.anonymous) facets.tag = dist.tags ?? {};
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

  return { name: 'meilisearch', search };
}
