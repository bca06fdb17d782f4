import { formatDate, translator } from '../web/i18n/index.js';
import { closeDb, openDb, type Db, type Sqlite } from './db/client.js';
import { migrateDb } from './db/migrate.js';
import type { Config } from './config/index.js';
import { createFetcher, defaultFetcherOptions } from './fetch/http.js';
import { createItemStore, type ItemStore } from './db/items/store.js';
import type { CycleDeps } from './ingest/cycle.js';
import { createLeases } from './db/jobs/leases.js';
import type { Leases } from './jobs/lease.js';
import { systemClock, type Clock } from './lib/clock.js';
import type { I18n } from './lib/i18n.js';
import { createLogger, type Logger } from './lib/log.js';
import { createParser, type Parser } from './parse/pool.js';
import { createSearchService, type SearchService } from './search/service.js';
import { createMailSender, type MailSender } from './mail/send.js';
import { syncFeedsConfig, type SyncReport } from './sources/sync.js';

export interface Deps extends CycleDeps {
  config: Config;
  db: Db;
  sqlite: Sqlite;
  log: Logger;
  clock: Clock;
  leases: Leases;
  store: ItemStore;
  search: SearchService;
  /** Outgoing mail (invitations, password resets, digests); null when SMTP_URL is not set. */
  mail: MailSender | null;
  sync: SyncReport;
  /** The interface language (web/i18n's catalogues), passed to domain code that writes text (digests). */
  i18n: I18n;
  close(): Promise<void>;
}

export interface MakeDepsOptions {
  log?: Logger;
  clock?: Clock;
  random?: () => number;
  /** The feed parser (default: the worker pool sized and budgeted by PARSE_WORKERS / PARSE_TIMEOUT_MS). */
  parser?: Parser;
}

/**
 * The single composition root: opens the database, applies migrations, syncs feeds.yaml, and wires the stages.
 * Everything else receives what it needs from here.
 */
export function makeDeps(config: Config, opts: MakeDepsOptions = {}): Deps {
  const log = opts.log ?? createLogger(config.env.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const db = openDb(config.dbFile);
  const sqlite = db.$client;
  migrateDb(db);
  const sync = syncFeedsConfig(sqlite, config.feeds, clock.now());
  if (sync.added.length || sync.changed.length || sync.retired.length) {
    log.info({ added: sync.added, changed: sync.changed, retired: sync.retired }, 'feeds.yaml synced');
  }
  const fetcher = createFetcher({
    ...defaultFetcherOptions,
    timeoutMs: config.env.FETCH_TIMEOUT_MS,
    maxBytes: config.env.FETCH_MAX_BYTES,
    perHostConcurrency: config.env.FETCH_PER_HOST,
    allowPrivateHosts: config.env.FETCH_ALLOW_PRIVATE,
  });
  const parser = opts.parser ?? createParser({ size: config.env.PARSE_WORKERS ?? undefined, timeoutMs: config.env.PARSE_TIMEOUT_MS });
  const minute = 60_000;
  const mail = createMailSender({ smtpUrl: config.env.SMTP_URL, from: config.env.SMTP_FROM });
  return {
    mail,
    config,
    db,
    sqlite,
    log,
    clock,
    random: opts.random ?? Math.random,
    leases: createLeases(sqlite),
    store: createItemStore(sqlite),
    search: createSearchService({
      sqlite,
      log,
      clock,
      setting: config.env.SEARCH_BACKEND,
      meili: config.env.MEILI_URL ? { url: config.env.MEILI_URL, key: config.env.MEILI_MASTER_KEY, index: config.env.MEILI_INDEX } : null,
    }),
    sync,
    i18n: { translator, formatDate },
    fetch: (req) => fetcher.fetch(req),
    parse: (input) => parser.parse(input),
    concurrency: config.env.FETCH_CONCURRENCY,
    fullTextConcurrency: config.env.FULL_TEXT_CONCURRENCY,
    intervals: {
      defaultMs: config.env.FETCH_INTERVAL_MIN * minute,
      minMs: config.env.FETCH_MIN_INTERVAL_MIN * minute,
      maxMs: config.env.FETCH_MAX_INTERVAL_MIN * minute,
    },
    async close() {
      await fetcher.close();
      await parser.close();
      mail?.close();
      closeDb(db);
    },
  };
}
