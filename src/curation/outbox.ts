import type { Sqlite } from '../db/client.js';
import { enqueueOutbox } from '../db/search/outbox.js';

/**
 * Queues a reindex of the items a curation change touched. Call it inside the change's transaction so the search
 * index can never miss it (the drain rebuilds each document, tags and signal status included, from SQLite).
 */
export function touchItems(sqlite: Sqlite, itemIds: Iterable<number>, now: number): void {
  enqueueOutbox(sqlite, itemIds, 'upsert', now);
}
