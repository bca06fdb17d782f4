/**
 * `search_source_state`: one row per source whose search-visible fields (slug, name, language, topics) may have
 * changed, marked dirty by the triggers of migration 0001, with the signature last indexed.
 */
import type { Sqlite } from '../client.js';

/** Dirty sources with the signature last seen (null: never) and their current one. */
export function dirtySourceSignatures(sqlite: Sqlite): { id: number; old: string | null; sig: string }[] {
  return sqlite
    .prepare(
      `SELECT st.source_id AS id, st.signature AS old,
         json_array(s.slug, s.name, s.feed_title, s.lang,
           (SELECT json_group_array(t.slug || ':' || t.public) FROM (SELECT t.slug, t.public FROM source_topics x JOIN topics t ON t.id = x.topic_id
              WHERE x.source_id = s.id ORDER BY t.slug) t)) AS sig
       FROM search_source_state st LEFT JOIN sources s ON s.id = st.source_id WHERE st.dirty = 1`,
    )
    .all() as { id: number; old: string | null; sig: string }[];
}

/** Prepared once: records `sig` as the source's indexed signature and clears its mark. */
export function prepareSaveSignature(sqlite: Sqlite): (sourceId: number, sig: string) => void {
  const save = sqlite.prepare(`UPDATE search_source_state SET signature = ?, dirty = 0 WHERE source_id = ?`);
  return (sourceId, sig) => void save.run(sig, sourceId);
}

/** Clears every mark without recording signatures. */
export function clearSourceMarks(sqlite: Sqlite): void {
  sqlite.prepare(`UPDATE search_source_state SET dirty = 0 WHERE dirty = 1`).run();
}

/** Prepared once: whether any source's search-visible fields changed since its items were last queued. */
export function prepareAnyDirtySource(sqlite: Sqlite): () => boolean {
  const stmt = sqlite.prepare(`SELECT 1 FROM search_source_state WHERE dirty = 1 LIMIT 1`);
  return () => stmt.get() !== undefined;
}
