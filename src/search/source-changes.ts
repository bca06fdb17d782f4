/**
 * Search documents repeat their source's slug, name, language and topics. Triggers mark a source dirty when any of
 * those may have changed (search_source_state, migration 0001); here each dirty source's signature is compared with
 * the last one seen, and its items are queued in the outbox only when it really changed.
 */
import type { Sqlite } from '../db/client.js';
import { enqueueItems } from '../db/search/outbox.js';

/** With `enqueue` false (a full rebuild is about to read everything) signatures are only recorded. */
export function requeueChangedSources(sqlite: Sqlite, now: number, enqueue = true): number {
  const dirty = sqlite
    .prepare(
      `SELECT st.source_id AS id, st.signature AS old,
         json_array(s.slug, s.name, s.feed_title, s.lang,
           (SELECT json_group_array(t.slug || ':' || t.public) FROM (SELECT t.slug, t.public FROM source_topics x JOIN topics t ON t.id = x.topic_id
              WHERE x.source_id = s.id ORDER BY t.slug) t)) AS sig
       FROM search_source_state st LEFT JOIN sources s ON s.id = st.source_id WHERE st.dirty = 1`,
    )
    .all() as { id: number; old: string | null; sig: string }[];
  if (!dirty.length) return 0;
  const itemsOf = sqlite.prepare(`SELECT id FROM items WHERE source_id = ?`).pluck();
  const save = sqlite.prepare(`UPDATE search_source_state SET signature = ?, dirty = 0 WHERE source_id = ?`);
  let queued = 0;
  sqlite.transaction(() => {
    for (const d of dirty) {
      if (enqueue && d.old !== d.sig) queued += enqueueItems(sqlite, itemsOf.all(d.id) as number[], now);
      save.run(d.sig, d.id);
    }
  })();
  return queued;
}

/** Without Meilisearch nothing needs re-queueing (FTS5 filters join the live tables): just clear the marks. */
export function clearSourceMarks(sqlite: Sqlite): void {
  sqlite.prepare(`UPDATE search_source_state SET dirty = 0 WHERE dirty = 1`).run();
}
