/**
 * The fault test: Meilisearch is killed (SIGKILL) in the middle of a sync while items keep arriving. Search keeps
 * answering from FTS5 meanwhile (with the newest items), the managed process is restarted, the outbox catches up,
 * and in the end every item of SQLite is in the index — none missing, none extra.
 */
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/log.js';
import { findMeiliBinary, startManagedMeili, type ManagedMeili } from '../../src/search/managed.js';
import { createMeiliIndex } from '../../src/search/meili-index.js';
import { parseQuery } from '../../src/search/query.js';
import { scheduleIndexSync } from '../../workers/index-sync.js';
import { makeTempDir } from '../helpers/tmpdir.js';
import { loadFixture, storeItems, type FixtureInstall } from './fixture.js';
import { everyReader } from '../helpers/viewers.js';

const bin = findMeiliBinary();
const tmp = makeTempDir('vigie-fault-');
let managed: ManagedMeili | null = null;
let fx: FixtureInstall | null = null;
afterAll(async () => {
  await managed?.stop();
  await fx?.close();
  tmp.cleanup();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(50);
  }
}

it.skipIf(!bin.ok)('kill Meilisearch mid-sync: FTS5 answers meanwhile, the outbox catches up, no item missing', { timeout: 120_000 }, async () => {
  if (!bin.ok) return;
  managed = await startManagedMeili({ binary: bin.path, version: bin.version, dataDir: tmp.dir, log: silentLogger() });
  const index = 'fault_items';
  fx = loadFixture({ SEARCH_BACKEND: 'meilisearch', MEILI_URL: managed.url, MEILI_MASTER_KEY: managed.key, MEILI_INDEX: index });
  const deps = fx.deps;
  const pending = () => deps.sqlite.prepare(`SELECT count(*) FROM outbox WHERE done_at IS NULL`).pluck().get() as number;
  const search = (q: string) => deps.search.search({ query: parseQuery(q), filters: {}, sort: 'date', offset: 0, limit: 100, viewer: everyReader() });

  const controller = new AbortController();
  const stopSync = scheduleIndexSync(deps, controller.signal, 50);
  await until('the first build', () => pending() === 0);
  expect((await search('glacier')).backend).toBe('meilisearch');

  // Items keep arriving; Meilisearch dies in the middle.
  let n = 0;
  const ingest = (count: number) => {
    const batch = Array.from({ length: count }, () => ({ key: `f${n}`, published: '2026-11-10T10:00:00Z', title: `Ballon sonde ${n}`, summary: 'ballon', content: `Ballon sonde numéro ${n++}` }));
    storeItems(deps, 'planete', batch);
  };
  for (let i = 0; i < 5; i++) (ingest(20), await wait(30));
  process.kill(managed.pid()!, 'SIGKILL');
  for (let i = 0; i < 5; i++) (ingest(20), await wait(30));

  // Meanwhile search answers from FTS5, with every item (FTS5 changes in the item's own transaction).
  await until('the fallback', async () => (await search('ballon')).backend === 'fts5');
  const during = await search('ballon');
  expect(during.total).toBe(n);
  expect(deps.search.status().meilisearch).toBe('down');

  // The managed process comes back by itself; the outbox drains.
  await until('the restart', async () => managed!.pid() !== null && (await fetch(`${managed!.url}/health`).then((r) => r.ok, () => false)));
  await until('the outbox to catch up', () => pending() === 0);
  controller.abort();
  await stopSync();

  const live = deps.sqlite.prepare(`SELECT id FROM items WHERE deleted_at IS NULL ORDER BY id`).pluck().all() as number[];
  const meiliIndex = createMeiliIndex({ url: managed.url, key: managed.key, index });
  const docs = await meiliIndex.client.index(index).getDocuments({ fields: ['id'], limit: 10_000 });
  expect(docs.results.map((d) => d.id as number).sort((a, b) => a - b)).toEqual(live);
  expect(live).toHaveLength(18 + 200);
});
