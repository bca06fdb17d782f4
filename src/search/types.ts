/** The search model shared by both backends (Meilisearch and SQLite FTS5) and the HTTP route. */
import type { Viewer } from '../access/viewer.js';
import type { ParsedQuery } from './query.js';

export type BackendName = 'meilisearch' | 'fts5';
export type SortOrder = 'relevance' | 'date';

export interface SearchFilters {
  topic?: string;
  source?: string;
  /** Curation filters: match curation the viewer may read (the route refuses them for anonymous readers). */
  tag?: string;
  signal?: string;
  /** Primary language subtag, lower-case ("fr"). */
  lang?: string;
  /** Published at or after (ms). */
  from?: number;
  /** Published strictly before (ms). */
  to?: number;
}

export interface SearchRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SortOrder;
  offset: number;
  limit: number;
  /** Who is searching: hits, totals and facets count only what this viewer reads (src/access). */
  viewer: Viewer;
}

export interface SearchHit {
  id: number;
  title: string | null;
  /** The title as escaped HTML with <mark> around matches. */
  titleHtml: string;
  url: string | null;
  /** Escaped HTML with <mark> around matches. */
  snippet: string;
  source: string;
  sourceName: string | null;
  topic: string | null;
  topics: string[];
  author: string | null;
  lang: string | null;
  published: string;
  tags?: string[];
  signal?: string | null;
  approved?: boolean;
}

export type FacetCounts = Record<string, number>;

export interface SearchFacets {
  topic: FacetCounts;
  source: FacetCounts;
  lang: FacetCounts;
  tag?: FacetCounts;
}

export interface SearchResponse {
  hits: SearchHit[];
  facets: SearchFacets;
  total: number;
  /** True when `total` is an estimate (past the exact-count horizon). */
  totalIsEstimate: boolean;
  backend: BackendName;
  /** Offset of the next page, or null at the end. */
  nextOffset: number | null;
}

/** One search engine. Both implementations pass the same contract suite (tests/search/contract.int.test.ts). */
export interface SearchBackend {
  readonly name: BackendName;
  search(req: SearchRequest): Promise<SearchResponse>;
}

/** Thrown (as a value wrapped by the service) when the engine cannot answer: the service falls back to FTS5. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}
