import type { Sqlite } from '../client.js';

/** Prepared once: the ids of every item of a source (deleted ones included: the index must hear of them too). */
export function prepareItemIdsOfSource(sqlite: Sqlite): (sourceId: number) => number[] {
  const ids = sqlite.prepare(`SELECT id FROM items WHERE source_id = ?`).pluck();
  return (sourceId) => ids.all(sourceId) as number[];
}
