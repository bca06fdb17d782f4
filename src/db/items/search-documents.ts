/**
 * The search document of an item, rebuilt from SQLite (the truth) whenever the outbox says an item changed. It
 * carries what a result needs to render without a second query, and what visibility is decided on: the item's
 * topic ids, and its curation keyed by the topic it was made in (see src/access/search-filter.ts for the keys).
 */
import { z } from 'zod';
import { primaryLang } from '../../text/lang.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

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
  /** The item's topics (its source's), in the order of `topics`: readable when one of them is (src/access). */
  topicIds: z.array(z.number().int()),
  lang: z.string().nullable(),
  publishedAt: z.number().int(),
  // --- curation: shown to signed-in viewers, as far as they read the topic it was made in ---
  /** Every tag name (for viewers who read all curation). */
  tags: z.array(z.string()),
  /** "<topicId>:<tag name>". */
  topicTags: z.array(z.string()),
  /** The strongest live flag's status over all flags (for viewers who read all curation). */
  signal: z.string().nullable(),
  /** "<scope>:<strength>:<status>" per live flag. */
  signals: z.array(z.string()),
  approved: z.boolean(),
  /** "<scope>" per approval. */
  approvals: z.array(z.string()),
});
export type SearchDocument = z.infer<typeof SearchDocument>;

/** A flag's or approval's scope key: its topic, or 'p' (no topic, published) / 'n' (no topic, internal). */
const flagScope = `COALESCE(CAST(f.topic_id AS TEXT), CASE WHEN f.public = 1 THEN 'p' ELSE 'n' END)`;

const SELECT = `SELECT i.id, i.title, i.summary, substr(i.content_text, 1, ${MAX_BODY_CHARS}) AS body, i.author, i.categories,
    i.url, s.slug AS source, COALESCE(s.name, s.feed_title) AS sourceName,
    (SELECT json_group_array(slug) FROM (SELECT t.slug FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id ORDER BY t.id)) AS topics,
    (SELECT json_group_array(id) FROM (SELECT t.id FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id ORDER BY t.id)) AS topicIds,
    COALESCE(i.lang, s.lang) AS lang, i.published_at AS publishedAt,
    (SELECT json_group_array(DISTINCT tg.name) FROM item_tags it JOIN tags tg ON tg.id = it.tag_id WHERE it.item_id = i.id) AS tags,
    (SELECT json_group_array(tg.topic_id || ':' || tg.name) FROM item_tags it JOIN tags tg ON tg.id = it.tag_id WHERE it.item_id = i.id) AS topicTags,
    (SELECT f.status FROM flag_items fi JOIN flags f ON f.id = fi.flag_id WHERE fi.item_id = i.id AND f.status != 'dismissed'
       ORDER BY f.strength DESC, f.status = 'confirmed' DESC LIMIT 1) AS signal,
    (SELECT json_group_array(${flagScope} || ':' || f.strength || ':' || f.status) FROM flag_items fi JOIN flags f ON f.id = fi.flag_id
       WHERE fi.item_id = i.id AND f.status != 'dismissed') AS signals,
    EXISTS (SELECT 1 FROM approvals a WHERE a.item_id = i.id) AS approved,
    (SELECT json_group_array(COALESCE(CAST(a.topic_id AS TEXT), 'n')) FROM approvals a WHERE a.item_id = i.id) AS approvals
  FROM items i JOIN sources s ON s.id = i.source_id
  WHERE i.deleted_at IS NULL AND`;

type Row = Omit<SearchDocument, 'categories' | 'topics' | 'topicIds' | 'tags' | 'topicTags' | 'signals' | 'approved' | 'approvals'> & {
  categories: string;
  topics: string;
  topicIds: string;
  tags: string;
  topicTags: string;
  signals: string;
  approved: number;
  approvals: string;
};

function toDocument(r: Row): SearchDocument {
  const strings = (json: string) => (JSON.parse(json) as unknown[]).filter((t): t is string => typeof t === 'string');
  return {
    ...r,
    categories: JSON.parse(r.categories) as string[],
    topics: JSON.parse(r.topics) as string[],
    topicIds: JSON.parse(r.topicIds) as number[],
    tags: strings(r.tags),
    topicTags: strings(r.topicTags),
    signals: strings(r.signals),
    approved: r.approved === 1,
    approvals: strings(r.approvals),
    lang: primaryLang(r.lang),
  };
}

/** Documents for these item ids; an id mapped to null is gone (deleted) and must leave the index. */
export function buildDocuments(sqlite: Sqlite, ids: readonly number[]): Map<number, SearchDocument | null> {
  const out = new Map<number, SearchDocument | null>(ids.map((id) => [id, null]));
  if (!ids.length) return out;
  const rows = prepared(sqlite, `${SELECT} i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
  for (const r of rows) out.set(r.id, toDocument(r));
  return out;
}

/** Every live item's document, in id order, a page at a time (for a full reindex). */
export function* allDocuments(sqlite: Sqlite, pageSize = 2000): Generator<SearchDocument[]> {
  const stmt = prepared(sqlite, `${SELECT} i.id > ? ORDER BY i.id LIMIT ?`);
  let after = 0;
  for (;;) {
    const rows = stmt.all(after, pageSize) as Row[];
    if (!rows.length) return;
    yield rows.map((r) => toDocument(r));
    after = rows[rows.length - 1]!.id;
  }
}
