/** The `meta` table: small named values shared by every process (last fetch cycle, index builds, radar runs…). */
import type { Sqlite } from '../client.js';

/** The value stored under `key`, or null. */
export function getMeta(sqlite: Sqlite, key: string): string | null {
  return (sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
}

/** Stores `value` under `key`, replacing what was there. */
export function setMeta(sqlite: Sqlite, key: string, value: string, now: number): void {
  sqlite
    .prepare(`INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(key, value, now);
}

/** Stores `value` under `key` unless a value is there already; returns the value kept. */
export function initMeta(sqlite: Sqlite, key: string, value: string, now: number): string {
  sqlite.prepare(`INSERT OR IGNORE INTO meta (key, value, updated_at) VALUES (?, ?, ?)`).run(key, value, now);
  return getMeta(sqlite, key)!;
}

/** Forgets every key starting with `prefix`. */
export function deleteMetaByPrefix(sqlite: Sqlite, prefix: string): void {
  sqlite.prepare(`DELETE FROM meta WHERE substr(key, 1, length(@prefix)) = @prefix`).run({ prefix });
}
