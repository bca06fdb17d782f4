/** Whether a Meilisearch index holds a complete build, kept in `meta` so every process (serve, worker) agrees. */
import { z } from 'zod';
import type { Sqlite } from '../db/client.js';
import { deleteMetaByPrefix, getMeta, setMeta } from '../db/meta/meta.js';

const IndexState = z.object({ ready: z.boolean(), builtAt: z.number(), documents: z.number() });
export type IndexState = z.infer<typeof IndexState>;

const key = (index: string) => `search.index.${index}`;

export function readIndexState(sqlite: Sqlite, index: string): IndexState | null {
  const v = getMeta(sqlite, key(index));
  if (!v) return null;
  const parsed = IndexState.safeParse(JSON.parse(v));
  return parsed.success ? parsed.data : null;
}

export function writeIndexState(sqlite: Sqlite, index: string, state: IndexState, now: number): void {
  setMeta(sqlite, key(index), JSON.stringify(state), now);
}

/** Forgets every build (the engine's data was wiped): the next drain rebuilds from SQLite. */
export function clearIndexStates(sqlite: Sqlite): void {
  deleteMetaByPrefix(sqlite, 'search.index.');
}
