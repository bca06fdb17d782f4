/**
 * The search document of an item, rebuilt from SQLite (the truth) whenever the outbox says an item changed.
 * It carries what a result needs to render without a second query. Curation fields (tags, signal status,
 * approval) come from the curation tables when they exist; the FTS5 backend filters with the same SQL.
 */
import { z } from 'zod';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/client.js';
import { primaryLang } from './lang.js';

/** Longer bodies are cut before indexing (Meilisearch indexes at most 65,535 words per field anyway). */
const MAX_BODY_CHARS = 50_000;

export const SearchDocument = z.object({
  id: z.number().int(),
  title: z.string().nullable(),
  summary: z.string().nullable(),
  body: z.string().nullable(),
  author: z.string().nullable(),
  categories: z.array(z.string()),
  url: z.string().nullable(),
  source: z.string(),
  sourceName: z.string().nullable(),
  topics: z.array(z.string()),
  /** False when one of the source's topics is private: anonymous readers never see the item. */
  public: z.boolean(),
  lang: z.string().nullable(),
  publishedAt: z.number().int(),
  // --- curation (members only) ---
  tags: z.array(z.string()),
  signal: z.string().nullable(),
  approved: z.boolean(),
});
export type SearchDocument = z.infer<typeof SearchDocument>;

// ---------------------------------------------------------------------------------------------------------------
// Curation: SQL expressions over the item row `i`, used by the document builder and by the FTS5 filters.
// Until the curation tables exist they yield "no tags, no signal, not approved". The curation work owns this block.
// ---------------------------------------------------------------------------------------------------------------
export interface CurationSql {
  /** JSON array of the item's tag names. */
  tags: string;
  /** The item's signal status (its strongest live flag), or NULL. */
  signal: string;
  /** 1 when approved for republication, else 0. */
  approved: string;
}

function columnsOf(sqlite: Sqlite, table: string): Set<string> {
  const rows = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

const curationCache = new WeakMap<Sqlite, CurationSql>();

/** Per connection (the schema is migrated before anything searches; the expressions do not change after). */
export function curationSql(sqlite: Sqlite): CurationSql {
  const cached = curationCache.get(sqlite);
  if (cached) return cached;
  const sql = computeCurationSql(sqlite);
  curationCache.set(sqlite, sql);
  return sql;
}

function computeCurationSql(sqlite: Sqlite): CurationSql {
  const sql: CurationSql = { tags: `'[]'`, signal: 'NULL', approved: '0' };
  const itemTags = columnsOf(sqlite, 'item_tags');
  if (itemTags.has('item_id') && itemTags.has('tag')) {
    sql.tags = `(SELECT json_group_array(tag) FROM item_tags WHERE item_id = i.id)`;
  } else if (itemTags.has('item_id') && itemTags.has('tag_id') && columnsOf(sqlite, 'tags').has('name')) {
    sql.tags = `(SELECT json_group_array(DISTINCT t.name) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id)`;
  }
  // Signal status = the strongest live flag (highest strength, confirmed before watching); see curation/flags.ts.
  if (columnsOf(sqlite, 'flag_items').has('item_id')) {
    sql.signal = `(SELECT f.status FROM flag_items fi JOIN flags f ON f.id = fi.flag_id
      WHERE fi.item_id = i.id AND f.status != 'dismissed' ORDER BY f.strength DESC, f.status = 'confirmed' DESC LIMIT 1)`;
  }
  const flags = columnsOf(sqlite, 'flags');
  if (flags.has('status') && flags.has('strength') && columnsOf(sqlite, 'flag_items').has('item_id')) {
    // Same rule as curation/flags.ts strongestSignal: highest strength, then confirmed before watching.
    sql.signal = `(SELECT f.status FROM flag_items fi JOIN flags f ON f.id = fi.flag_id WHERE fi.item_id = i.id AND f.status != 'dismissed'
      ORDER BY f.strength DESC, f.status = 'confirmed' DESC LIMIT 1)`;
  }
  const approvals = columnsOf(sqlite, 'approvals');
  if (approvals.has('item_id')) {
    sql.approved = approvals.has('revoked_at')
      ? `EXISTS (SELECT 1 FROM approvals a WHERE a.item_id = i.id AND a.revoked_at IS NULL)`
      : `EXISTS (SELECT 1 FROM approvals a WHERE a.item_id = i.id)`;
  }
  return sql;
}
// --- end of curation block ---

type Row = Omit<SearchDocument, 'categories' | 'topics' | 'tags' | 'public' | 'approved' | 'lang'> & {
  categories: string;
  topics: string;
  tags: string;
  public: number;
  approved: number;
  lang: string | null;
};

function selectSql(cur: CurationSql, where: string): string {
  return `SELECT i.id, i.title, i.summary, substr(i.content_text, 1, ${MAX_BODY_CHARS}) AS body, i.author, i.categories,
      i.url, s.slug AS source, COALESCE(s.name, s.feed_title) AS sourceName,
      (SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id) AS topics,
      NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.public = 0) AS public,
      COALESCE(i.lang, s.lang) AS lang, i.published_at AS publishedAt,
      ${cur.tags} AS tags, ${cur.signal} AS signal, ${cur.approved} AS approved
    FROM items i JOIN sources s ON s.id = i.source_id
    WHERE i.deleted_at IS NULL AND ${where}`;
}

function toDocument(r: Row): SearchDocument {
  return {
    ...r,
    categories: JSON.parse(r.categories) as string[],
    topics: JSON.parse(r.topics) as string[],
    tags: (JSON.parse(r.tags ?? '[]') as (string | null)[]).filter((t): t is string => typeof t === 'string'),
    public: r.public === 1,
    approved: r.approved === 1,
    lang: primaryLang(r.lang),
  };
}

const byIds = new WeakMap<Sqlite, Statement>();

/** Documents for these item ids; an id mapped to null is gone (deleted) and must leave the index. */
export function buildDocuments(sqlite: Sqlite, ids: readonly number[]): Map<number, SearchDocument | null> {
  const out = new Map<number, SearchDocument | null>(ids.map((id) => [id, null]));
  if (!ids.length) return out;
  let stmt = byIds.get(sqlite);
  if (!stmt) byIds.set(sqlite, (stmt = sqlite.prepare(selectSql(curationSql(sqlite), `i.id IN (SELECT value FROM json_each(?))`))));
  const rows = stmt.all(JSON.stringify(ids)) as Row[];
  for (const r of rows) out.set(r.id, toDocument(r));
  return out;
}

/** Every live item's document, in id order, a page at a time (for a full reindex). */
export function* allDocuments(sqlite: Sqlite, pageSize = 2000): Generator<SearchDocument[]> {
  const stmt = sqlite.prepare(selectSql(curationSql(sqlite), `i.id > ? ORDER BY i.id LIMIT ?`));
  let after = 0;
  for (;;) {
    const rows = stmt.all(after, pageSize) as Row[];
    if (!rows.length) return;
    yield rows.map(toDocument);
    after = rows[rows.length - 1]!.id;
  }
}
