/**
 * The one function that writes the search outbox (besides the `items_outbox_delete` trigger of migration 0001, which
 * queues the removal of items deleted for good). Call it inside the transaction of the change the index must see:
 * the row commits or rolls back with it, and the drain rebuilds each document from SQLite.
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../client.js';

export type OutboxOp = 'upsert' | 'delete';

const statements = new WeakMap<Sqlite, Statement>();

/** Queues `op` for each item (repeated ids once); `now` defaults to the database clock. Returns the rows queued. */
export function enqueueOutbox(sqlite: Sqlite, itemIds: Iterable<number>, op: OutboxOp, now?: number): number {
  let insert = statements.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare(
      `INSERT INTO outbox (entity, entity_id, op, created_at) VALUES ('item', ?, ?, COALESCE(?, CAST(unixepoch('subsec') * 1000 AS INTEGER)))`,
    );
    statements.set(sqlite, insert);
  }
  let queued = 0;
  for (const id of new Set(itemIds)) queued += insert.run(id, op, now ?? null).changes;
  return queued;
}
