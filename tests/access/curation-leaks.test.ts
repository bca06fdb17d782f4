/**
 * Regression tests for the curation leaks of issue 13, on a real SQLite file and the real HTTP server: an approval
 * publishes only in its own public topic; curation belongs to the topic it was made in (its signed-in readers),
 * anonymous readers see only what was published.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import { manualClock } from '../../src/lib/clock.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { startAppServer } from '../helpers/server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';
import { newsItem, T0 } from '../publish/fixture.js';

const FEEDS = `topics:
  - { slug: sante, name: Santé }
  - { slug: interne, name: Interne, public: false }
  - { slug: labo, name: Labo, public: false }
sources:
  - { slug: shared, kind: feed, url: "https://shared.example/feed", topics: [sante, interne] }
  - { slug: lab, kind: feed, url: "https://lab.example/feed", topics: [interne, labo] }
`;

const SECRET_NOTE = 'INTERNAL: embargoed until the minister speaks';

let install: TestInstall;
let deps: Deps;
let server: { url: string; close(): Promise<void> };
let users: Record<'internalCurator' | 'santeCurator' | 'santeMember' | 'laboMember' | 'admin', TestUser>;
let item: number;
let labItem: number;

async function req(method: string, path: string, as: TestUser | null = null, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(as ? { authorization: `Bearer ${as.token('curate')}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const json = async (method: string, path: string, as: TestUser | null = null, body?: unknown) => {
  const res = await req(method, path, as, body);
  return { status: res.status, body: (await res.json()) as any };
};
const text = async (path: string, as: TestUser | null = null) => {
  const res = await req('GET', path, as);
  return { status: res.status, body: await res.text() };
};

beforeEach(async () => {
  install = makeTestInstall(FEEDS, { PUBLIC_URL: 'https://veille.example.org/' });
  deps = makeTestDeps(install, { clock: manualClock(T0) });
  const seed = (slug: string, host: string) => {
    const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
    deps.store.store(id, keyItems([newsItem(1, host, { title: `Story from ${host}` })], true), T0, true);
    return deps.sqlite.prepare(`SELECT id FROM items WHERE source_id = ?`).pluck().get(id) as number;
  };
  item = seed('shared', 'shared.example');
  labItem = seed('lab', 'lab.example');
  users = {
    internalCurator: await addTestUser(deps.sqlite, { email: 'ic@vigie.test', displayName: 'Iris Interne', topics: { interne: 'curator' } }, T0),
    santeCurator: await addTestUser(deps.sqlite, { email: 'sc@vigie.test', displayName: 'Sam Santé', topics: { sante: 'curator' } }, T0),
    santeMember: await addTestUser(deps.sqlite, { email: 'sm@vigie.test', displayName: 'Sacha Membre', topics: { sante: 'member' } }, T0),
    laboMember: await addTestUser(deps.sqlite, { email: 'lm@vigie.test', displayName: 'Léo Labo', topics: { labo: 'member' } }, T0),
    admin: await addTestUser(deps.sqlite, { email: 'admin@vigie.test', displayName: 'Ada Admin', role: 'admin' }, T0),
  };
  server = await startAppServer(deps);
});

afterEach(async () => {
  await server.close();
  await deps.close();
  install.cleanup();
});

/** Every public output that could show the item. */
async function publicOutputs(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of ['/t/sante', '/t/sante/feed.atom', '/t/sante/feed.rss', '/t/sante/feed.json', '/public/feed.rss', '/public/feed.atom', '/public/feed.json', '/sitemap.xml', '/t/sante/widget', '/public']) {
    out[path] = (await text(path)).body;
  }
  return out;
}

describe('an approval publishes only in its own public topic', () => {
  it("a private topic's curator approving an item also in a public topic publishes nothing anywhere", async () => {
    const approved = await json('PUT', `/api/v1/items/${item}/approval`, users.internalCurator, { note: SECRET_NOTE });
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toMatchObject({ topic: 'interne', note: SECRET_NOTE });
    for (const [path, body] of Object.entries(await publicOutputs())) {
      expect(body, path).not.toContain('Story from shared.example');
      expect(body, path).not.toContain(SECRET_NOTE);
      expect(body, path).not.toContain(`/i/${item}`);
    }
    expect((await text(`/t/sante/i/${item}`)).status).toBe(404);
    // The API agrees: nothing is published, and the note is not readable outside interne.
    expect((await json('GET', '/api/v1/approvals')).body.approvals).toEqual([]);
    expect((await json('GET', '/api/v1/approvals', users.santeMember)).body.approvals).toEqual([]);
    expect((await json('GET', `/api/v1/items/${item}/curation`)).body).toMatchObject({ approval: null, approvals: [] });
    expect((await json('GET', `/api/v1/items/${item}/curation`, users.santeMember)).body).toMatchObject({ approval: null, approvals: [] });
    expect((await json('GET', '/api/v1/approvals', users.internalCurator)).body.approvals).toMatchObject([{ item, topic: 'interne', note: SECRET_NOTE }]);
  });

  it("the public topic's own approval publishes there, with its own note, tags and public notes only", async () => {
    await json('PUT', `/api/v1/items/${item}/approval`, users.internalCurator, { note: SECRET_NOTE });
    await json('POST', `/api/v1/items/${item}/tags`, users.internalCurator, { tags: ['confidentiel'] });
    await json('POST', `/api/v1/items/${item}/annotations`, users.internalCurator, { body: 'A public note written in interne', visibility: 'public' });
    await json('POST', `/api/v1/items/${item}/tags`, users.santeCurator, { tags: ['choléra'] });
    await json('POST', `/api/v1/items/${item}/annotations`, users.santeCurator, { body: 'Context for readers', visibility: 'public' });
    const approved = await json('PUT', `/api/v1/items/${item}/approval`, users.santeCurator, { note: 'Worth reading.' });
    expect(approved.body.approval).toMatchObject({ topic: 'sante', note: 'Worth reading.' });

    const outputs = await publicOutputs();
    for (const path of ['/t/sante', '/t/sante/feed.atom', '/public/feed.rss', '/t/sante/widget']) expect(outputs[path], path).toContain('Story from shared.example');
    expect(outputs['/sitemap.xml']).toContain(`/t/sante/i/${item}`);
    const page = await text(`/t/sante/i/${item}`);
    expect(page.status).toBe(200);
    for (const [path, body] of Object.entries({ ...outputs, page: page.body })) {
      expect(body, path).not.toContain(SECRET_NOTE);
      expect(body, path).not.toContain('confidentiel');
      expect(body, path).not.toContain('written in interne');
    }
    expect(outputs['/t/sante/feed.atom']).toContain('Worth reading.');
    expect(outputs['/t/sante/feed.atom']).toContain('choléra');
    expect(page.body).toContain('Context for readers');

    // Anonymous readers see what was published in sante, nothing of interne.
    const anon = (await json('GET', `/api/v1/items/${item}/curation`)).body;
    expect(anon.approvals).toMatchObject([{ topic: 'sante', note: 'Worth reading.' }]);
    expect(anon.tags).toEqual(['choléra']);
    expect(anon.annotations.map((a: any) => a.body)).toEqual(['Context for readers']);
    // A member of sante reads sante's curation, not interne's.
    const member = (await json('GET', `/api/v1/items/${item}/curation`, users.santeMember)).body;
    expect(member.approvals.map((a: any) => a.topic)).toEqual(['sante']);
    expect(member.tags).toEqual(['choléra']);
    expect((await json('GET', '/api/v1/approvals', users.santeMember)).body.approvals.map((a: any) => a.note)).toEqual(['Worth reading.']);
    // The admin reads both approvals.
    expect((await json('GET', '/api/v1/approvals', users.admin)).body.approvals.map((a: any) => a.topic).sort()).toEqual(['interne', 'sante']);

    // Unpublishing in sante takes it off every public output; interne's approval stays (and stays internal).
    expect((await json('DELETE', `/api/v1/items/${item}/approval`, users.santeCurator)).status).toBe(200);
    for (const [path, body] of Object.entries(await publicOutputs())) expect(body, path).not.toContain('Story from shared.example');
    expect((await json('GET', '/api/v1/approvals', users.internalCurator)).body.approvals).toMatchObject([{ topic: 'interne' }]);
  });

  it('a curator of several of the item\'s topics names the topic; the admin too', async () => {
    const ambiguous = await json('PUT', `/api/v1/items/${item}/approval`, users.admin, { note: 'x' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error).toMatchObject({ field: 'topic' });
    expect((await json('PUT', `/api/v1/items/${item}/approval`, users.admin, { note: 'x', topic: 'labo' })).status).toBe(400);
    expect((await json('PUT', `/api/v1/items/${item}/approval`, users.santeCurator, { note: 'x', topic: 'interne' })).status).toBe(403);
    expect((await json('PUT', `/api/v1/items/${item}/approval`, users.admin, { note: 'Admin note', topic: 'interne' })).body.approval).toMatchObject({ topic: 'interne' });
    expect((await publicOutputs())['/t/sante/feed.atom']).not.toContain('Admin note');
  });
});

describe('curation belongs to the topic it was made in', () => {
  it('anonymous readers see no tags, flags or notes of an unapproved item', async () => {
    await json('POST', `/api/v1/items/${item}/tags`, users.santeCurator, { tags: ['rumeur'] });
    await json('POST', `/api/v1/items/${item}/flags`, users.santeCurator, { strength: 2, rationale: 'internal rationale' });
    await json('POST', `/api/v1/items/${item}/annotations`, users.santeCurator, { body: 'public once republished', visibility: 'public' });
    const anon = (await json('GET', `/api/v1/items/${item}/curation`)).body;
    expect(anon).toMatchObject({ tags: [], flags: [], annotations: [], signal: null, approval: null });
    expect((await json('GET', `/api/v1/items/${item}/annotations`)).body.annotations).toEqual([]);
    expect((await json('GET', '/api/v1/topics/sante/tags')).body.tags).toEqual([]);
    expect((await json('GET', '/api/v1/flags')).body.flags).toEqual([]);
    const pageAnon = await text(`/items/${item}`);
    expect(pageAnon.body).not.toContain('rumeur');
    expect(pageAnon.body).not.toContain('internal rationale');
    // Signed in readers of sante read it.
    expect((await json('GET', `/api/v1/items/${item}/curation`, users.santeMember)).body).toMatchObject({ tags: ['rumeur'], flags: [{ rationale: 'internal rationale' }] });
  });

  it("a member of one topic reads none of another topic's flags, notes, tags or history on a shared item", async () => {
    await json('POST', `/api/v1/items/${labItem}/tags`, users.internalCurator, { tags: ['secret-tag'] });
    const flag = (await json('POST', `/api/v1/items/${labItem}/flags`, users.internalCurator, { strength: 3, rationale: 'interne rationale' })).body.flag;
    await json('PATCH', `/api/v1/flags/${flag.id}`, users.internalCurator, { public: true });
    await json('POST', `/api/v1/items/${labItem}/annotations`, users.internalCurator, { body: 'interne note' });
    const note = (await json('GET', `/api/v1/items/${labItem}/annotations`, users.internalCurator)).body.annotations[0];
    // laboMember reads the item (it is also in labo) but none of interne's curation, even its public flag.
    const cur = (await json('GET', `/api/v1/items/${labItem}/curation`, users.laboMember));
    expect(cur.status).toBe(200);
    expect(cur.body).toMatchObject({ tags: [], flags: [], annotations: [], signal: null });
    expect((await json('GET', '/api/v1/flags', users.laboMember)).body.flags).toEqual([]);
    expect((await json('GET', `/api/v1/flags/${flag.id}`, users.laboMember)).status).toBe(404);
    expect((await json('PATCH', `/api/v1/annotations/${note.id}`, users.laboMember, { body: 'x' })).status).toBe(404);
    const history = await json('GET', `/api/v1/items/${labItem}/history`, users.laboMember);
    expect(history.status).toBe(200);
    expect(history.body.history).toEqual([]);
    const page = await text(`/items/${labItem}`, users.laboMember);
    expect(page.status).toBe(200);
    for (const secret of ['secret-tag', 'interne rationale', 'interne note']) expect(page.body).not.toContain(secret);
    const board = await text('/signals', users.laboMember);
    expect(board.body).not.toContain('interne rationale');
    // interne's own members read it all.
    expect((await json('GET', `/api/v1/items/${labItem}/history`, users.internalCurator)).body.history.length).toBeGreaterThan(0);
    // An item the reader cannot read answers 404, curation and history alike.
    expect((await json('GET', `/api/v1/items/${labItem}/curation`, users.santeMember)).status).toBe(404);
    expect((await json('GET', `/api/v1/items/${labItem}/history`, users.santeMember)).status).toBe(404);
  });

  it('the audit log shows a curator the entries of the topics they curate only', async () => {
    await json('PUT', `/api/v1/items/${item}/approval`, users.internalCurator, { note: SECRET_NOTE });
    await json('PUT', `/api/v1/items/${item}/approval`, users.santeCurator, { note: 'ok' });
    const entries = (await json('GET', '/api/v1/audit', users.santeCurator)).body.entries;
    expect(entries.map((e: any) => e.topic)).toEqual(['sante']);
    expect(JSON.stringify(entries)).not.toContain(SECRET_NOTE);
    expect((await json('GET', '/api/v1/audit?topic=labo', users.santeCurator)).status).toBe(404);
  });
});
