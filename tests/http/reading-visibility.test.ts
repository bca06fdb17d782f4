/**
 * Issue 13's reading leaks, each a regression test: an account with no membership (and, with VIGIE_OPEN_SIGNUP, a
 * stranger who signs up) reads nothing of a members-only topic through the items API, the item page, search (hits,
 * totals, facets; both backends), the sources API and page, the network map, the stream and the activity report;
 * private items answer 404; "also reported by N sources" counts only readable siblings; a source's secret URL parts
 * show to its curators and admins only; search curation (tags, signal) counts only what the viewer may read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { createApp } from '../../src/http/app.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
import { manualClock } from '../../src/lib/clock.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { addTestUser, call, type TestUser } from '../helpers/accounts.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const FEEDS = `topics:
  - { slug: sante, name: Santé }
  - { slug: interne, name: Cellule interne, public: false }
sources:
  - { slug: who, kind: feed, url: "https://who.example/feed", topic: sante }
  - { slug: memo, name: Mémos internes, kind: feed, url: "https://reader:pw@memo.example/feed?token=s3cret&lang=fr", topic: interne }
  - { slug: both, kind: feed, url: "https://both.example/feed?key=k3y", topics: [sante, interne] }
`;
const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);

function item(host: string, title: string): NormalisedItem {
  return {
    guid: `${host}-1`,
    url: `https://${host}/1`,
    canonicalUrl: `https://${host}/1`,
    title,
    author: null,
    published: new Date(T0 - 3_600_000).toISOString(),
    summary: `${title}: the vaccination campaign`,
    contentHtml: `<p>${title}: the vaccination campaign</p>`,
    contentText: `${title}: the vaccination campaign`,
    categories: [],
    enclosures: [],
    lang: 'en',
  };
}

interface World {
  install: TestInstall;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  ids: { who: number; memo: number; both: number };
  users: { stranger: TestUser; member: TestUser; insider: TestUser; insideCurator: TestUser; admin: TestUser };
}

async function makeWorld(env: Record<string, string>): Promise<World> {
  const install = makeTestInstall(FEEDS, env);
  const deps = makeTestDeps(install, { clock: manualClock(T0) });
  const db = deps.sqlite;
  const seed = (slug: string, title: string) => {
    const id = db.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
    deps.store.store(id, keyItems([item(`${slug}.example`, title)], true), T0, true);
    return db.prepare(`SELECT id FROM items WHERE source_id = ?`).pluck().get(id) as number;
  };
  const ids = { who: seed('who', 'Public bulletin'), memo: seed('memo', 'Confidential memo'), both: seed('both', 'Joint note') };
  // One story reported by the public source and the members-only one.
  db.prepare(`UPDATE items SET cluster_id = ? WHERE id IN (?, ?)`).run(ids.who, ids.who, ids.memo);
  const topic = (slug: string) => db.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number;
  // Curation of the shared item, made in each of its topics: tags and flags belong to the topic they were made in.
  const tag = (t: string, name: string) => {
    const tagId = Number(db.prepare(`INSERT INTO tags (topic_id, name, created_at) VALUES (?, ?, ?)`).run(topic(t), name, T0).lastInsertRowid);
    db.prepare(`INSERT INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?)`).run(ids.both, tagId, T0);
  };
  const flag = (t: string, strength: number, status: string) => {
    const flagId = Number(db.prepare(`INSERT INTO flags (topic_id, strength, rationale, status, created_at, updated_at) VALUES (?, ?, 'why', ?, ?, ?)`).run(topic(t), strength, status, T0, T0).lastInsertRowid);
    db.prepare(`INSERT INTO flag_items (flag_id, item_id) VALUES (?, ?)`).run(flagId, ids.both);
  };
  db.transaction(() => {
    tag('sante', 'vaccins');
    tag('interne', 'sensible');
    tag('interne', 'vaccins');
    flag('sante', 1, 'confirmed');
    flag('interne', 3, 'watching');
    for (const id of Object.values(ids)) db.prepare(`INSERT INTO outbox (entity, entity_id, op, created_at) VALUES ('item', ?, 'upsert', ?)`).run(id, T0);
  })();
  const users = {
    stranger: await addTestUser(db, { email: 'stranger@vigie.test', displayName: 'Sam Stranger' }, T0),
    member: await addTestUser(db, { email: 'member@vigie.test', displayName: 'Marc Membre', topics: { sante: 'member' } }, T0),
    insider: await addTestUser(db, { email: 'insider@vigie.test', displayName: 'Iris Insider', topics: { interne: 'member' } }, T0),
    insideCurator: await addTestUser(db, { email: 'icur@vigie.test', displayName: 'Ines Curatrice', role: 'curator', topics: { interne: 'curator' } }, T0),
    admin: await addTestUser(db, { email: 'admin@vigie.test', displayName: 'Ada Admin', role: 'admin' }, T0),
  };
  return { install, deps, app: createApp(deps), ids, users };
}

async function closeWorld(w: World | undefined) {
  if (!w) return;
  await w.deps.close();
  w.install.cleanup();
}

/** Signs up through the API (VIGIE_OPEN_SIGNUP=true) and returns the session as a test user. */
async function signUp(w: World): Promise<TestUser> {
  const res = await w.app.request('/api/v1/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'newcomer@elsewhere.test', password: 'a long enough passphrase' }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { user: { id: number; email: string }; csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { id: body.user.id, email: body.user.email, displayName: body.user.email, cookie, csrf: body.csrfToken, token: () => '' };
}

const page = async (w: World, path: string, as: TestUser | null) => {
  const res = await w.app.request(path, { headers: as ? { cookie: as.cookie } : {} });
  return { status: res.status, html: await res.text() };
};

describe.each([
  ['a member of another topic', 'member'],
  ['an account with no membership', 'stranger'],
  ['a stranger who signed up', 'signup'],
] as const)('%s never reads the members-only topic', (_name, who) => {
  let w: World;
  let as: TestUser;
  beforeAll(async () => {
    w = await makeWorld({ VIGIE_OPEN_SIGNUP: 'true' });
    as = who === 'signup' ? await signUp(w) : w.users[who];
  });
  afterAll(() => closeWorld(w));

  it('in the items API, its filters and the item by id (404, never 403)', async () => {
    const list = await call(w.app, 'GET', '/api/v1/items', { as });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: number }) => i.id).sort()).toEqual([w.ids.who, w.ids.both].sort());
    // The shared source is in a readable topic: it is listed, naming only the topic the reader may see.
    expect(list.body.items.find((i: { id: number }) => i.id === w.ids.both).topics).toEqual(['sante']);
    // "Also reported by N sources" counts readable siblings only.
    expect(list.body.items.find((i: { id: number }) => i.id === w.ids.who).cluster.sources).toBe(1);
    for (const path of ['/api/v1/items?topic=interne', '/api/v1/items?source=memo', '/api/v1/items?topic=nowhere', `/api/v1/items/${w.ids.memo}`]) {
      const res = await call(w.app, 'GET', path, { as });
      expect(res.status, path).toBe(404);
    }
    expect((await call(w.app, 'GET', `/api/v1/items/${w.ids.who}`, { as })).body.item).toMatchObject({ id: w.ids.who, cluster: { sources: 1 } });
  });

  it('in the topics API and pages', async () => {
    expect((await call(w.app, 'GET', '/api/v1/topics', { as })).body.topics.map((t: { slug: string }) => t.slug)).toEqual(['sante']);
    expect((await page(w, '/topics/interne', as)).status).toBe(404);
  });

  it('on the item page: 404, and its sibling is not "also reported"', async () => {
    expect((await page(w, `/items/${w.ids.memo}`, as)).status).toBe(404);
    const open = await page(w, `/items/${w.ids.who}`, as);
    expect(open.status).toBe(200);
    expect(open.html).toContain('Public bulletin');
    expect(open.html).not.toContain('Confidential memo');
    expect(open.html).not.toContain('id="cluster-title"');
  });

  it('in search: hits, totals, facets, and its topic or source as a filter (404)', async () => {
    const res = await call(w.app, 'GET', '/api/v1/search?q=vaccination', { as });
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { id: number }) => h.id).sort()).toEqual([w.ids.who, w.ids.both].sort());
    expect(res.body.total).toBe(2);
    expect(res.body.facets.topic).toEqual({ sante: 2 });
    expect(res.body.facets.source).toEqual({ both: 1, who: 1 });
    expect(JSON.stringify(res.body)).not.toContain('interne');
    expect((await call(w.app, 'GET', '/api/v1/search?q=vaccination&topic=interne', { as })).status).toBe(404);
    expect((await call(w.app, 'GET', '/api/v1/search?q=vaccination&source=memo', { as })).status).toBe(404);
  });

  it('in the sources API and page, the network map and the stream', async () => {
    const sources = await call(w.app, 'GET', '/api/v1/sources', { as });
    expect(sources.body.sources.map((s: { slug: string }) => s.slug)).toEqual(['both', 'who']);
    // The shared source's secret query value is its curators' (and admins') only.
    expect(sources.body.sources[0]).toMatchObject({ topics: ['sante'], url: 'https://both.example/feed?key=…' });
    expect((await call(w.app, 'GET', '/api/v1/sources?topic=interne', { as })).status).toBe(404);
    for (const path of ['/sources', '/network', '/', '/?q=vaccination', '/topics']) {
      const res = await page(w, path, as);
      expect(res.status, path).toBe(200);
      for (const secret of ['Confidential memo', 'Mémos internes', 'memo.example', 'Cellule interne', 'value="interne"', 's3cret', 'k3y']) expect(res.html, `${path}: ${secret}`).not.toContain(secret);
    }
    expect((await page(w, '/?q=vaccination', as)).html).toMatch(/class="result-count"[^>]*>\s*2 /);
    expect((await page(w, '/?topic=interne', as)).status).toBe(404);
  });
});

describe('readers of the members-only topic', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({});
  });
  afterAll(() => closeWorld(w));

  it('read its items, count its siblings, and see secret URL parts only as its curators', async () => {
    const { insider, insideCurator, admin } = w.users;
    const list = await call(w.app, 'GET', '/api/v1/items', { as: insider });
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.find((i: { id: number }) => i.id === w.ids.who).cluster.sources).toBe(2);
    expect((await call(w.app, 'GET', '/api/v1/items?topic=interne', { as: insider })).body.items.map((i: { id: number }) => i.id).sort()).toEqual([w.ids.memo, w.ids.both].sort());
    expect((await call(w.app, 'GET', `/api/v1/items/${w.ids.memo}`, { as: insider })).status).toBe(200);
    // A token acts as its owner.
    expect((await call(w.app, 'GET', `/api/v1/items/${w.ids.memo}`, { as: insider, via: 'token' })).status).toBe(200);
    expect((await call(w.app, 'GET', `/api/v1/items/${w.ids.memo}`, { as: w.users.member, via: 'token' })).status).toBe(404);
    expect((await call(w.app, 'GET', '/api/v1/topics', { as: insider })).body.topics.map((t: { slug: string }) => t.slug)).toEqual(['interne', 'sante']);
    expect((await page(w, `/items/${w.ids.who}`, insider)).html).toContain('Confidential memo');
    const url = async (as: TestUser) => (await call(w.app, 'GET', '/api/v1/sources?topic=interne', { as })).body.sources.find((s: { slug: string }) => s.slug === 'memo').url;
    expect(await url(insider)).toBe('https://memo.example/feed?token=…&lang=…');
    expect(await url(insideCurator)).toBe('https://reader:pw@memo.example/feed?token=s3cret&lang=fr');
    expect(await url(admin)).toBe('https://reader:pw@memo.example/feed?token=s3cret&lang=fr');
  });

  it('see the network map and the activity report of what they read', async () => {
    const { insideCurator, insider, member } = w.users;
    // The topic's digest went out once in the period (and once before it): "digests delivered" counts it.
    const db = w.deps.sqlite;
    const interne = db.prepare(`SELECT id FROM topics WHERE slug = 'interne'`).pluck().get() as number;
    const sub = Number(
      db
        .prepare(`INSERT INTO digest_subscriptions (user_id, kind, topic_id, label, time_zone, lang, token, next_due_at, created_at, updated_at) VALUES (?, 'topic', ?, 'interne', 'Europe/Paris', 'fr', 'tok', 0, ?, ?)`)
        .run(insider.id, interne, T0, T0).lastInsertRowid,
    );
    for (const [n, sentAt] of [[1, Date.UTC(2025, 5, 1)], [2, T0]] as const) {
      const issue = Number(db.prepare(`INSERT INTO digest_issues (subscription_id, period_start, period_end, entries, created_at) VALUES (?, ?, ?, '[]', ?)`).run(sub, sentAt - 86_400_000, sentAt, sentAt).lastInsertRowid);
      db.prepare(`INSERT INTO digest_deliveries (issue_id, run_id, email, message_id, status, created_at, updated_at, sent_at) VALUES (?, 1, ?, ?, 'sent', ?, ?, ?)`).run(issue, insider.email, `<m${n}@vigie.test>`, sentAt, sentAt, sentAt);
    }
    expect((await page(w, '/network', insideCurator)).html).toContain('Mémos internes');
    const csv = await page(w, '/report.csv?from=2026-01-01&to=2026-12-31', insideCurator);
    expect(csv.status).toBe(200);
    const rows = csv.html.trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^interne,Cellule interne,2026-01-01,2026-12-31,2,/);
    expect(rows[1]!.split(',').slice(-2)).toEqual(['1', '1']);
    expect((await page(w, '/network', member)).html).not.toContain('Mémos internes');
  });
});

describe('with VIGIE_PUBLIC_READ=false, public topics are for their members', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ VIGIE_PUBLIC_READ: 'false' });
  });
  afterAll(() => closeWorld(w));

  it('an account with no membership reads nothing; a member reads their topic', async () => {
    const { stranger, member } = w.users;
    expect((await call(w.app, 'GET', '/api/v1/items', { as: stranger })).body.items).toEqual([]);
    expect((await call(w.app, 'GET', '/api/v1/sources', { as: stranger })).body.sources).toEqual([]);
    expect((await call(w.app, 'GET', '/api/v1/search?q=vaccination', { as: stranger })).body).toMatchObject({ hits: [], total: 0, facets: { topic: {}, source: {} } });
    expect((await call(w.app, 'GET', `/api/v1/items/${w.ids.who}`, { as: stranger })).status).toBe(404);
    expect((await call(w.app, 'GET', '/api/v1/topics', { as: stranger })).body.topics).toEqual([]);
    expect((await call(w.app, 'GET', '/api/v1/items', { as: member })).body.items.map((i: { id: number }) => i.id).sort()).toEqual([w.ids.who, w.ids.both].sort());
  });
});

const meili = testMeili();
describe.each(['fts5', 'meilisearch'] as const)('search curation on %s counts what the viewer may read', (backend) => {
  const skip = backend === 'meilisearch' && !meili;
  let w: World;
  beforeAll(async () => {
    if (skip) return;
    w = await makeWorld(backend === 'meilisearch' ? meiliEnv(meili!, 'reading') : {});
    expect(await createOutboxDrain(w.deps).drain({ owner: 'test' })).toMatchObject({ mode: backend });
  });
  afterAll(() => closeWorld(w));

  const search = async (as: TestUser, query: string) => {
    const res = await call(w.app, 'GET', `/api/v1/search?${query}`, { as });
    expect(res.body.backend).toBe(backend);
    return res.body;
  };
  const ids = (body: { hits: { id: number }[] }) => body.hits.map((h) => h.id).sort();

  it.skipIf(skip)('visibility: hits, totals and facets', async () => {
    const { member, insider, stranger } = w.users;
    expect(await search(stranger, 'q=vaccination')).toMatchObject({ total: 2, facets: { topic: { sante: 2 }, source: { who: 1, both: 1 } } });
    expect(await search(insider, 'q=vaccination')).toMatchObject({ total: 3, facets: { topic: { sante: 2, interne: 2 }, source: { who: 1, both: 1, memo: 1 } } });
    expect((await search(member, 'q=vaccination&sort=date')).hits.find((h: { id: number }) => h.id === w.ids.both).topics).toEqual(['sante']);
  });

  it.skipIf(skip)('tags and signals of the topic the viewer reads, in hits, facets and filters', async () => {
    const { member, insider, admin } = w.users;
    const mine = await search(member, 'q=joint');
    expect(mine.hits[0]).toMatchObject({ id: w.ids.both, tags: ['vaccins'], signal: 'confirmed' });
    expect(mine.facets.tag).toEqual({ vaccins: 1 });
    expect(ids(await search(member, 'tag=sensible'))).toEqual([]);
    expect(ids(await search(member, 'tag=vaccins'))).toEqual([w.ids.both]);
    expect(ids(await search(member, 'signal=confirmed'))).toEqual([w.ids.both]);
    expect(ids(await search(member, 'signal=watching'))).toEqual([]);

    const theirs = await search(insider, 'q=joint');
    expect(theirs.hits[0]).toMatchObject({ id: w.ids.both, signal: 'watching' });
    expect([...theirs.hits[0].tags].sort()).toEqual(['sensible', 'vaccins']);
    expect(theirs.facets.tag).toEqual({ sensible: 1, vaccins: 1 });
    expect(ids(await search(insider, 'signal=watching'))).toEqual([w.ids.both]);
    expect(ids(await search(insider, 'signal=confirmed'))).toEqual([]);

    // Someone who reads both topics counts the item once under a tag used in both.
    expect((await search(admin, 'q=joint')).facets.tag).toEqual({ sensible: 1, vaccins: 1 });
  });
});
