/**
 * Full rebuild of the Meilisearch index from SQLite, without downtime: documents go to a side index that is
 * swapped in when complete. Holds the outbox lease meanwhile, so no drain interleaves with the swap; outbox rows
 * written before the rebuild started are covered by it and marked done, later ones are drained after.
 */
import type { Sqlite } from '../db/client.js';
import type { Leases } from '../jobs/lease.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { allDocuments } from './document.js';
import type { MeiliIndex } from './meili-index.js';
import { requeueChangedSources } from './source-changes.js';
import { writeIndexState } from './state.js';
import { lastOutboxId, markOutboxDoneUpTo } from '../db/search/outbox-progress.js';

export const OUTBOX_LEASE = 'search:outbox';
export const LEASE_TTL_MS = 120_000;

export interface RebuildDeps {
  sqlite: Sqlite;
  log: Logger;
  clock: Clock;
  leases: Leases;
}

export interface RebuildReport {
  documents: number;
  ms: number;
}

/** The rebuild itself; the caller holds the outbox lease as `owner`. */
export async function rebuildUnderLease(deps: RebuildDeps, index: MeiliIndex, owner: string): Promise<RebuildReport> {
  const started = performance.now();
  requeueChangedSources(deps.sqlite, deps.clock.now(), false);
  const coveredUpTo = lastOutboxId(deps.sqlite);
  deps.log.info({ job: 'reindex', index: index.conn.index }, 'rebuilding the search index from SQLite');
  const documents = await index.rebuild(allDocuments(deps.sqlite), () => void deps.leases.renew(OUTBOX_LEASE, owner, LEASE_TTL_MS, deps.clock.now()));
  const now = deps.clock.now();
  markOutboxDoneUpTo(deps.sqlite, coveredUpTo, now);
  writeIndexState(deps.sqlite, index.conn.index, { ready: true, builtAt: now, documents }, now);
  const ms = Math.round(performance.now() - started);
  deps.log.info({ job: 'reindex', documents, ms }, 'search index rebuilt');
  return { documents, ms };
}

/** `vigie reindex`: waits (up to `waitMs`) for the outbox lease, then rebuilds. */
export async function reindexMeili(deps: RebuildDeps, index: MeiliIndex, owner: string, waitMs = 120_000): Promise<RebuildReport | { busy: true }> {
  const deadline = Date.now() + waitMs;
  while (!deps.leases.claim(OUTBOX_LEASE, owner, LEASE_TTL_MS, deps.clock.now())) {
    if (Date.now() > deadline) return { busy: true };
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    return await rebuildUnderLease(deps, index, owner);
  } finally {
    deps.leases.release(OUTBOX_LEASE, owner);
  }
}
