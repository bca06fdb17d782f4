/**
 * The sources screen as a curator uses it, without JavaScript: add a source by pasting a web page's address (the
 * feed it advertises is found), see it listed with its health, pause it. A real HTTP server on 127.0.0.1 plays the site.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import type { Deps } from '../../src/deps.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulletin épidémiologique</title><link>http://x/</link><description>d</description>
<item><title>Semaine 47</title><link>http://x/47</link><guid>47</guid></item></channel></rss>`;

let install: TestInstall;
let deps: Deps;
let app: App;
let site: Server;
let base: string;
let curator: TestUser;
let member: TestUser;

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><title>Site</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Bonjour</body></html>`);
    } else if (req.url === '/plain') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>Sans flux</title></head><body>Rien</body></html>');
    } else if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(FEED);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  install = makeTestInstall('topics:\n  - { slug: sante, name: Santé }\nsources: []\n');
  deps = makeTestDeps(install);
  app = createApp(deps);
  curator = await addTestUser(deps.sqlite, { email: 'c@example.org', topics: { sante: 'curator' } });
  member = await addTestUser(deps.sqlite, { email: 'm@example.org', topics: { sante: 'member' } });
});
afterAll(async () => {
  await deps.close();
  install.cleanup();
  await new Promise((r) => site.close(r));
});

const page = async (path: string, as: TestUser) => (await app.request(path, { headers: { cookie: as.cookie } })).text();
const act = (fields: Record<string, string>, as: TestUser) =>
  app.request('/act', { method: 'POST', body: new URLSearchParams({ _back: '/sources', _csrf: as.csrf, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: as.cookie } });

describe('sources screen', () => {
  it('teaches how to add a source when there is none, and offers the form to curators only', async () => {
    const empty = await page('/sources', curator);
    expect(empty).toContain('feeds.yaml');
    expect(empty).toMatch(/<details id="add" class="add-source" open/);
    expect(await page('/sources', member)).not.toContain('name="url"');
  });

  it('adds a source from a page address by finding its feed, then pauses it', async () => {
    const res = await act({ _method: 'POST', _path: '/api/v1/sources', _done: 'flash.sourceAdded', url: `${base}/`, topic: 'sante' }, curator);
    expect(res.status).toBe(303);
    const listed = await page('/sources', curator);
    expect(listed).toContain('Bulletin épidémiologique');
    expect(listed).toContain('Jamais collectée');
    expect(listed).toContain('Mettre en pause');
    const slug = /data-source="([^"]+)"/.exec(listed)![1]!;
    await act({ _method: 'PATCH', _path: `/api/v1/sources/${slug}`, 'enabled:bool': 'false' }, curator);
    const paused = await page('/sources', curator);
    expect(paused).toContain('en pause');
    expect(paused).toContain('Reprendre');
  });

  it.each([
    ['/plain', 'n’en annonce aucun'],
    ['/nothing-here', 'Impossible d’ouvrir cette adresse'],
  ])('says in words why %s cannot be added', async (path, words) => {
    const res = await act({ _method: 'POST', _path: '/api/v1/sources', url: `${base}${path}`, topic: 'sante' }, curator);
    const flash = res.headers.getSetCookie().find((c) => c.startsWith('vigie_flash='))!.split(';')[0]!;
    const next = await (await app.request('/sources', { headers: { cookie: `${curator.cookie}; ${flash}` } })).text();
    expect(next).toMatch(/<div id="flash" class="flash bad" role="alert"/);
    const said = next.match(/<div id="flash"[\s\S]*?<\/div>/)?.[0] ?? '';
    expect(said, said).toContain(words);
  });
});
