/**
 * Which Meilisearch the process uses. SEARCH_BACKEND=fts5: none. MEILI_URL set: that one (attached by makeDeps).
 * Otherwise the managed instance: one process owns it (a lease in SQLite), starts it and writes its URL in
 * VIGIE_DATA_DIR/meili/instance.json; the others (`vigie worker`, `vigie reindex`, a second `serve`) read that
 * file and use it, and take over if the owner goes away. Without a binary for the platform, FTS5 answers.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/index.js';
import type { Sqlite } from '../db/client.js';
import type { Leases } from '../jobs/lease.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { findMeiliBinary, isHealthy, meiliDir, readOrCreateMasterKey, startManagedMeili, type ManagedMeili } from './managed.js';
import type { SearchService } from './service.js';
import { clearIndexStates } from './state.js';

export interface EngineDeps {
  config: Config;
  sqlite: Sqlite;
  log: Logger;
  clock: Clock;
  leases: Leases;
  search: SearchService;
}

export interface SearchEngine {
  /** True while this process runs the managed child. */
  owns(): boolean;
  stop(): Promise<void>;
}

const ENGINE_LEASE = 'search:managed-meili';
const LEASE_TTL_MS = 30_000;
const TICK_MS = 5_000;
const Instance = z.object({ url: z.string(), owner: z.string() });

const noop: SearchEngine = { owns: () => false, stop: async () => {} };

export async function startSearchEngine(deps: EngineDeps, owner: string): Promise<SearchEngine> {
  const env = deps.config.env;
  if (env.SEARCH_BACKEND === 'fts5' || env.MEILI_URL) return noop;
  const bin = findMeiliBinary();
  if (!bin.ok) {
    deps.log.warn({ reason: bin.reason }, 'Meilisearch unavailable; searching with SQLite FTS5');
    deps.search.setUnavailable(bin.reason);
    return noop;
  }
  const file = join(meiliDir(deps.config.dataDir), 'instance.json');
  const key = readOrCreateMasterKey(deps.config.dataDir);
  const index = env.MEILI_INDEX;
  let managed: ManagedMeili | null = null;
  let attached: string | null = null;
  let stopped = false;

  const readInstance = () => {
    if (!existsSync(file)) return null;
    const parsed = Instance.safeParse(JSON.parse(readFileSync(file, 'utf8') || 'null'));
    return parsed.success ? parsed.data : null;
  };
  const attach = (url: string) => {
    if (url === attached) return;
    attached = url;
    deps.search.attachMeili({ url, key, index });
    deps.log.info({ url, index }, 'search uses Meilisearch');
  };

  async function tick(): Promise<void> {
    if (stopped) return;
    const info = readInstance();
    if (!deps.leases.claim(ENGINE_LEASE, owner, LEASE_TTL_MS, deps.clock.now())) {
      if (info) attach(info.url);
      return;
    }
    if (managed) return;
    if (info && (await isHealthy(info.url))) {
      // Left running by an owner that went away: adopt it, and start our own only if it dies.
      if (info.owner !== owner) writeFileSync(file, JSON.stringify({ url: info.url, owner }));
      return attach(info.url);
    }
    const port = info ? Number(new URL(info.url).port) || undefined : undefined;
    managed = await startManagedMeili({
      binary: bin.ok ? bin.path : '',
      version: bin.ok ? bin.version : '',
      dataDir: deps.config.dataDir,
      log: deps.log,
      port,
      onWiped: () => clearIndexStates(deps.sqlite),
      onStarted: (url) => {
        writeFileSync(file, JSON.stringify({ url, owner }));
        attach(url);
      },
    });
  }

  const safeTick = () =>
    tick().catch((err: unknown) => {
      deps.log.error({ err }, 'managed Meilisearch could not be started; searching with SQLite FTS5 meanwhile');
    });
  await safeTick();
  // Another process is starting it: wait a little for its URL.
  for (let i = 0; i < 100 && !attached && !managed; i++) {
    await new Promise((r) => setTimeout(r, 200));
    await safeTick();
  }
  const timer = setInterval(() => void safeTick(), TICK_MS);
  timer.unref();

  return {
    owns: () => managed !== null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (managed) {
        await managed.stop();
        const info = readInstance();
        if (info?.owner === owner) rmSync(file, { force: true });
      }
      deps.leases.release(ENGINE_LEASE, owner);
    },
  };
}
