/** Personal marks (owner of `item_marks`). */
import { accessParams, itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

export type Mark = 'star' | 'later';

/** Personal marks are private to their owner and not part of the audit. */
export function setMark(sqlite: Sqlite, userId: number, itemId: number, mark: Mark, on: boolean, now: number): void {
  if (on) sqlite.prepare(`INSERT OR IGNORE INTO item_marks (user_id, item_id, mark, created_at) VALUES (?, ?, ?, ?)`).run(userId, itemId, mark, now);
  else sqlite.prepare(`DELETE FROM item_marks WHERE user_id = ? AND item_id = ? AND mark = ?`).run(userId, itemId, mark);
}

export function marksOf(sqlite: Sqlite, userId: number, itemId: number): Mark[] {
  return sqlite.prepare(`SELECT mark FROM item_marks WHERE user_id = ? AND item_id = ? ORDER BY mark`).pluck().all(userId, itemId) as Mark[];
}

/** The viewer's marked items they may still read, newest mark first. */
export function listMarked(sqlite: Sqlite, v: Viewer, userId: number, mark: Mark, limit: number): { itemId: number; title: string | null; url: string | null; markedAt: number }[] {
  return sqlite
    .prepare(
      `SELECT m.item_id AS itemId, i.title, i.url, m.created_at AS markedAt FROM item_marks m JOIN items i ON i.id = m.item_id
       WHERE m.user_id = @user AND m.mark = @mark AND i.deleted_at IS NULL AND ${itemReadableSql(v, 'i.source_id')} ORDER BY m.created_at DESC, m.item_id DESC LIMIT @limit`,
    )
    .all({ ...accessParams(v), user: userId, mark, limit }) as { itemId: number; title: string | null; url: string | null; markedAt: number }[];
}
