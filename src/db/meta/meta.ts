import type { Sqlite } from '../client.js';

/** Sets one key of `meta` (owner: src/db/meta), small facts about the instance such as the last fetch cycle. */
export function setMeta(sqlite: Sqlite, key: string, value: string, now: number): void {
  sqlite
    .prepare(`INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(key, value, now);
}
