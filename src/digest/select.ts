/**
 * What goes into a digest: curated (approved) items first with the curator's public note, then newly confirmed
 * weak signals, then the most reported stories (clusters) of the period — or, for a tag or a saved search, what
 * matched it. Items the member already received are never repeated. The candidate queries are shared by every
 * subscription with the same target and period (10,000 members of one topic cost one query, not 10,000).
 */
import { systemViewer } from '../access/index.js';
import type { Sqlite } from '../db/client.js';
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

export interface Visibility {
  all: boolean;
  /** Topics the member belongs to. */
  topics: number[];
}

export function visibilityOf(sqlite: Sqlite, userId: number): Visibility {
  const role = sqlite.prepare(`SELECT role FROM users WHERE id = ?`).pluck().get(userId) as string | undefined;
  const rows = sqlite.prepare(`SELECT topic_id AS topicId FROM memberships WHERE user_id = ?`).all(userId) as { topicId: number | null }[];
  return { all: role === 'admin' || rows.some((r) => r.topicId === null), topics: rows.flatMap((r) => (r.topicId === null ? [] : [r.topicId])) };
}

const VISIBLE = `(@all = 1 OR NOT EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = i.source_id)
  OR EXISTS (SELECT 1 FROM source_topics st JOIN topics tp ON tp.id = st.topic_id WHERE st.source_id = i.source_id AND (tp.public = 1 OR tp.id IN (SELECT value FROM json_each(@mine)))))`;

const SCOPES = {
  topic: `i.source_id IN (SELECT source_id FROM source_topics WHERE topic_id = @topic)`,
  tag: `i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name = @tag)`,
  ids: `i.id IN (SELECT value FROM json_each(@ids))`,
  all: `1 = 1`,
} as const;

type Scope = keyof typeof SCOPES;
type Params = { start: number; end: number; all: 0 | 1; mine: string; topic: number | null; tag: string | null; ids: string };

export interface Selector {
  /** Entries for one subscription over [start, end), already-sent items removed. */
  select(sub: Subscription, start: number, end: number): Promise<Entry[]>;
}

export interface SelectorDeps {
  sqlite: Sqlite;
  search: Pick<SearchService, 'search'>;
}

export function createSelector(deps: SelectorDeps): Selector {
  const { sqlite } = deps;
  const stmts = new Map<string, ReturnType<Sqlite['prepare']>>();
  const prepared = (key: string, sql: () => string) => {
    let s = stmts.get(key);
    if (!s) stmts.set(key, (s = sqlite.prepare(sql())));
    return s;
  };
  const approved = (scope: Scope) =>
    prepared(`a:${scope}`, () => `SELECT a.item_id AS itemId, a.note FROM approvals a JOIN items i ON i.id = a.item_id
      WHERE a.created_at >= @start AND a.created_at < @end AND i.deleted_at IS NULL AND ${SCOPES[scope]} AND ${VISIBLE} ORDER BY a.created_at, a.item_id`);
  const signals = (scope: Scope) =>
    prepared(`s:${scope}`, () => `SELECT fi.item_id AS itemId, f.rationale AS note, f.strength AS count FROM flags f JOIN flag_items fi ON fi.flag_id = f.id JOIN items i ON i.id = fi.item_id
      WHERE f.status = 'confirmed' AND f.status_at >= @start AND f.status_at < @end AND i.deleted_at IS NULL AND ${SCOPES[scope]} AND ${VISIBLE}
        AND (@all = 1 OR f.public = 1 OR f.topic_id IN (SELECT value FROM json_each(@mine)))
      ORDER BY f.strength DESC, f.status_at, fi.item_id`);
  const stories = (scope: Scope, min: number) =>
    prepared(`c:${scope}:${min}`, () => `SELECT min(i.id) AS itemId, count(*) AS count FROM items i
      WHERE i.published_at >= @start AND i.published_at < @end AND i.deleted_at IS NULL AND ${SCOPES[scope]} AND ${VISIBLE}
      GROUP BY coalesce(i.cluster_id, i.id) HAVING count(*) >= ${min} ORDER BY count(*) DESC, min(i.id) LIMIT ${MAX_ENTRIES}`);
  const tagged = prepared('tagged', () => `SELECT DISTINCT it.item_id AS itemId FROM item_tags it JOIN tags t ON t.id = it.tag_id JOIN items i ON i.id = it.item_id
      WHERE t.name = @tag AND it.created_at >= @start AND it.created_at < @end AND i.deleted_at IS NULL AND ${VISIBLE} ORDER BY it.created_at, it.item_id LIMIT ${MAX_ENTRIES}`);
  const sentOf = sqlite.prepare(`SELECT item_id FROM digest_sent_items WHERE user_id = ? AND item_id IN (SELECT value FROM json_each(?))`).pluck();
  const visibility = new Map<number, Visibility>();
  // Candidates depend on the target, the period and what the member may read: shared across members.
  const cache = new Map<string, Entry[]>();

  async function candidates(sub: Subscription, p: Params): Promise<Entry[]> {
    const rows = (stmt: ReturnType<Sqlite['prepare']>, section: Section) =>
      (stmt.all(p) as { itemId: number; note?: string | null; count?: number }[]).map((r) => ({ itemId: r.itemId, section, note: r.note ?? null, count: r.count ?? 0 }));
    if (sub.kind === 'topic') return [...rows(approved('topic'), 'approved'), ...rows(signals('topic'), 'signal'), ...rows(stories('topic', 2), 'story')];
    if (sub.kind === 'tag') return [...rows(approved('tag'), 'approved'), ...rows(signals('tag'), 'signal'), ...rows(tagged, 'match')];
    if (sub.kind === 'signals') return rows(signals('all'), 'signal');
    const saved = sqlite.prepare(`SELECT query FROM saved_searches WHERE id = ?`).pluck().get(sub.savedSearchId) as string | undefined;
    if (!saved) return [];
    const ids = await searchIds(deps.search, JSON.parse(saved) as Record<string, unknown>, p.start, p.end);
    const q = { ...p, ids: JSON.stringify(ids) };
    const order = new Map(ids.map((id, i) => [id, i]));
    const matches = (stories('ids', 1).all(q) as { itemId: number; count: number }[]).sort((a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0));
    return [
      ...(approved('ids').all(q) as { itemId: number; note: string | null }[]).map((r) => ({ itemId: r.itemId, section: 'approved' as const, note: r.note, count: 0 })),
      ...(signals('ids').all(q) as { itemId: number; note: string; count: number }[]).map((r) => ({ itemId: r.itemId, section: 'signal' as const, note: r.note, count: r.count })),
      ...matches.map((r) => ({ itemId: r.itemId, section: 'match' as const, note: null, count: r.count })),
    ];
  }

  return {
    async select(sub, start, end) {
      let vis = visibility.get(sub.userId);
      if (!vis) visibility.set(sub.userId, (vis = visibilityOf(sqlite, sub.userId)));
      const p: Params = { start, end, all: vis.all ? 1 : 0, mine: JSON.stringify(vis.topics), topic: sub.topicId, tag: sub.tagName, ids: '[]' };
      const key = `${sub.kind}:${sub.topicId}:${sub.tagName}:${sub.savedSearchId}:${start}:${end}:${p.all}:${p.mine}`;
      let list = cache.get(key);
      if (!list) cache.set(key, (list = dedupe(await candidates(sub, p))));
      if (!list.length) return [];
      const sent = new Set(sentOf.all(sub.userId, JSON.stringify(list.map((e) => e.itemId))) as number[]);
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
async function searchIds(search: Pick<SearchService, 'search'>, q: Record<string, unknown>, start: number, end: number): Promise<number[]> {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const tag = Array.isArray(q.tag) ? str(q.tag[0]) : str(q.tag);
  const signal = str(q.signal);
  const res = await search.search({
    query: parseQuery(str(q.q) ?? ''),
    filters: { topic: str(q.topic), source: str(q.source), tag, signal: signal === 'any' ? undefined : signal, lang: str(q.lang), from: start, to: end },
    sort: 'date',
    offset: 0,
    limit: MAX_ENTRIES,
    // As before the viewer existed (`anonymous: false`): the selector applies the subscriber's visibility itself.
    viewer: systemViewer(),
  });
  return res.hits.map((h) => h.id);
}
