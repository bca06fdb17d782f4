/**
 * What the FTS5 backend filters and counts on, as SQL over the item row `i` joined to its source `s`: the search
 * filters, the visibility rule (src/access) and the curation the viewer may read. The backend's ranking queries
 * splice these in.
 */
import { accessParams, curationReadableSql, itemReadableSql, topicReadableSql, type Viewer } from '../../access/index.js';
import type { SearchFilters } from '../../search/types.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

/** Tags (alias `tg`) of topics whose curation the viewer reads. */
const tagReadable = (v: Viewer) => curationReadableSql(v, 'tg.topic_id', '0');

/** JSON array of the item `i`'s tag names the viewer may read (each once). */
export const readableTagsSql = (v: Viewer): string =>
  `(SELECT json_group_array(DISTINCT tg.name) FROM item_tags it JOIN tags tg ON tg.id = it.tag_id WHERE it.item_id = i.id AND ${tagReadable(v)})`;

/** The status of the item `i`'s strongest live flag the viewer may read (as curation/flags.ts ranks them). */
const signalSql = (v: Viewer) => `(SELECT f.status FROM flag_items fi JOIN flags f ON f.id = fi.flag_id
  WHERE fi.item_id = i.id AND f.status != 'dismissed' AND ${curationReadableSql(v, 'f.topic_id', 'f.public = 1')}
  ORDER BY f.strength DESC, f.status = 'confirmed' DESC LIMIT 1)`;

/** The WHERE clause (items the viewer reads that pass the filters) and its named parameters. `vigie_lang` must exist. */
export function ftsFilterSql(f: SearchFilters, v: Viewer): { where: string; params: Record<string, string | number> } {
  const where = ['i.deleted_at IS NULL', itemReadableSql(v, 'i.source_id')];
  const params: Record<string, string | number> = { ...accessParams(v) };
  const inTopics = `SELECT st.source_id FROM source_topics st JOIN topics t ON t.id = st.topic_id`;
  if (f.source) (where.push(`i.source_id IN (SELECT id FROM sources WHERE slug = @source COLLATE NOCASE)`), (params.source = f.source));
  if (f.topic) (where.push(`i.source_id IN (${inTopics} WHERE t.slug = @topic COLLATE NOCASE)`), (params.topic = f.topic));
  if (f.lang) (where.push(`vigie_lang(COALESCE(i.lang, s.lang)) = @lang`), (params.lang = f.lang.toLowerCase()));
  if (f.from !== undefined) (where.push(`i.published_at >= @from`), (params.from = f.from));
  if (f.to !== undefined) (where.push(`i.published_at < @to`), (params.to = f.to));
  if (f.tag) (where.push(`EXISTS (SELECT 1 FROM item_tags it JOIN tags tg ON tg.id = it.tag_id WHERE it.item_id = i.id AND tg.name = lower(@tag) AND ${tagReadable(v)})`), (params.tag = f.tag));
  if (f.signal) (where.push(`lower(${signalSql(v)}) = lower(@signal)`), (params.signal = f.signal));
  return { where: where.join(' AND '), params };
}

/** Every source's slug and the slugs of its topics the viewer reads (facets never name a hidden topic). */
export function sourceFacetInfo(sqlite: Sqlite, v: Viewer): Map<number, { slug: string; topics: string[] }> {
  const rows = prepared(
    sqlite,
    `SELECT s.id, s.slug, (SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND ${topicReadableSql(v, 't.id')}) AS topics FROM sources s`,
  ).all(accessParams(v)) as { id: number; slug: string; topics: string }[];
  return new Map(rows.map((r) => [r.id, { slug: r.slug, topics: JSON.parse(r.topics) as string[] }]));
}
