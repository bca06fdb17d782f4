/** The server-rendered pages as a reader gets them: language, escaping, empty states, access. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import type { Deps } from '../../src/deps.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FEEDS = `topics:\n  - { slug: sante, name: Santé }\nsources:\n  - { slug: who, kind: feed, url: "https://who.example/feed", topic: sante, name: "WHO" }\n`;
let install: TestInstall;
let deps: Deps;

beforeEach(() => {
  install = makeTestInstall(FEEDS);
  deps = makeTestDeps(install);
});
afterEach(async () => {
  await deps.close();
  install.cleanup();
});

function seed() {
  const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = 'who'`).pluck().get() as number;
  deps.store.store(
    id,
    keyItems(
      [
        {
          guid: '1', url: 'https://who.example/1', canonicalUrl: 'https://who.example/1', title: 'Cholera <script>alert(1)</script> outbreak',
          author: 'Jane', published: '2026-11-20T08:00:00Z', summary: 'Cases rise', contentHtml: '<p>Cases <b>rise</b></p>', contentText: 'Cases rise',
          categories: ['health'], enclosures: [], lang: 'en',
        },
      ],
      true,
    ),
    Date.UTC(2026, 10, 20, 9),
    true,
  );
  return deps.sqlite.prepare(`SELECT id FROM items`).pluck().get() as number;
}

const get = (path: string, headers: Record<string, string> = {}) => createApp(deps).request(path, { headers });

describe('stream page', () => {
  it('speaks French by default and English when the browser asks', async () => {
    seed();
    const fr = await (await get('/')).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Flux de veille');
    expect(fr).toMatch(/<input[^>]*type="search"[^>]*name="q"/);
    expect(fr).toContain('<dialog id="help"');
    const en = await (await get('/', { 'accept-language': 'en-US,en;q=0.9' })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Watch stream');
  });

  it('the language switch sets a cookie that wins over the browser', async () => {
    const res = await get('/lang/en?back=/sources');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sources');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await get('/', { cookie, 'accept-language': 'fr' })).text();
    expect(page).toContain('Watch stream');
    expect((await get('/lang/en?back=//evil.example')).headers.get('location')).toBe('/');
  });

  it('escapes hostile titles', async () => {
    seed();
    const html = await (await get('/')).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Cholera &lt;script&gt;alert(1)&lt;/script&gt; outbreak');
  });

  it('teaches what to do when there is nothing yet', async () => {
    await deps.close();
    install = makeTestInstall('topics: []\nsources: []\n');
    deps = makeTestDeps(install);
    const html = await (await get('/')).text();
    expect(html).toContain('Aucune source n’est encore déclarée');
  });

  it('redirects to the sign-in page when public reading is off', async () => {
    await deps.close();
    install = makeTestInstall(FEEDS, { VIGIE_PUBLIC_READ: 'false' });
    deps = makeTestDeps(install);
    const res = await get('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('item page', () => {
  it('shows the sanitised content and the original link', async () => {
    const id = seed();
    const html = await (await get(`/items/${id}`)).text();
    expect(html).toContain('<p>Cases <b>rise</b></p>');
    expect(html).toContain('href="https://who.example/1"');
    expect(html).toContain('Jane');
    expect((await get('/items/999999')).status).toBe(404);
  });
});

describe('sources page and static files', () => {
  it('lists sources with their state, and serves the stylesheet', async () => {
    const html = await (await get('/sources')).text();
    expect(html).toContain('WHO');
    expect(html).toContain('Jamais collectée');
    const css = await get('/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('unknown addresses', () => {
  it('a browser gets a readable 404 page in its language; API clients get the JSON error', async () => {
    const page = await get('/no-such-page', { accept: 'text/html', 'accept-language': 'en' });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('This page does not exist.');
    const api = await get('/api/v1/no-such-route', { accept: 'text/html' });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
