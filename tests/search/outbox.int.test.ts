/**
 * The outbox drain against the real Meilisearch: changes arrive in batches, deletions leave the index, two
 * processes never drain at once, an unreachable engine loses nothing, a refused task is retried later, and
 * without Meilisearch the rows are simply marked done (FTS5 is kept by triggers).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMeiliIndex } from '../../src/search/meili-index.js';
import { syncFeedsConfig } from '../../src/sources/sync.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { parseQuery } from '../../src/search/query.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { loadFixture, storeItems, type FixtureInstall } from './fixture.js';
import { anonymousReader, everyReader } from '../helpers/viewers.js';

// Meilisearch tasks can take seconds on a loaded machine: generous limits, no timing assertions.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const meili = testMeili();
let fx: FixtureInstall | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const pending = (f: FixtureInstall) => f.deps.sqlite.prepare(`SELECT count(*) FROM outbox WHERE done_at IS NULL`).pluck().get() as number;
const search = (f: FixtureInstall, q: string) =>
  f.deps.search.search({ query: parseQuery(q), filters: {}, sort: 'relevance', offset: 0, limit: 50, viewer: everyReader() });

describe.skipIf(!meili)('outbox drain to Meilisearch', () => {
  it('builds the index on first run, then sends changes in batches and removes deleted items', async () => {
    fx = loadFixture(meiliEnv(meili!, 'outbox'));
    const drain = createOutboxDrain(fx.deps);
    const first = await drain.drain({ owner: 'a' });
    expect(first).toMatchObject({ mode: 'meilisearch', rebuilt: 18 });
    expect(pending(fx)).toBe(0);

    const fresh = Array.from({ length: 12 }, (_, n) => ({ key: `n${n}`, published: '2026-11-10T10:00:00Z', title: `Dirigeable numéro ${n}`, summary: 'dirigeable', content: 'Un dirigeable survole la ville.' }));
    storeItems(fx.deps, 'planete', fresh);
    expect(pending(fx)).toBe(12);
    const second = await drain.drain({ owner: 'a', batchSize: 5 });
    expect(second).toMatchObject({ upserted: 12, deleted: 0 });
    expect(pending(fx)).toBe(0);
    const res = await search(fx, 'dirigeable');
    expect(res.backend).toBe('meilisearch');
    expect(res.total).toBe(12);

    // An edit reaches the index; a removed item leaves it (the delete trigger writes the outbox row).
    storeItems(fx.deps, 'planete', [{ ...fresh[0]!, title: 'Dirigeable rebaptisé zeppelin' }]);
    fx.deps.sqlite.prepare(`DELETE FROM items WHERE id = ?`).run(fx.ids.p1);
    expect((await drain.drain({ owner: 'a' })).deleted).toBe(1);
    expect((await search(fx, 'zeppelin')).total).toBe(1);
    expect((await search(fx, 'rhône')).total).toBe(0);
  });

  it('re-indexes the items of a source whose topics really changed, not on every feeds.yaml sync', async () => {
    fx = loadFixture(meiliEnv(meili!, 'topics'));
    const drain = createOutboxDrain(fx.deps);
    await drain.drain({ owner: 'a' });
    const anon = () => fx!.deps.search.search({ query: parseQuery('glacier'), filters: {}, sort: 'relevance', offset: 0, limit: 50, viewer: anonymousReader(fx!.deps.sqlite) });
    expect((await anon()).total).toBe(2);
    // The same feeds.yaml synced again (as at every start): topic links rewritten, nothing to re-index.
    syncFeedsConfig(fx.deps.sqlite, fx.install.config.feeds, fx.deps.clock.now());
    await drain.drain({ owner: 'a' });
    expect(fx.deps.sqlite.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(18);
    // The climate topic becomes private: its items leave anonymous results.
    fx.deps.sqlite.prepare(`UPDATE topics SET public = 0 WHERE slug = 'climat'`).run();
    const r = await drain.drain({ owner: 'a' });
    expect(r.upserted).toBe(11);
    expect((await anon()).total).toBe(0);
  });

  it('rebuilds an index that was reset behind its back (deleted, or re-created without our settings)', async () => {
    const env = meiliEnv(meili!, 'reset');
    fx = loadFixture(env);
    await createOutboxDrain(fx.deps).drain({ owner: 'a' });
    const index = createMeiliIndex({ url: meili!.url, key: meili!.key, index: env.MEILI_INDEX! });
    await index.client.deleteIndex(env.MEILI_INDEX!).waitTask();
    await index.client.index(env.MEILI_INDEX!).addDocuments([{ id: 1, title: 'stray' }]).waitTask();
    // The next process to drain (a restart) checks the index before trusting it.
    expect(await createOutboxDrain(fx.deps).drain({ owner: 'b' })).toMatchObject({ rebuilt: 18 });
    expect((await search(fx, 'glacier')).total).toBe(3);
  });

  it('lets one process drain at a time', async () => {
    fx = loadFixture(meiliEnv(meili!, 'lease'));
    const a = createOutboxDrain(fx.deps);
    const b = createOutboxDrain(fx.deps);
    const [ra, rb] = await Promise.all([a.drain({ owner: 'a' }), b.drain({ owner: 'b' })]);
    expect([ra.mode, rb.mode].sort()).toEqual(['busy', 'meilisearch']);
    expect(pending(fx)).toBe(0);
  });

  it('keeps every row when Meilisearch does not answer, and a search still answers from FTS5', async () => {
    fx = loadFixture({ ...meiliEnv(meili!, 'down'), MEILI_URL: 'http://127.0.0.1:9' });
    const r = await createOutboxDrain(fx.deps).drain({ owner: 'a' });
    expect(r.error).toBeTruthy();
    expect(pending(fx)).toBe(18);
    expect(fx.deps.sqlite.prepare(`SELECT max(attempts) FROM outbox`).pluck().get()).toBe(0);
    const res = await search(fx, 'glacier');
    expect(res).toMatchObject({ backend: 'fts5', total: 3 });
  });

  it('retries later the rows of a task Meilisearch refused', async () => {
    const env = meiliEnv(meili!, 'refused');
    fx = loadFixture(env);
    const drain = createOutboxDrain(fx.deps);
    await drain.drain({ owner: 'a' });
    // The index gets another primary key behind our back: additions with primaryKey 'id' now fail as tasks.
    const index = createMeiliIndex({ url: meili!.url, key: meili!.key, index: env.MEILI_INDEX! });
    await index.client.deleteIndex(env.MEILI_INDEX!).waitTask();
    await index.client.createIndex(env.MEILI_INDEX!, { primaryKey: 'url' }).waitTask();
    storeItems(fx.deps, 'planete', [{ key: 'z1', published: '2026-11-10T10:00:00Z', title: 'Montgolfière', summary: 's', content: 'c' }]);
    const r = await drain.drain({ owner: 'a' });
    expect(r.error).toBeUndefined();
    const row = fx.deps.sqlite.prepare(`SELECT attempts, next_attempt_at AS next, last_error AS err, done_at AS done FROM outbox ORDER BY id DESC LIMIT 1`).get() as Record<string, unknown>;
    expect(row).toMatchObject({ attempts: 1, done: null });
    expect(row.next as number).toBeGreaterThan(fx.deps.clock.now());
    expect(String(row.err)).toMatch(/primary key/i);
  });
});

describe('outbox without Meilisearch', () => {
  it('marks rows done: FTS5 is already current', async () => {
    fx = loadFixture();
    expect(pending(fx)).toBe(18);
    expect(await createOutboxDrain(fx.deps).drain({ owner: 'a' })).toMatchObject({ mode: 'fts5' });
    expect(pending(fx)).toBe(0);
    expect((await search(fx, 'glacier')).total).toBe(3);
  });
});
