/** The read API as a client sees it: shapes, filters, pagination, errors, and the public-read switch. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
import type { Deps } from '../../src/deps.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FEEDS = `topics:
  - { slug: sante, name: Santé }
  - { slug: interne, name: Interne, public: false }
sources:
  - { slug: who, kind: feed, url: "https://who.example/feed", topic: sante }
  - { slug: msf, kind: feed, url: "https://msf.example/feed", topic: sante }
  - { slug: memo, kind: feed, url: "https://memo.example/feed", topic: interne }
`;

let install: TestInstall;
let deps: Deps;

const item = (n: number, extra: Partial<NormalisedItem> = {}): NormalisedItem => ({
  guid: `g-${n}`,
  url: `https://who.example/${n}`,
  canonicalUrl: `https://who.example/${n}`,
  title: `Item ${n}`,
  author: null,
  published: new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString(),
  summary: `Summary ${n}`,
  contentHtml: `<p>Summary ${n}</p>`,
  contentText: `Summary ${n}`,
  categories: [],
  enclosures: [],
  lang: 'fr',
  ...extra,
});

function seed(slug: string, list: NormalisedItem[]) {
  const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
  deps.store.store(id, keyItems(list, true), Date.UTC(2026, 10, 20), true);
}

function app(env: Record<string, string> = {}) {
  if (Object.keys(env).length) {
    install = makeTestInstall(FEEDS, env);
    deps = makeTestDeps(install);
  }
  return createApp(deps);
}

beforeEach(() => {
  install = makeTestInstall(FEEDS);
  deps = makeTestDeps(install);
});
afterEach(async () => {
  await deps.close();
  install.cleanup();
});

describe('GET /healthz', () => {
  it('reports the database and source counts', async () => {
    const res = await app().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', lastFetchCycle: null, sources: { total: 3, enabled: 3, failing: 0 }, items: 0 });
  });
});

describe('GET /api/v1/items', () => {
  it('pages newest first with a cursor, without repeats or gaps', async () => {
    seed('who', Array.from({ length: 25 }, (_, i) => item(i)));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await app().request(`/api/v1/items?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { title: string; published: string; source: string; topic: string; cluster: { sources: number } }[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.title));
      expect(body.items[0]).toMatchObject({ source: 'who', topic: 'sante', cluster: { sources: 1 } });
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `Item ${24 - i}`));
  });

  it('filters by source, topic and since', async () => {
    seed('who', [item(1), item(2)]);
    seed('msf', [item(3, { guid: 'm-3', url: 'https://msf.example/3', canonicalUrl: 'https://msf.example/3' })]);
    const titles = async (q: string) => ((await (await app().request(`/api/v1/items?${q}`)).json()) as { items: { title: string }[] }).items.map((i) => i.title);
    expect(await titles('source=msf')).toEqual(['Item 3']);
    expect(await titles('topic=sante')).toEqual(['Item 3', 'Item 2', 'Item 1']);
    expect(await titles(`since=${new Date(Date.UTC(2026, 10, 1) + 2 * 3_600_000).toISOString()}`)).toEqual(['Item 3', 'Item 2']);
  });

  it('hides members-only topics from anonymous readers', async () => {
    seed('memo', [item(9, { guid: 'memo-9', url: 'https://memo.example/9', canonicalUrl: 'https://memo.example/9' })]);
    seed('who', [item(1)]);
    const body = (await (await app().request('/api/v1/items')).json()) as { items: { source: string }[] };
    expect(body.items.map((i) => i.source)).toEqual(['who']);
    const sources = (await (await app().request('/api/v1/sources')).json()) as { sources: { slug: string }[] };
    expect(sources.sources.map((s) => s.slug)).toEqual(['msf', 'who']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=-5', 'limit'],
    ['since=yesterday-ish', 'since'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=blue', 'colour'],
  ])('?%s is a 400 naming the field', async (q, field) => {
    const res = await app().request(`/api/v1/items?${q}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error).toMatchObject({ code: 'invalid_request', field });
    expect(body.error.message).toContain(field);
  });
});

describe('GET /api/v1/sources', () => {
  it('shows each source with its health', async () => {
    const res = await app().request('/api/v1/sources');
    const body = (await res.json()) as { sources: Record<string, unknown>[] };
    expect(body.sources.find((s) => s.slug === 'who')).toMatchObject({ kind: 'feed', url: 'https://who.example/feed', topics: ['sante'], enabled: true, origin: 'file', status: null, error: null, lastFetch: null });
  });
});

describe('access', () => {
  it('refuses anonymous writes with 401 and the error shape', async () => {
    const res = await app().request('/api/v1/items', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('VIGIE_PUBLIC_READ=false closes reads to anonymous visitors', async () => {
    await deps.close();
    const res = await app({ VIGIE_PUBLIC_READ: 'false' }).request('/api/v1/items');
    expect(res.status).toBe(401);
    expect((await app().request('/healthz')).status).toBe(200);
  });

  it('unknown routes are a 404 in the same shape', async () => {
    const res = await app().request('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('serves an OpenAPI description of every route', async () => {
    const doc = (await (await app().request('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/items', '/api/v1/sources']));
  });
});
