/**
 * Search from the real command line: `vigie serve` starting its managed Meilisearch (SEARCH_BACKEND=auto, no
 * MEILI_URL) and answering through the API, a second process (`vigie reindex`) reusing that instance, and
 * `vigie reindex` rebuilding without downtime. Needs `npm test`'s build (dist/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMeiliBackend } from '../../src/search/meili.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { parseQuery } from '../../src/search/query.js';
import { findMeiliBinary } from '../../src/search/managed.js';
import { startVigie, vigie } from '../helpers/cli.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { loadFixture } from './fixture.js';
import { everyReader } from '../helpers/viewers.js';

// Meilisearch tasks can take seconds on a loaded machine: generous limits, no timing assertions.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const meili = testMeili();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('vigie reindex', () => {
  it('rebuilds FTS5 when Meilisearch is not wanted', async () => {
    const fx = loadFixture();
    await fx.deps.close();
    try {
      const r = await vigie(['reindex'], fx.install.env);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'fts5', documents: 18 });
    } finally {
      fx.install.cleanup();
    }
  });

  it.skipIf(!meili)('rebuilds Meilisearch while searches keep answering from the live index', async () => {
    const env = meiliEnv(meili!, 'reindex');
    const fx = loadFixture(env);
    await createOutboxDrain(fx.deps).drain({ owner: 'test' });
    await fx.deps.close();
    const live = createMeiliBackend({ url: meili!.url, key: meili!.key, index: env.MEILI_INDEX! });
    const req = { query: parseQuery(''), filters: {}, sort: 'date' as const, offset: 0, limit: 50, viewer: everyReader() };
    try {
      const run = vigie(['reindex'], fx.install.env);
      let done = false;
      void run.then(() => (done = true));
      const totals: number[] = [];
      while (!done) {
        totals.push((await live.search(req)).total);
        await wait(20);
      }
      const r = await run;
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'meilisearch', documents: 18 });
      expect(new Set(totals)).toEqual(new Set([18]));
      expect((await live.search(req)).total).toBe(18);
    } finally {
      fx.install.cleanup();
    }
  });
});

describe.skipIf(!findMeiliBinary().ok)('vigie serve with the managed Meilisearch', () => {
  it('starts it, searches through it, shares it with a second process, stops it on shutdown', { timeout: 120_000 }, async () => {
    const fx = loadFixture();
    await fx.deps.close();
    const env = { ...fx.install.env, SEARCH_BACKEND: 'auto', LOG_LEVEL: 'info', PORT: '0', VIGIE_WORKERS: 'true' };
    const svc = await startVigie(['serve'], env, /"url":"(http:\/\/127\.0\.0\.1:\d+)","publicUrl"/, 60_000);
    const instanceFile = join(fx.install.config.dataDir, 'meili', 'instance.json');
    try {
      const base = svc.match[1]!;
      type Health = { search: { backend: string; meilisearch: string; outbox: { pending: number } } };
      let health: Health | null = null;
      for (let i = 0; i < 300; i++) {
        health = (await (await fetch(`${base}/healthz`)).json()) as Health;
        if (health.search.meilisearch === 'ok') break;
        await wait(100);
      }
      expect(health!.search).toMatchObject({ backend: 'meilisearch', meilisearch: 'ok', outbox: { pending: 0 } });
      const body = (await (await fetch(`${base}/api/v1/search?q=glacier`)).json()) as { backend: string; total: number };
      expect(body).toMatchObject({ backend: 'meilisearch', total: 2 });

      // A second process uses the same instance rather than starting another.
      const instance = JSON.parse(readFileSync(instanceFile, 'utf8')) as { url: string; owner: string };
      const r = await vigie(['reindex'], { ...env, LOG_LEVEL: 'silent' });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'meilisearch', documents: 18 });
      expect(JSON.parse(readFileSync(instanceFile, 'utf8'))).toEqual(instance);
      expect((await fetch(`${instance.url}/health`)).ok).toBe(true);

      expect(await svc.stop()).toBe(0);
      expect(existsSync(instanceFile)).toBe(false);
      expect(await fetch(`${instance.url}/health`).then(() => 'up', () => 'down')).toBe('down');
    } finally {
      await svc.stop();
      fx.install.cleanup();
    }
  });
});
