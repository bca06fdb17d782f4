/**
 * The managed Meilisearch's edges: no binary for the platform (FTS5, said in /healthz), the master key kept in the
 * data dir, and a data dir from another engine version wiped and rebuilt from SQLite.
 */
import { mkdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { startSearchEngine } from '../../src/search/engine.js';
import { findMeiliBinary, readOrCreateMasterKey, wipeIfOtherVersion } from '../../src/search/managed.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { readIndexState, writeIndexState } from '../../src/search/state.js';
import { makeTempDir } from '../helpers/tmpdir.js';
import { loadFixture } from './fixture.js';
import { anonymousReader } from '../helpers/viewers.js';

// Meilisearch tasks can take seconds on a loaded machine: generous limits, no timing assertions.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe('managed Meilisearch', () => {
  it('without a binary, search runs on FTS5 and /healthz says why', async () => {
    const lookup = findMeiliBinary('/nonexistent/meilisearch');
    expect(lookup.ok).toBe(false);
    const fx = loadFixture({ SEARCH_BACKEND: 'auto' });
    try {
      fx.deps.search.setUnavailable(lookup.ok ? '' : lookup.reason);
      const app = createApp(fx.deps);
      const health = (await (await app.request('/healthz')).json()) as { search: Record<string, unknown> };
      expect(health.search).toMatchObject({ backend: 'fts5', setting: 'auto', meilisearch: 'unavailable' });
      expect(String(health.search.detail)).toMatch(/not installed|no packaged/);
      const body = (await (await app.request('/api/v1/search?q=glacier')).json()) as { backend: string; total: number };
      expect(body).toMatchObject({ backend: 'fts5', total: 2 });
      // Nothing will ever drain to Meilisearch: rows are marked done rather than piling up.
      expect(await createOutboxDrain(fx.deps).drain({ owner: 't' })).toMatchObject({ mode: 'fts5' });
    } finally {
      await fx.close();
    }
  });

  it('keeps one master key in the data dir, readable by its owner only', () => {
    const tmp = makeTempDir();
    try {
      const key = readOrCreateMasterKey(tmp.dir);
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect(readOrCreateMasterKey(tmp.dir)).toBe(key);
      expect(statSync(join(tmp.dir, 'meili', 'master.key')).mode & 0o777).toBe(0o600);
    } finally {
      tmp.cleanup();
    }
  });

  it('wipes engine data written by another version, keeps its own', () => {
    const tmp = makeTempDir();
    try {
      const db = join(tmp.dir, 'data.ms');
      mkdirSync(db);
      writeFileSync(join(db, 'VERSION'), '1.21.0');
      expect(wipeIfOtherVersion(db, '1.21.0')).toBe(false);
      writeFileSync(join(db, 'VERSION'), '1.12.3');
      expect(wipeIfOtherVersion(db, '1.21.0')).toBe(true);
      expect(existsSync(db)).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });

  it.skipIf(!findMeiliBinary().ok)('starts on an old-version data dir by wiping it, then rebuilds the index from SQLite', { timeout: 90_000 }, async () => {
    const fx = loadFixture({ SEARCH_BACKEND: 'auto' });
    const db = join(fx.install.config.dataDir, 'meili', 'data.ms');
    mkdirSync(db, { recursive: true });
    writeFileSync(join(db, 'VERSION'), '1.0.0');
    writeFileSync(join(db, 'data.mdb'), 'old engine data');
    writeIndexState(fx.deps.sqlite, 'vigie_items', { ready: true, builtAt: 1, documents: 18 }, 1);
    const engine = await startSearchEngine(fx.deps, 'test-owner');
    try {
      expect(engine.owns()).toBe(true);
      expect(readIndexState(fx.deps.sqlite, 'vigie_items')).toBeNull();
      expect(fx.deps.search.status().meilisearch).toBe('building');
      const r = await createOutboxDrain(fx.deps).drain({ owner: 't' });
      expect(r).toMatchObject({ mode: 'meilisearch', rebuilt: 18 });
      const res = await fx.deps.search.search({ query: { terms: ['glacier'], phrases: [], excluded: [], prefixLast: true }, filters: {}, sort: 'relevance', offset: 0, limit: 10, viewer: anonymousReader(fx.deps.sqlite) });
      expect(res).toMatchObject({ backend: 'meilisearch', total: 2 });
    } finally {
      await engine.stop();
      await fx.close();
    }
  });
});
