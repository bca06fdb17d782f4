/**
 * Who may open which screen (anonymous, member, curator, admin), and the no-JavaScript path of in-place actions:
 * forms posted to /act call the JSON API with the reader's own session and come back with the outcome in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import type { Deps } from '../../src/deps.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FEEDS = [
  'topics:',
  '  - { slug: sante, name: Santé }',
  '  - { slug: interne, name: Interne, public: false }',
  'sources:',
  '  - { slug: who, kind: feed, url: "https://who.example/feed", topic: sante, name: "WHO" }',
  '  - { slug: memo, kind: feed, url: "https://memo.example/feed", topic: interne, name: "Memo" }',
  '  - { slug: afp, kind: feed, url: "https://afp.example/feed", topic: sante, name: "AFP" }',
  '',
].join('\n');

let install: TestInstall;
let deps: Deps;
let app: App;
let member: TestUser;
let curator: TestUser;
let admin: TestUser;
let itemId: number;
let privateItemId: number;

function store(slug: string, guid: string, title: string, canonical = `https://${slug}.example/${guid}`): number {
  const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
  deps.store.store(
    id,
    keyItems(
      [{ guid, url: `https://${slug}.example/${guid}`, canonicalUrl: canonical, title, author: null, published: '2026-11-20T08:00:00Z', summary: title, contentHtml: `<p>${title}</p>`, contentText: title, categories: [], enclosures: [], lang: 'fr' }],
      true,
    ),
    Date.UTC(2026, 10, 20, 9),
    true,
  );
  return deps.sqlite.prepare(`SELECT id FROM items WHERE title = ?`).pluck().get(title) as number;
}

beforeAll(async () => {
  install = makeTestInstall(FEEDS);
  deps = makeTestDeps(install);
  app = createApp(deps);
  itemId = store('who', 'a', 'Épidémie de choléra au Yémen');
  privateItemId = store('memo', 'b', 'Note interne confidentielle');
  member = await addTestUser(deps.sqlite, { email: 'member@example.org', displayName: 'Mia Membre', topics: { sante: 'member' } });
  curator = await addTestUser(deps.sqlite, { email: 'curator@example.org', displayName: 'Carl Curateur', topics: { sante: 'curator' } });
  admin = await addTestUser(deps.sqlite, { email: 'admin@example.org', displayName: 'Ada Admin', role: 'admin' });
});
afterAll(async () => {
  await deps.close();
  install.cleanup();
});

const get = (path: string, as?: TestUser) => app.request(path, { headers: as ? { cookie: as.cookie } : {} });

/** Posts a form the way a browser without JavaScript does. */
async function post(path: string, fields: Record<string, string>, as?: TestUser) {
  const body = new URLSearchParams(fields);
  return app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(as ? { cookie: as.cookie } : {}) } });
}

/** The one-time message the next page shows, from the flash cookie a form post left. */
async function flashAfter(res: Response, as?: TestUser): Promise<string> {
  const flash = res.headers.getSetCookie().find((c) => c.startsWith('vigie_flash='))!.split(';')[0]!;
  const page = await app.request(res.headers.get('location')!, { headers: { cookie: [as?.cookie, flash].filter(Boolean).join('; ') } });
  return (await page.text()).match(/<div id="flash"[^>]*>([\s\S]*?)<\/div>/)![1]!;
}

describe('screens by role', () => {
  it('anonymous readers read public topics only and are sent to sign in elsewhere', async () => {
    const stream = await (await get('/')).text();
    expect(stream).toContain('Épidémie de choléra');
    expect(stream).not.toContain('Note interne');
    expect((await get(`/items/${privateItemId}`)).status).toBe(404);
    const item = await (await get(`/items/${itemId}`)).text();
    // Nothing public about it yet: no curation panel, and no internal data.
    expect(item).not.toContain('id="curation"');
    expect(item).not.toContain('name="tags:list"');
    for (const path of ['/account', '/saved', '/network', '/report']) {
      const res = await get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/login?back=${encodeURIComponent(path)}`);
    }
    expect((await get('/login')).status).toBe(200);
    expect(await (await get('/topics')).text()).not.toContain('Interne');
  });

  it('members tag, flag and read the history of their topic, but neither approve nor see the report', async () => {
    const item = await (await get(`/items/${itemId}`, member)).text();
    expect(item).toContain('name="tags:list"');
    expect(item).toContain('name="rationale"');
    expect(item).not.toContain('id="approve"');
    // Curation history belongs to the topic: its signed-in readers read it (the API's /history already said so).
    expect(item).toContain('id="history-title"');
    expect((await get('/report', member)).status).toBe(403);
    expect((await get('/report.csv', member)).status).toBe(403);
    expect((await get('/network', member)).status).toBe(200);
    const topic = await (await get('/topics/sante', member)).text();
    expect(topic).toContain('Carl Curateur');
    expect(topic).not.toContain('name="email"');
    expect((await get(`/items/${privateItemId}`, member)).status).toBe(404);
    expect(await (await get('/', member)).text()).not.toContain('Note interne');
    expect(await (await get('/?q=confidentielle', member)).text()).not.toContain('Note interne');
  });

  it('curators approve, see the history, invite, and read the report of their topics', async () => {
    const item = await (await get(`/items/${itemId}`, curator)).text();
    expect(item).toContain('id="approve"');
    expect(item).toContain('id="history-title"');
    const topic = await (await get('/topics/sante', curator)).text();
    expect(topic).toContain('name="email"');
    const report = await (await get('/report', curator)).text();
    expect(report).toContain('Santé');
    expect(report).not.toContain('Interne');
    const sources = await (await get('/sources', curator)).text();
    expect(sources).toContain('name="url"');
  });

  it('admins see every topic, private ones included, and may create topics', async () => {
    expect(await (await get('/topics', admin)).text()).toContain('name="slug"');
    expect(await (await get('/report', admin)).text()).toContain('Interne');
    expect((await get(`/items/${privateItemId}`, admin)).status).toBe(200);
    expect(await (await get('/', admin)).text()).toContain('Note interne');
    const csv = await get('/report.csv', admin);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^topic,name,from,to,gathered,flagged/);
    expect(lines).toHaveLength(3);
  });
});

describe('stream filters', () => {
  it('answers date, language and order filters through the search backend', async () => {
    for (const q of ['sort=relevance', 'lang=fr', 'from=2026-11-01&to=2026-11-30', 'q=cholera&sort=date']) {
      const res = await get(`/?${q}`);
      expect(res.status, q).toBe(200);
      expect(await res.text(), q).toContain(`data-item="${itemId}"`);
    }
    expect(await (await get('/?from=2026-12-01')).text()).not.toContain('Épidémie de choléra');
  });

  it('keeps curation filters for members, and filters on them', async () => {
    await post('/act', { _method: 'POST', _path: `/api/v1/items/${itemId}/tags`, _back: '/', _csrf: member.csrf, 'tags:list': 'épidémie' }, member);
    expect(await (await get('/?tag=%C3%A9pid%C3%A9mie', member)).text()).toContain('Épidémie de choléra');
    expect(await (await get('/?tag=autre', member)).text()).not.toContain('Épidémie de choléra');
    // Anonymous readers have no curation filters: the parameter is ignored, not an error.
    expect((await get('/?tag=autre')).status).toBe(200);
    expect(await (await get('/')).text()).not.toContain('name="tag"');
  });
});

describe('clusters', () => {
  it('shows that other sources reported the same story, on the stream and on the item', async () => {
    const other = store('afp', 'c', 'Choléra : le Yémen face à une nouvelle vague', 'https://who.example/a');
    const stream = await (await get('/')).text();
    expect(stream).toContain('Aussi relayé par 1 autre source');
    const item = await (await get(`/items/${other}`)).text();
    expect(item).toContain('id="cluster-title"');
    expect(item).toContain(`href="/items/${itemId}"`);
  });
});

describe('forms without JavaScript', () => {
  it('a member flags a weak signal; the item page then shows it with its rationale', async () => {
    const res = await post('/act', { _method: 'POST', _path: `/api/v1/items/${itemId}/flags`, _back: `/items/${itemId}`, _done: 'flash.flagged', _csrf: member.csrf, 'strength:int': '3', rationale: 'Premier cas hors saison' }, member);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/items/${itemId}`);
    expect(await flashAfter(res, member)).toContain('Signal faible enregistré');
    const page = await (await get(`/items/${itemId}`, member)).text();
    expect(page).toContain('Premier cas hors saison');
    expect(page).toContain('Fort');
    const board = await (await get('/signals', member)).text();
    expect(board).toContain('Premier cas hors saison');
  });

  it('a member cannot approve: the refusal comes back in words, nothing changes', async () => {
    const res = await post('/act', { _method: 'PUT', _path: `/api/v1/items/${itemId}/approval`, _back: `/items/${itemId}`, _csrf: member.csrf, note: 'x' }, member);
    expect(await flashAfter(res, member)).toContain('Votre rôle ne permet pas');
    expect(deps.sqlite.prepare(`SELECT count(*) FROM approvals`).pluck().get()).toBe(0);
  });

  it('a curator approves with a public note, then unpublishes; the history keeps both', async () => {
    await post('/act', { _method: 'PUT', _path: `/api/v1/items/${itemId}/approval`, _back: '/', _csrf: curator.csrf, note: 'À lire absolument' }, curator);
    expect(await (await get(`/items/${itemId}`)).text()).toContain('À lire absolument');
    await post('/act', { _method: 'DELETE', _path: `/api/v1/items/${itemId}/approval`, _back: '/', _csrf: curator.csrf }, curator);
    const page = await (await get(`/items/${itemId}`, curator)).text();
    expect(page).toContain('id="approve"');
    expect(page).toContain('approuvé pour republication');
    expect(page).toContain('dépublié');
  });

  it('a curator confirms the flag with a reason and makes it public; anonymous readers then see it', async () => {
    const flagId = deps.sqlite.prepare(`SELECT id FROM flags`).pluck().get() as number;
    expect(await (await get('/signals')).text()).not.toContain('Premier cas hors saison');
    await post('/act', { _method: 'PATCH', _path: `/api/v1/flags/${flagId}`, _back: '/signals', _csrf: curator.csrf, status: 'confirmed', reason: 'Deux autres sources' }, curator);
    await post('/act', { _method: 'PATCH', _path: `/api/v1/flags/${flagId}`, _back: '/signals', _csrf: curator.csrf, 'public:bool': 'true' }, curator);
    const board = await (await get('/signals')).text();
    const confirmed = board.slice(board.indexOf('id="col-confirmed"'), board.indexOf('id="col-dismissed"'));
    expect(confirmed).toContain('Premier cas hors saison');
    expect(confirmed).toContain('Deux autres sources');
  });

  it('refuses a form without the anti-CSRF token', async () => {
    const res = await post('/act', { _method: 'POST', _path: `/api/v1/items/${itemId}/tags`, _back: '/', 'tags:list': 'x' }, member);
    expect(await flashAfter(res, member)).toContain('formulaire a expiré');
    expect(deps.sqlite.prepare(`SELECT count(*) FROM tags WHERE name = 'x'`).pluck().get()).toBe(0);
  });

  it('only forwards to the API, and only comes back to this site', async () => {
    const res = await post('/act', { _method: 'POST', _path: '/admin/../api/v1/items/1/tags', _back: 'https://evil.example/', _csrf: member.csrf }, member);
    expect(res.headers.get('location')).toBe('/');
    expect(await flashAfter(res, member)).toContain('pas valide');
  });

  it('signs in with the form, then lands where it was heading, in the chosen language', async () => {
    const bad = await post('/act', { _method: 'POST', _path: '/api/v1/auth/login', _back: '/saved', _fail: '/login?back=%2Fsaved', email: 'member@example.org', password: 'wrong' });
    expect(bad.headers.get('location')).toBe('/login?back=%2Fsaved');
    const ok = await post('/act', { _method: 'POST', _path: '/api/v1/auth/login', _back: '/saved', email: 'member@example.org', password: 'correct horse battery staple' });
    expect(ok.headers.get('location')).toBe('/saved');
    const session = ok.headers.getSetCookie().find((c) => c.startsWith('vigie_session='))!.split(';')[0]!;
    const saved = await app.request('/saved', { headers: { cookie: session } });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Recherches enregistrées');
  });

  it('the account language wins over the browser', async () => {
    await post('/account/language', { _csrf: admin.csrf, locale: 'en' }, admin);
    const page = await app.request('/', { headers: { cookie: admin.cookie, 'accept-language': 'fr' } });
    expect(await page.text()).toContain('<html lang="en">');
  });

  it('marks what a member opened as read, for that member only', async () => {
    const reader = await addTestUser(deps.sqlite, { email: 'reader@example.org', topics: { sante: 'member' } });
    expect(await (await get('/', reader)).text()).toContain('class="item unread"');
    await get(`/items/${itemId}`, reader);
    const after = await (await get('/?unread=1', reader)).text();
    expect(after).not.toContain('Épidémie de choléra');
    expect(await (await get('/?unread=1', admin)).text()).toContain('Épidémie de choléra');
  });
});

describe('first start', () => {
  it('the sign-in page says how to create the first admin when there is no account yet', async () => {
    const fresh = makeTestInstall(FEEDS);
    const freshDeps = makeTestDeps(fresh);
    try {
      const page = await (await createApp(freshDeps).request('/login')).text();
      expect(page).toContain('vigie user add --email');
    } finally {
      await freshDeps.close();
      fresh.cleanup();
    }
  });
});
