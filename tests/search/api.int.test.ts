/**
 * GET /api/v1/search through the real app over both backends: the JSON shape, escaping, cursors, members vs
 * anonymous readers, /healthz search fields, and the bad-input list (a 400 naming the problem or a literal
 * search — never a 500, never an FTS5 syntax error).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { AppEnv } from '../../src/http/types.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { loadFixture, storeItems, type FixtureInstall } from './fixture.js';

// Meilisearch tasks can take seconds on a loaded machine: generous limits, no timing assertions.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const meili = testMeili();

type Body = Record<string, unknown> & {
  hits: { id: number; title: string; titleHtml: string; snippet: string; tags?: string[] }[];
  facets: Record<string, Record<string, number>>;
  total: number;
  backend: string;
  tookMs: number;
  nextCursor: string | null;
  error?: { code: string; message: string; field?: string };
};

describe.each(['fts5', 'meilisearch'] as const)('search API on %s', (backend) => {
  const skip = backend === 'meilisearch' && !meili;
  let fx: FixtureInstall;
  let anon: (path: string) => Promise<Response>;
  let member: (path: string) => Promise<Response>;

  beforeAll(async () => {
    if (skip) return;
    fx = loadFixture(backend === 'meilisearch' ? meiliEnv(meili!, 'api') : {});
    storeItems(fx.deps, 'technews', [
      { key: 'x1', published: '2026-11-06T09:00:00Z', title: '<script>alert("x")</script> zeppelin & co', summary: 'A <b>zeppelin</b> returns', content: 'The zeppelin <img src=x onerror=alert(1)> flies again.' },
    ]);
    // As the index-sync worker would: to Meilisearch, or (FTS5 being kept by triggers) just marked done.
    const r = await createOutboxDrain(fx.deps).drain({ owner: 'test' });
    expect(r).toMatchObject({ mode: backend });
    const app = createApp(fx.deps);
    anon = async (path) => app.request(path);
    // A signed-in member of the whole network (a member of no topic reads only what anyone reads), as the accounts
    // middleware would set it.
    const signedIn = new Hono<AppEnv>();
    signedIn.use(async (c, next) => {
      c.set('user', { id: 1, role: 'member', memberships: [{ topicId: null, role: 'member' }] } as unknown as AppEnv['Variables']['user']);
      await next();
    });
    signedIn.route('/', app);
    member = async (path) => signedIn.request(path);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const json = async (res: Response) => (await res.json()) as Body;

  it.skipIf(skip)('answers with hits, facets, total, backend, tookMs and nextCursor', async () => {
    const res = await anon('/api/v1/search?q=glacier');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.backend).toBe(backend);
    expect(body.total).toBe(2);
    expect(body.hits.map((h) => h.title).sort()).toEqual(['Alpine glacier loss accelerates', 'Le glacier du Rhône recule encore']);
    expect(body.facets).toEqual({ topic: { climat: 2 }, source: { planete: 1, greenwire: 1 }, lang: { fr: 1, en: 1 } });
    expect(typeof body.tookMs).toBe('number');
    expect(body.nextCursor).toBeNull();
  });

  it.skipIf(skip)('escapes titles and snippets; only <mark> is markup', async () => {
    const [hit] = (await json(await anon('/api/v1/search?q=zeppelin'))).hits;
    expect(hit!.titleHtml).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>zeppelin</mark> &amp; co');
    expect(hit!.snippet).toContain('<mark>zeppelin</mark>');
    expect(hit!.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it.skipIf(skip)('cursors walk all pages', async () => {
    const ids: number[] = [];
    let url: string | null = '/api/v1/search?limit=4&sort=date';
    while (url) {
      const body = await json(await anon(url));
      ids.push(...body.hits.map((h) => h.id));
      url = body.nextCursor ? `/api/v1/search?limit=4&sort=date&cursor=${body.nextCursor}` : null;
    }
    expect(ids).toHaveLength(17);
    expect(new Set(ids).size).toBe(17);
  });

  it.skipIf(skip)('members see private topics, curation fields and can filter on tags; anonymous readers cannot', async () => {
    const m = await json(await member('/api/v1/search?q=hydrogène'));
    expect(m.total).toBe(2);
    expect(m.hits[0]!.tags).toEqual([]);
    expect(m.facets.tag).toEqual({});
    const a = await json(await anon('/api/v1/search?q=hydrogène'));
    expect(a.total).toBe(1);
    expect(a.hits[0]).not.toHaveProperty('tags');
    expect(a.facets).not.toHaveProperty('tag');
    const refused = await anon('/api/v1/search?q=x&tag=urgent');
    expect(refused.status).toBe(403);
    expect((await json(refused)).error).toMatchObject({ code: 'forbidden', field: 'tag' });
    expect((await member('/api/v1/search?q=hydrogène&tag=urgent')).status).toBe(200);
    expect((await anon('/api/v1/search?signal=confirmed')).status).toBe(403);
  });

  const literal = ['"unbalanced', 'a "b', 'NEAR(glacier charbon)', 'glacier*', '^glacier', 'title:glacier', 'glacier AND', 'OR', 'NOT', '"', '""', '-', '-"', '***', '(', ')', '{a}', "'", '\\', 'a:b:c', '"a" NEAR/2 "b"', '*glacier', 'glacier -', '- -', '\u0000', '💥 glacier'];
  it.skipIf(skip).each(literal)('literal search for %j', async (q) => {
    const res = await anon(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect((await json(res)).backend).toBe(backend);
  });

  const refused: [string, string, number][] = [
    ['q=' + 'a'.repeat(10_240), 'q', 400],
    ['q=x&colour=red', 'colour', 400],
    ['from=yesterday', 'from', 400],
    ['to=2026-13-45', 'to', 400],
    ['from=2026-11-05&to=2026-11-01', 'from', 400],
    ['limit=-1', 'limit', 400],
    ['limit=0', 'limit', 400],
    ['limit=abc', 'limit', 400],
    ['limit=100000', 'limit', 400],
    ['cursor=not-a-cursor', 'cursor', 400],
    ['sort=popular', 'sort', 400],
    ['lang=12345', 'lang', 400],
    ['topic=a%22b', 'topic', 400],
    ['source=' + 'x'.repeat(200), 'source', 400],
  ];
  it.skipIf(skip).each(refused.map(([qs, field, status]) => ({ label: qs.slice(0, 40), qs, field, status })))('refuses $label with a clear 4xx naming the field', async ({ qs, field, status }) => {
    const res = await anon(`/api/v1/search?${qs}`);
    expect(res.status).toBe(status);
    const body = await json(res);
    expect(body.error!.field).toBe(field);
    expect(body.error!.message.length).toBeGreaterThan(10);
    expect(body.error!.message).not.toMatch(/fts5|syntax error|sqlite/i);
  });

  it.skipIf(skip)('/healthz reports the backend and the index lag', async () => {
    const body = (await (await anon('/healthz')).json()) as { search: Record<string, unknown> };
    expect(body.search).toMatchObject({ backend, outbox: { pending: 0, oldestPendingAgeMs: null } });
    expect(body.search.meilisearch).toBe(backend === 'meilisearch' ? 'ok' : 'not_configured');
  });
});
