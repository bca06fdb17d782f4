import type { Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { streamWhere, type Stream } from '../items/reader-streams.js';

/** Marks every readable item of a stream stored before `before` (ms) as read by the member; returns how many. */
export function markStreamRead(sqlite: Sqlite, v: Viewer, userId: number, stream: Stream, before: number | null, now: number): number {
  const { where, params } = streamWhere(v, userId, { include: stream, exclude: [{ kind: 'read' }], storedBefore: before });
  return sqlite.prepare(`INSERT OR IGNORE INTO item_reads (user_id, item_id, read_at) SELECT @user, i.id, @now FROM items i WHERE ${where}`).run({ ...params, now }).changes;
}

/** Read or unread, for many items at once (ids the member cannot read are ignored by the caller's lookup). */
export function setReadMany(sqlite: Sqlite, userId: number, itemIds: readonly number[], read: boolean, now: number): void {
  if (!itemIds.length) return;
  const ids = JSON.stringify(itemIds);
  if (read) sqlite.prepare(`INSERT OR IGNORE INTO item_reads (user_id, item_id, read_at) SELECT ?, value, ? FROM json_each(?)`).run(userId, now, ids);
  else sqlite.prepare(`DELETE FROM item_reads WHERE user_id = ? AND item_id IN (SELECT value FROM json_each(?))`).run(userId, ids);
}
