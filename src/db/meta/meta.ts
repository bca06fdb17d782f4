import type { Sqlite } from '../client.js';

/** Owner of the `meta` table: small named values the service remembers between runs. */
export function readMeta(sqlite: Sqlite, key: string): string | null {
  return (sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
}

export function writeMeta(sqlite: Sqlite, key: string, value: string, now: number): void {
  sqlite
    .prepare(`INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(key, value, now);
}
