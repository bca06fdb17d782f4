/**
 * The SQLite FTS5 backend: always current (triggers update `items_fts` in the item's own transaction), used when
 * Meilisearch is not configured, not built yet or not reachable. Matches are walked newest first and stop at a cap:
 * relevance is bm25 within tiers of TIER (newest tier first), so a common word never makes SQLite score every
 * match; a date sort is exact up to COUNT_CAP matches; past the cap the total is extrapolated (flagged estimate).
 */
import { rebuildFtsIndex } from '../db/search/outbox-progress.js';
import type { Viewer } from '../access/index.js';
import type { Sqlite } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { ftsFilterSql, readableTagsSql, sourceFacetInfo } from '../db/search/fts-filter.js';
import { buildDocuments } from './document.js';
import { countInto, showsCuration, toHit } from './hits.js';
import { MARK_END, MARK_START, marksToHtml, plainExcerpt, escapeHtml } from './highlight.js';
import { primaryLang } from '../text/lang.js';
import { ftsExcluded, ftsPositive, hasPositive } from './query.js';
import type { SearchBackend, SearchFacets, SearchRequest, SearchResponse } from './types.js';

/** Matches are ranked by bm25 within each tier of TIER, newest tier first. */
export const TIER = 500;
/** Matches walked (newest first) for the total and the facets; past it the total is extrapolated (an estimate). */
const COUNT_CAP = 1000;
/** Browsing without words counts exactly up to here. */
const COUNT_HORIZON = 10_000;
/** bm25 weights: title, summary, body (the text's first 1,000 characters, migration 0007), author, categories. */
const BM25 = 'bm25(items_fts, 10.0, 4.0, 1.0, 2.0, 3.0)';

type Candidate = { id: number; published: number; sid: number; lang: string | null; tags: string | null };

export function createFtsBackend(sqlite: Sqlite): SearchBackend {
  // A search builds one of a few statement shapes (filters on or off): each is prepared once per connection.
  const prep = (sql: string) => prepared(sqlite, sql);
  sqlite.function('vigie_lang', { deterministic: true }, (tag: unknown) => primaryLang(typeof tag === 'string' ? tag : null));

  /**
   * Item ids are FTS5 rowids: a date range or a source narrows them to an id window FTS5 can seek to, instead of
   * walking every match from the newest. Null when no bound applies; {lo > hi} when nothing can match.
   */
  function idBounds(f: SearchRequest['filters']): { lo: number; hi: number } | null {
    let lo = -Infinity;
    let hi = Infinity;
    let bounded = false;
    const narrow = (r: { lo: number | null; hi: number | null }) => {
      bounded = true;
      lo = Math.max(lo, r.lo ?? Infinity);
      hi = Math.min(hi, r.hi ?? -Infinity);
    };
    if (f.from !== undefined || f.to !== undefined) {
      narrow(prep(`SELECT min(id) AS lo, max(id) AS hi FROM items WHERE published_at >= ? AND published_at < ?`).get(f.from ?? -8e15, f.to ?? 8e15) as { lo: number | null; hi: number | null });
    }
    if (f.source) {
      narrow(prep(`SELECT min(id) AS lo, max(id) AS hi FROM items WHERE source_id IN (SELECT id FROM sources WHERE slug = ? COLLATE NOCASE)`).get(f.source) as { lo: number | null; hi: number | null });
    }
    return bounded ? { lo: Number.isFinite(lo) ? lo : 1, hi: Number.isFinite(hi) ? hi : 0 } : null;
  }

  /** Sources with the slugs of their topics the viewer reads (facets never name a hidden topic). */
  function facetsOf(cands: Candidate[], v: Viewer): SearchFacets {
    const info = sourceFacetInfo(sqlite, v);
    const facets: SearchFacets = { topic: {}, source: {}, lang: {} };
    if (showsCuration(v)) facets.tag = {};
    for (const c of cands) {
      const s = info.get(c.sid);
      countInto(facets.source, s?.slug);
      for (const t of s?.topics ?? []) countInto(facets.topic, t);
      countInto(facets.lang, primaryLang(c.lang));
      if (facets.tag && c.tags) for (const t of JSON.parse(c.tags) as (string | null)[]) countInto(facets.tag, t);
    }
    return facets;
  }

  async function search(req: SearchRequest): Promise<SearchResponse> {
    const { where, params } = ftsFilterSql(req.filters, req.viewer);
    const tagsCol = showsCuration(req.viewer) ? readableTagsSql(req.viewer) : 'NULL';
    const positive = hasPositive(req.query);
    const excluded = ftsExcluded(req.query);
    const pageEnd = req.offset + req.limit;
    const match = positive ? (excluded ? `(${ftsPositive(req.query)}) NOT (${excluded})` : ftsPositive(req.query)) : '';
    const cols = `i.id, i.published_at AS published, i.source_id AS sid, COALESCE(i.lang, s.lang) AS lang, ${tagsCol} AS tags`;

    let cands: Candidate[];
    let total: number;
    let totalIsEstimate = false;
    let pageIds: number[];
    if (positive) {
      // Matches newest first (FTS5 walks its doclists in rowid order and stops at the cap). CROSS JOIN keeps
      // FTS5 as the outer loop: SQLite would otherwise probe the full-text query once per item.
      const bounds = idBounds(req.filters);
      // Ranked without facets to count (the web stream): one tier is walked, and the total is an estimate sooner.
      const cap = Math.max(req.facets === false && req.sort !== 'date' ? TIER : COUNT_CAP, Math.ceil((pageEnd + 1) / TIER) * TIER);
      const all = { ...params, match, ...(bounds ?? {}), cap };
      cands = prep(
          `SELECT ${cols} FROM items_fts CROSS JOIN items i ON i.id = items_fts.rowid CROSS JOIN sources s ON s.id = i.source_id
           WHERE items_fts MATCH @match AND ${where}${bounds ? ' AND items_fts.rowid BETWEEN @lo AND @hi' : ''}
           ORDER BY items_fts.rowid DESC LIMIT @cap`,
      )
        .all(all) as Candidate[];
      total = cands.length;
      if (cands.length === cap) {
        // More matches than we walked: extrapolate from the share of the id range the walk covered.
        const hi = bounds?.hi ?? (prep(`SELECT max(id) FROM items`).pluck().get() as number);
        const lo = bounds?.lo ?? 1;
        const reached = cands[cands.length - 1]!.id;
        total = Math.max(cap + 1, Math.round((cap * (hi - lo + 1)) / Math.max(1, hi - reached + 1)));
        totalIsEstimate = true;
      }
      pageIds = req.sort === 'date' ? byDate(cands, req.offset, pageEnd) : rankTiers(cands, match, req.offset, pageEnd);
    } else {
      const notExcluded = excluded ? ` AND i.id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @excluded)` : '';
      const all = excluded ? { ...params, excluded } : params;
      const base = `FROM items i JOIN sources s ON s.id = i.source_id WHERE ${where}${notExcluded}`;
      cands = prep(`SELECT ${cols} ${base} ORDER BY i.published_at DESC, i.id DESC LIMIT @cap`)
        .all({ ...all, cap: COUNT_CAP }) as Candidate[];
      total = cands.length < COUNT_CAP ? cands.length : (prep(`SELECT count(*) FROM (SELECT 1 ${base} LIMIT ${COUNT_HORIZON + 1})`).pluck().get(all) as number);
      if (total > COUNT_HORIZON) (total = COUNT_HORIZON), (totalIsEstimate = true);
      pageIds =
        pageEnd <= cands.length
          ? cands.slice(req.offset, pageEnd).map((c) => c.id)
          : (prep(`SELECT i.id ${base} ORDER BY i.published_at DESC, i.id DESC LIMIT @limit OFFSET @offset`).pluck().all({ ...all, limit: req.limit, offset: req.offset }) as number[]);
    }
    cands = cands.slice(0, COUNT_CAP);

    const docs = buildDocuments(sqlite, pageIds);
    const marks = positive ? highlights(pageIds, match) : new Map();
    const hits = pageIds.flatMap((id) => {
      const doc = docs.get(id);
      if (!doc) return [];
      const m = marks.get(id);
      const titleHtml = m ? marksToHtml(m.title ?? '') : escapeHtml(doc.title ?? '');
      const snippet = m?.snippet ?? plainExcerpt(doc.summary ?? doc.body);
      return [toHit(doc, titleHtml, snippet, req.viewer)];
    });
    return {
      hits,
      facets: req.facets === false ? { topic: {}, source: {}, lang: {}, ...(showsCuration(req.viewer) ? { tag: {} } : {}) } : facetsOf(cands, req.viewer),
      total,
      totalIsEstimate,
      backend: 'fts5',
      nextOffset: pageEnd < total ? pageEnd : null,
    };
  }

  /** Date order, exact within the walked matches (all of them unless the total is an estimate). */
  function byDate(cands: Candidate[], offset: number, end: number): number[] {
    const tiers = cands.map((c, pos) => ({ c, tier: Math.floor(pos / Math.max(COUNT_CAP, TIER)) }));
    tiers.sort((a, b) => a.tier - b.tier || b.c.published - a.c.published || b.c.id - a.c.id);
    return tiers.slice(offset, end).map((t) => t.c.id);
  }

  /** bm25 order inside each tier of TIER matches, newest tier first; only the tiers the page needs are scored. */
  function rankTiers(cands: Candidate[], match: string, offset: number, end: number): number[] {
    const out: number[] = [];
    for (let t = Math.floor(offset / TIER); t * TIER < Math.min(end, cands.length); t++) {
      const tier = cands.slice(t * TIER, (t + 1) * TIER);
      const scores = new Map(
        (prep(`SELECT rowid AS id, ${BM25} AS score FROM items_fts WHERE items_fts MATCH @match AND rowid BETWEEN @lo AND @hi`)
          .all({ match, lo: tier[tier.length - 1]!.id, hi: tier[0]!.id }) as { id: number; score: number }[]).map((r) => [r.id, r.score]),
      );
      tier.sort((a, b) => (scores.get(a.id) ?? 0) - (scores.get(b.id) ?? 0) || b.id - a.id);
      for (let i = 0; i < tier.length; i++) if (t * TIER + i >= offset && t * TIER + i < end) out.push(tier[i]!.id);
    }
    return out;
  }

  function highlights(ids: number[], match: string): Map<number, { title: string | null; snippet: string | null }> {
    if (!ids.length) return new Map();
    const rows = prep(
        `SELECT rowid AS id, highlight(items_fts, 0, @s, @e) AS title,
           snippet(items_fts, 2, @s, @e, '…', 24) AS body, snippet(items_fts, 1, @s, @e, '…', 24) AS summary
         FROM items_fts WHERE items_fts MATCH @match AND rowid BETWEEN @lo AND @hi AND +rowid IN (SELECT value FROM json_each(@ids))`,
    )
      // The id range lets FTS5 stream one stretch of its doclists; `+rowid IN` only filters (no per-id probe).
      .all({ s: MARK_START, e: MARK_END, match, ids: JSON.stringify(ids), lo: Math.min(...ids), hi: Math.max(...ids) }) as { id: number; title: string | null; body: string | null; summary: string | null }[];
    return new Map(
      rows.map((r) => {
        const best = [r.body, r.summary].find((x) => x?.includes(MARK_START)) ?? r.summary ?? r.body;
        return [r.id, { title: r.title, snippet: best ? marksToHtml(best) : null }];
      }),
    );
  }

  return { name: 'fts5', search };
}

/** Rebuilds the FTS5 index from the items table (after a restore, or if it was ever damaged). */
export function rebuildFts(sqlite: Sqlite): void {
  rebuildFtsIndex(sqlite);
}
