/** Whether a Meilisearch index holds a complete build, kept in `meta` so every process (serve, worker) agrees. */
import { z } from 'zod';
import type { Sqlite } from '../db/client.js';

const IndexState = z.object({ ready: z.boolean(), builtAt: z.number(), documents: z.number() });
export type IndexState = z.infer<typeof IndexState>;

const key = (index: string) => `search.index.${index}`;

export function readIndexState(sqlite: Sqlite, index: string): IndexState | null {
  const v = sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key(index)) as string | undefined;
  if (!v) return null;
  const parsed = IndexState.safeParse(JSON.parse(v));
  return parsed.success ? parsed.data : null;
}

export function writeIndexState(sqlite: Sqlite, index: string, state: IndexState, now: number): void {
  sqlite
    .prepare(`INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(key(index), JSON.stringify(state), now);
}

/** Forgets every build (the engine's data was wiped): the next drain rebuilds from SQLite. */
export function clearIndexStates(sqlite: Sqlite): void {
  sqlite.prepare(`DELETE FROM meta WHERE key LIKE 'search.index.%'`).run();
}
