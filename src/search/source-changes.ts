/**
 * Search documents repeat their source's slug, name, language and topics. Triggers mark a source dirty when any of
 * those may have changed (search_source_state, migration 0001); here each dirty source's signature is compared with
 * the last one seen, and its items are queued in the outbox only when it really changed.
 */
import type { Sqlite } from '../db/client.js';
import { prepareItemIdsOfSource } from '../db/items/ids-of-source.js';
import { enqueueItems } from '../db/search/outbox.js';
import { clearSourceMarks as clearMarks, dirtySourceSignatures, prepareSaveSignature } from '../db/search/source-signatures.js';

/** With `enqueue` false (a full rebuild is about to read everything) signatures are only recorded. */
export function requeueChangedSources(sqlite: Sqlite, now: number, enqueue = true): number {
  const dirty = dirtySourceSignatures(sqlite);
  if (!dirty.length) return 0;
  const itemIds = prepareItemIdsOfSource(sqlite);
  const save = prepareSaveSignature(sqlite);
  let queued = 0;
  sqlite.transaction(() => {
    for (const d of dirty) {
      if (enqueue && d.old !== d.sig) queued += enqueueItems(sqlite, itemIds(d.id), now);
      save(d.id, d.sig);
    }
  })();
  return queued;
}

/** Without Meilisearch nothing needs re-queueing (FTS5 filters join the live tables): just clear the marks. */
export function clearSourceMarks(sqlite: Sqlite): void {
  clearMarks(sqlite);
}
