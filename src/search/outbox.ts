/**
 * The outbox drain: sends changed items to Meilisearch in batches, waits for each task, marks rows done.
 * Claimed by lease, so two processes never drain the same rows. Meilisearch not answering leaves rows pending
 * (nothing is lost, the caller backs off); a task Meilisearch refuses retries its rows with growing delays.
 */
import { prepareAnyDirtySource } from '../db/search/source-signatures.js';
import type { Sqlite } from '../db/client.js';
import type { Leases } from '../jobs/lease.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { outboxRows } from '../db/search/outbox.js';
import { buildDocuments, type SearchDocument } from './document.js';
import { TaskFailedError } from './meili-index.js';
import { LEASE_TTL_MS, OUTBOX_LEASE, rebuildUnderLease } from './reindex.js';
import type { SearchService } from './service.js';
import { clearSourceMarks, requeueChangedSources } from './source-changes.js';
import { readIndexState } from './state.js';

export interface DrainDeps {
  sqlite: Sqlite;
  log: Logger;
  clock: Clock;
  leases: Leases;
  search: SearchService;
}

export interface DrainReport {
  /** 'fts5': no Meilisearch wanted, rows just marked done; 'busy': another process holds the lease. */
  mode: 'meilisearch' | 'fts5' | 'busy' | 'waiting';
  upserted: number;
  deleted: number;
  /** Rows left pending because Meilisearch did not answer (the caller should back off). */
  error?: string;
  rebuilt?: number;
}

export interface DrainOptions {
  owner: string;
  batchSize?: number;
  maxBatches?: number;
}

const MAX_BACKOFF_MS = 10 * 60_000;
const KEEP_DONE_MS = 86_400_000;
const VERIFY_EVERY_MS = 60_000;

export function createOutboxDrain(deps: DrainDeps) {
  const outbox = outboxRows(deps.sqlite);
  const anyDirty = prepareAnyDirtySource(deps.sqlite);
  /** Per index: when this process last checked that the live index exists (an external engine may be reset). */
  const verified = new Map<string, number>();
  const isVerified = (uid: string, now: number) => (verified.get(uid) ?? -Infinity) > now - VERIFY_EVERY_MS;

  async function drain(opts: DrainOptions): Promise<DrainReport> {
    const report: DrainReport = { mode: 'meilisearch', upserted: 0, deleted: 0 };
    const now = deps.clock.now();
    if (!deps.search.wantsMeili()) {
      // FTS5 is kept current by triggers: nothing to send.
      outbox.markAllDone(now);
      clearSourceMarks(deps.sqlite);
      outbox.purgeDone(now - KEEP_DONE_MS);
      return { ...report, mode: 'fts5' };
    }
    const index = deps.search.meili();
    if (!index) return { ...report, mode: 'waiting' };
    // Nothing due and nothing to verify: no lease write (the loop runs several times a second).
    if (isVerified(index.conn.index, now) && !outbox.anyDue(now) && !anyDirty()) return report;
    if (!deps.leases.claim(OUTBOX_LEASE, opts.owner, LEASE_TTL_MS, now)) return { ...report, mode: 'busy' };
    try {
      const uid = index.conn.index;
      if (!isVerified(uid, now)) {
        const wasVerified = verified.has(uid);
        const ready = readIndexState(deps.sqlite, uid)?.ready === true && (await index.isConfigured());
        if (!ready) report.rebuilt = (await rebuildUnderLease(deps, index, opts.owner)).documents;
        else if (!wasVerified) await index.ensure();
        verified.set(uid, deps.clock.now());
      }
      requeueChangedSources(deps.sqlite, deps.clock.now());
      const batchSize = opts.batchSize ?? 1000;
      for (let round = 0; round < (opts.maxBatches ?? 50); round++) {
        const rows = outbox.pending(deps.clock.now(), batchSize);
        if (!rows.length) break;
        const rowIds = rows.map((r) => r.id);
        const docs = buildDocuments(deps.sqlite, [...new Set(rows.map((r) => r.entityId))]);
        const upserts: SearchDocument[] = [];
        const deletes: number[] = [];
        for (const [id, doc] of docs) (doc ? upserts.push(doc) : deletes.push(id));
        try {
          await index.upsert(upserts);
          await index.remove(deletes);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (!(err instanceof TaskFailedError)) throw err;
          outbox.markFailed(rowIds, message.slice(0, 500), deps.clock.now(), MAX_BACKOFF_MS);
          deps.log.warn({ job: 'index-sync', rows: rows.length, err: message }, 'meilisearch refused a batch; will retry');
          continue;
        }
        outbox.markDone(rowIds, deps.clock.now());
        report.upserted += upserts.length;
        report.deleted += deletes.length;
        deps.leases.renew(OUTBOX_LEASE, opts.owner, LEASE_TTL_MS, deps.clock.now());
        if (rows.length < batchSize) break;
      }
      outbox.purgeDone(deps.clock.now() - KEEP_DONE_MS);
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
      verified.delete(index.conn.index);
    } finally {
      deps.leases.release(OUTBOX_LEASE, opts.owner);
    }
    return report;
  }

  return { drain };
}

export type OutboxDrain = ReturnType<typeof createOutboxDrain>;
