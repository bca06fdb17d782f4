/**
 * Search as the rest of Vigie sees it: answers from Meilisearch when it is attached, built and reachable, and
 * from FTS5 otherwise (never an error page because the engine is down). Also reports the state for /healthz.
 */
import type { Sqlite } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { createFtsBackend } from './fts.js';
import { createMeiliBackend } from './meili.js';
import { createMeiliIndex, type MeiliConnection, type MeiliIndex } from './meili-index.js';
import { readIndexState } from './state.js';
import type { BackendName, SearchBackend, SearchRequest, SearchResponse } from './types.js';
import { prepareOutboxBacklog } from '../db/search/outbox-progress.js';

export type SearchSetting = 'auto' | 'meilisearch' | 'fts5';

export interface SearchStatus {
  /** The backend answering searches right now. */
  backend: BackendName;
  setting: SearchSetting;
  meilisearch: 'ok' | 'down' | 'building' | 'not_configured' | 'unavailable';
  /** Why FTS5 answers, when it does although Meilisearch was wanted. */
  detail?: string;
  outbox: { pending: number; oldestPendingAgeMs: number | null };
}

export interface SearchService {
  search(req: SearchRequest): Promise<SearchResponse & { tookMs: number }>;
  /** Points the service at a Meilisearch instance (external, or the managed one once it runs). */
  attachMeili(conn: MeiliConnection): void;
  /** The attached instance's index (for the outbox drain and reindex), or null. */
  meili(): MeiliIndex | null;
  /** True when changes must reach Meilisearch (so outbox rows wait for it rather than being marked done). */
  wantsMeili(): boolean;
  /** Marks Meilisearch unavailable on this platform (managed binary missing): FTS5 for good, said in /healthz. */
  setUnavailable(detail: string): void;
  status(): SearchStatus;
}

export interface SearchServiceDeps {
  sqlite: Sqlite;
  log: Logger;
  clock: Clock;
  setting: SearchSetting;
  meili?: MeiliConnection | null;
}

/** After a failed Meilisearch call, FTS5 answers for this long before Meilisearch is tried again. */
const RETRY_AFTER_MS = 5_000;

export function createSearchService(deps: SearchServiceDeps): SearchService {
  const fts = createFtsBackend(deps.sqlite);
  let meili: { index: MeiliIndex; backend: SearchBackend } | null = null;
  let unavailable: string | null = null;
  let downUntil = 0;
  let lastError: string | null = null;
  const outboxBacklog = prepareOutboxBacklog(deps.sqlite);

  function attachMeili(conn: MeiliConnection) {
    meili = { index: createMeiliIndex(conn), backend: createMeiliBackend(conn) };
    downUntil = 0;
  }
  if (deps.meili && deps.setting !== 'fts5') attachMeili(deps.meili);

  /** Meilisearch answers only once a full build has completed against this index. */
  function meiliReady(): boolean {
    return meili !== null && readIndexState(deps.sqlite, meili.index.conn.index)?.ready === true;
  }

  function current(): SearchBackend {
    if (!meili || deps.setting === 'fts5' || !meiliReady() || deps.clock.now() < downUntil) return fts;
    return meili.backend;
  }

  async function search(req: SearchRequest): Promise<SearchResponse & { tookMs: number }> {
    const started = performance.now();
    const backend = current();
    let res: SearchResponse;
    if (backend === fts) res = await fts.search(req);
    else {
      try {
        res = await backend.search(req);
        lastError = null;
      } catch (err) {
        downUntil = deps.clock.now() + RETRY_AFTER_MS;
        lastError = err instanceof Error ? err.message : String(err);
        deps.log.warn({ err, job: 'search' }, 'meilisearch did not answer; searching with FTS5');
        res = await fts.search(req);
      }
    }
    return { ...res, tookMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  function status(): SearchStatus {
    const row = outboxBacklog();
    const outbox = { pending: row.pending, oldestPendingAgeMs: row.oldest === null ? null : Math.max(0, Math.round(deps.clock.now() - row.oldest)) };
    const backend = current().name;
    const setting = deps.setting;
    if (setting === 'fts5') return { backend, setting, meilisearch: 'not_configured', outbox };
    if (unavailable) return { backend, setting, meilisearch: 'unavailable', detail: unavailable, outbox };
    if (!meili) return { backend, setting, meilisearch: 'not_configured', detail: 'no Meilisearch instance attached yet', outbox };
    if (deps.clock.now() < downUntil) return { backend, setting, meilisearch: 'down', detail: lastError ?? 'not reachable', outbox };
    if (!meiliReady()) return { backend, setting, meilisearch: 'building', detail: 'the index is being built from SQLite', outbox };
    return { backend, setting, meilisearch: 'ok', outbox };
  }

  return {
    search,
    attachMeili,
    meili: () => meili?.index ?? null,
    wantsMeili: () => deps.setting !== 'fts5' && !unavailable,
    setUnavailable(detail) {
      unavailable = detail;
      meili = null;
    },
    status,
  };
}
