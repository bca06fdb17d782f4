/** Instance settings kept in `meta` (owner: meta). */
import type { Sqlite } from '../client.js';

/** The value under `key`, set to `initial` on first use (concurrent first uses agree: INSERT OR IGNORE, then read). */
export function metaValueOnce(sqlite: Sqlite, key: string, initial: string, now: number): string {
  sqlite.prepare(`INSERT OR IGNORE INTO meta (key, value, updated_at) VALUES (?, ?, ?)`).run(key, initial, now);
  return sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string;
}
