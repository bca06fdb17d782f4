/**
 * Feed ingestion end to end: a real HTTP server on 127.0.0.1 serving fixture feeds, the real fetcher and parser,
 * a real SQLite file. What a curator would notice: items stored once, updated in place, errors shown per source,
 * nothing lost when a feed breaks.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import { manualClock } from '../../src/lib/clock.js';
import type { Deps } from '../../src/deps.js';
import { startFeedServer } from '../helpers/feed-server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/ingest');
const NOW = Date.parse('2026-11-20T12:00:00Z');

let install: TestInstall;
let deps: Deps;
let server: Awaited<ReturnType<typeof startFeedServer>>;
let root: string;
const clock = manualClock(NOW);

function serve(name: string, as = name) {
  copyFileSync(join(FIXTURES, name), join(root, as));
}

function sourcesYaml(entries: Record<string, string>) {
  const lines = Object.entries(entries).map(([slug, path]) => `  - { slug: ${slug}, kind: feed, url: "${server.url}/${path}", topic: sante }`);
  return `topics:\n  - { slug: sante, name: Santé }\nsources:\n${lines.join('\n')}\n`;
}

function setup(entries: Record<string, string>) {
  install = makeTestInstall(sourcesYaml(entries));
  deps = makeTestDeps(install, { clock, random: () => 0.5 });
}

const count = (sql: string, ...args: unknown[]) => deps.sqlite.prepare(sql).pluck().get(...args) as number;
const items = (slug: string) =>
  deps.sqlite
    .prepare(`SELECT i.* FROM items i JOIN sources s ON s.id = i.source_id WHERE s.slug = ? ORDER BY i.id`)
    .all(slug) as Record<string, unknown>[];
const source = (slug: string) => deps.sqlite.prepare(`SELECT * FROM sources WHERE slug = ?`).get(slug) as Record<string, unknown>;

beforeEach(async () => {
  clock.set(NOW);
  const tmp = makeTestInstall();
  root = join(tmp.dir, 'www');
  mkdirSync(root);
  server = await startFeedServer({ root });
});

afterEach(async () => {
  await deps?.close();
  await server.close();
  install?.cleanup();
});

describe('fetch → parse → store', () => {
  it('stores each item once, sanitised and normalised, and a second fetch is a 304 that adds nothing', async () => {
    serve('news-v1.xml', 'news.xml');
    setup({ news: 'news.xml' });
    const first = await runFetchCycle(deps, { force: true });
    expect(first.sources).toMatchObject([{ source: 'news', status: 'ok', new: 4, updated: 0 }]);

    const rows = items('news');
    expect(rows).toHaveLength(4);
    const cholera = rows.find((r) => String(r.title).startsWith('Choléra'))!;
    expect(cholera.canonical_url).toBe('https://sante.example.org/cholera-grands-lacs');
    expect(String(cholera.content_html)).not.toMatch(/script|alert/);
    expect(cholera.published_at).toBe(Date.parse('2026-11-16T07:00:00Z'));
    expect(cholera.lang).toBe('fr');
    // No date: first-seen time. A date in 2106: clamped to when it was seen, never in the future.
    expect(rows.find((r) => r.title === 'Un article sans date')).toMatchObject({ published_at: NOW, published_from_feed: 0 });
    expect(rows.find((r) => r.title === 'Un article daté dans le futur')!.published_at).toBe(NOW);
    expect(count(`SELECT count(*) FROM outbox`)).toBe(4);

    clock.advance(60_000);
    const second = await runFetchCycle(deps, { force: true });
    expect(second.sources).toMatchObject([{ source: 'news', status: 'not_modified', httpStatus: 304, new: 0, updated: 0 }]);
    expect(count(`SELECT count(*) FROM items`)).toBe(4);
    expect(count(`SELECT count(*) FROM outbox`)).toBe(4);
    expect(count(`SELECT count(*) FROM fetch_log WHERE status = 'not_modified'`)).toBe(1);
  });

  it('updates a changed item in place instead of duplicating it', async () => {
    serve('news-v1.xml', 'news.xml');
    setup({ news: 'news.xml' });
    await runFetchCycle(deps, { force: true });
    const before = items('news').find((r) => r.guid === 'sante-1001')!;

    serve('news-v2.xml', 'news.xml');
    clock.advance(3_600_000);
    const report = await runFetchCycle(deps, { force: true });
    expect(report.sources).toMatchObject([{ status: 'ok', new: 0, updated: 1 }]);
    const after = items('news').find((r) => r.guid === 'sante-1001')!;
    expect(after.id).toBe(before.id);
    expect(after.title).toBe('Choléra : la flambée s’étend à deux nouveaux districts');
    expect(after.first_seen_at).toBe(NOW);
    expect(count(`SELECT count(*) FROM items`)).toBe(4);
    expect(count(`SELECT count(*) FROM outbox WHERE entity_id = ?`, before.id)).toBe(2);
  });

  it('keys items by URL when a feed reuses one guid for different entries', async () => {
    serve('dup-guids.xml');
    setup({ cms: 'dup-guids.xml' });
    await runFetchCycle(deps, { force: true });
    expect(items('cms').map((r) => r.title)).toEqual(['First story', 'Second story', 'Third story']);
    expect(source('cms').guids_unique).toBe(0);
    clock.advance(60_000);
    serve('dup-guids.xml'); // same bytes, fresh mtime: a full fetch again
    await runFetchCycle(deps, { force: true });
    expect(items('cms')).toHaveLength(3);
  });

  it('stores entries without guid, link or date once each, and again not at all', async () => {
    serve('bare.xml');
    setup({ bare: 'bare.xml' });
    await runFetchCycle(deps, { force: true });
    expect(items('bare')).toHaveLength(2);
    await runFetchCycle(deps, { force: true });
    expect(items('bare')).toHaveLength(2);
  });

  it('links the same story from two sources into one cluster', async () => {
    serve('wire-a.xml');
    serve('wire-b.xml');
    setup({ 'agency-a': 'wire-a.xml', 'agency-b': 'wire-b.xml' });
    await runFetchCycle(deps, { force: true });
    const [a] = items('agency-a');
    const [b] = items('agency-b');
    expect(a!.cluster_id).toBe(b!.cluster_id);
    serve('news-v1.xml', 'news.xml');
    expect(new Set(items('agency-a').map((r) => r.cluster_id))).toEqual(new Set([a!.cluster_id]));
  });
});

describe('broken sources', () => {
  it('a web page instead of a feed: the error is recorded on the source and stored items stay', async () => {
    serve('news-v1.xml', 'news.xml');
    setup({ news: 'news.xml' });
    await runFetchCycle(deps, { force: true });
    const before = items('news');
    expect(before).toHaveLength(4);

    serve('not-a-feed.html', 'news.xml');
    clock.advance(60_000);
    const report = await runFetchCycle(deps, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'error', new: 0 });
    expect(report.sources[0]!.error).toMatch(/news\.xml/);
    expect(report.sources[0]!.error).toMatch(/not .*feed|HTML/i);
    expect(source('news')).toMatchObject({ last_status: 'error', error_count: 1 });
    expect(items('news')).toEqual(before);
  });

  it('a truncated feed: best-effort parse, and what was stored before is untouched', async () => {
    serve('news-v1.xml', 'news.xml');
    setup({ news: 'news.xml' });
    await runFetchCycle(deps, { force: true });
    const before = items('news');

    serve('truncated.xml', 'news.xml');
    clock.advance(60_000);
    await runFetchCycle(deps, { force: true });
    const after = items('news');
    expect(after.slice(0, 4)).toEqual(before);
    expect(after.length).toBeLessThanOrEqual(5);
  });

  it('a missing feed (404) backs off, keeps its items, and recovers', async () => {
    serve('news-v1.xml', 'news.xml');
    setup({ news: 'news.xml', gone: 'missing.xml' });
    const report = await runFetchCycle(deps, { force: true });
    const gone = report.sources.find((s) => s.source === 'gone')!;
    expect(gone).toMatchObject({ status: 'error', httpStatus: 404 });
    expect(gone.error).toMatch(/404/);
    expect(source('gone').next_fetch_at as number).toBeGreaterThan(NOW);
    // The healthy source is unaffected, and nothing is due yet for the broken one.
    expect(report.sources.find((s) => s.source === 'news')).toMatchObject({ status: 'ok', new: 4 });
    const due = await runFetchCycle(deps);
    expect(due.sources.map((s) => s.source)).not.toContain('gone');

    serve('news-v1.xml', 'missing.xml');
    const again = await runFetchCycle(deps, { force: true, source: 'gone' });
    expect(again.sources).toMatchObject([{ source: 'gone', status: 'ok', new: 4 }]);
    expect(source('gone')).toMatchObject({ error_count: 0, last_error: null });
  });
});

describe('scheduling and leases', () => {
  it('two concurrent cycles fetch each source once', async () => {
    serve('news-v1.xml', 'news.xml');
    serve('wire-a.xml');
    setup({ news: 'news.xml', wire: 'wire-a.xml' });
    const other = makeTestDeps(install, { clock, random: () => 0.5 });
    try {
      const [a, b] = await Promise.all([runFetchCycle({ ...deps, owner: 'a' }, { force: true }), runFetchCycle({ ...other, owner: 'b' }, { force: true })]);
      const fetched = [...a.sources, ...b.sources].map((s) => s.source).sort();
      expect(fetched).toEqual(['news', 'wire']);
      expect([...a.busy, ...b.busy].sort()).toEqual(['news', 'wire']);
      expect(server.requests('/news.xml')).toBe(1);
      expect(server.requests('/wire-a.xml')).toBe(1);
      expect(count(`SELECT count(*) FROM items`)).toBe(5);
    } finally {
      await other.close();
    }
  });

  it('only due sources are fetched on a normal cycle', async () => {
    serve('news-v1.xml', 'news.xml');
    setup({ news: 'news.xml' });
    await runFetchCycle(deps);
    expect(server.requests('/news.xml')).toBe(1);
    clock.advance(60_000);
    const r = await runFetchCycle(deps);
    expect(r.sources).toHaveLength(0);
    expect(server.requests('/news.xml')).toBe(1);
    expect(source('news').next_fetch_at as number).toBeGreaterThanOrEqual(NOW + 10 * 60_000);
  });
});
