/**
 * The outbox (owner: src/db/search): rows telling the index sync which items changed. `enqueueItems` is the one
 * function that adds rows (callers run it inside the change's own transaction, so the index can never miss one);
 * the drain's reads and marks follow, prepared once per connection.
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../client.js';

export type OutboxOp = 'upsert' | 'delete';

const inserts = new WeakMap<Sqlite, Statement>();

/** Queues these items for the search index (repeats collapse: the drain rebuilds each document once). */
export function enqueueItems(sqlite: Sqlite, itemIds: Iterable<number>, now: number, op: OutboxOp = 'upsert'): number {
  let insert = inserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare(`INSERT INTO outbox (entity, entity_id, op, created_at) VALUES ('item', ?, ?, ?)`);
    inserts.set(sqlite, insert);
  }
  let n = 0;
  for (const id of new Set(itemIds)) n += insert.run(id, op, now).changes;
  return n;
}

export interface OutboxRows {
  /** Due rows, oldest first. */
  pending(now: number, limit: number): { id: number; entityId: number }[];
  anyDue(now: number): boolean;
  markDone(ids: number[], now: number): void;
  markFailed(ids: number[], error: string, now: number, maxBackoffMs: number): void;
  /** Every pending row done (FTS5 only: its triggers keep it current, nothing to send). */
  markAllDone(now: number): void;
  /** Forgets rows done before `before`. */
  purgeDone(before: number): void;
  /** The newest row's id (0 when empty): a full rebuild covers every row up to it. */
  lastId(): number;
  markDoneUpTo(id: number, now: number): void;
}

const queues = new WeakMap<Sqlite, OutboxRows>();

export function outboxRows(sqlite: Sqlite): OutboxRows {
  const cached = queues.get(sqlite);
  if (cached) return cached;
  const pending = sqlite.prepare(
    `SELECT id, entity_id AS entityId FROM outbox WHERE done_at IS NULL AND next_attempt_at <= ? AND entity = 'item' ORDER BY id LIMIT ?`,
  );
  const anyDue = sqlite.prepare(`SELECT 1 FROM outbox WHERE done_at IS NULL AND next_attempt_at <= ? LIMIT 1`);
  const markDone = sqlite.prepare(`UPDATE outbox SET done_at = ?, last_error = NULL WHERE id IN (SELECT value FROM json_each(?))`);
  const markFailed = sqlite.prepare(
    `UPDATE outbox SET attempts = attempts + 1, last_error = @error,
       next_attempt_at = @now + min(@max, 1000 * (1 << min(attempts + 1, 20)))
     WHERE id IN (SELECT value FROM json_each(@ids))`,
  );
  const markAllDone = sqlite.prepare(`UPDATE outbox SET done_at = ? WHERE done_at IS NULL`);
  const purge = sqlite.prepare(`DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < ?`);
  const lastId = sqlite.prepare(`SELECT COALESCE(max(id), 0) FROM outbox`).pluck();
  const doneUpTo = sqlite.prepare(`UPDATE outbox SET done_at = ? WHERE done_at IS NULL AND id <= ?`);
  const rows: OutboxRows = {
    pending: (now, limit) => pending.all(now, limit) as { id: number; entityId: number }[],
    anyDue: (now) => anyDue.get(now) !== undefined,
    markDone: (ids, now) => void markDone.run(now, JSON.stringify(ids)),
    markFailed: (ids, error, now, max) => void markFailed.run({ error, now, max, ids: JSON.stringify(ids) }),
    markAllDone: (now) => void markAllDone.run(now),
    purgeDone: (before) => void purge.run(before),
    lastId: () => lastId.get() as number,
    markDoneUpTo: (id, now) => void doneUpTo.run(now, id),
  };
  queues.set(sqlite, rows);
  return rows;
}
