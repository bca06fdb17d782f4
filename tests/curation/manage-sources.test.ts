/** Curators manage sources in the app: add by URL with auto-discovery (a real local HTTP server), pause, delete. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { makeNetwork, type Network } from './fixture.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulletin épidémio</title><link>http://x/</link>
<item><guid>a1</guid><title>First</title><link>http://x/a1</link></item></channel></rss>`;

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><base href="/feeds/"><link rel="alternate" type="application/rss+xml" href="bulletin.xml"></head><body>Hi</body></html>`);
    } else if (req.url === '/feeds/bulletin.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS);
    } else if (req.url === '/plain') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>No feed here</body></html>');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let net: Network;
afterEach(() => net.close());

describe('sources managed in the app', () => {
  it('adds a source from a page advertising its feed, marked as coming from the app', async () => {
    net = await makeNetwork();
    const added = await call(net.app, 'POST', '/api/v1/sources', { as: net.users.curator, body: { url: `${base}/page`, topic: 'sante' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ created: true, feedUrl: `${base}/feeds/bulletin.xml`, discoveredFrom: `${base}/page` });
    const listed = (await call(net.app, 'GET', '/api/v1/sources')).body.sources.find((s: any) => s.slug === added.body.source);
    expect(listed).toMatchObject({ name: 'Bulletin épidémio', url: `${base}/feeds/bulletin.xml`, topics: ['sante'], origin: 'app', enabled: true });
    expect((await call(net.app, 'GET', '/api/v1/sources')).body.sources.find((s: any) => s.slug === 'who').origin).toBe('file');
    // The same feed again is not a second source.
    const again = await call(net.app, 'POST', '/api/v1/sources', { as: net.users.curator, body: { url: `${base}/feeds/bulletin.xml`, topic: 'sante' } });
    expect(again).toMatchObject({ status: 200, body: { created: false, source: added.body.source } });
    // A page with no feed is refused with a sentence naming the URL.
    const none = await call(net.app, 'POST', '/api/v1/sources', { as: net.users.curator, body: { url: `${base}/plain`, topic: 'sante' } });
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({ code: 'no_feed', field: 'url' });
    // A curator of sante cannot add to climat.
    expect((await call(net.app, 'POST', '/api/v1/sources', { as: net.users.curator, body: { url: `${base}/page`, topic: 'climat' } })).status).toBe(403);
  });

  it('pauses, and deletes keeping the items someone curated; feeds.yaml sources are changed in the file', async () => {
    net = await makeNetwork();
    const { curator } = net.users;
    const slug = (await call(net.app, 'POST', '/api/v1/sources', { as: curator, body: { url: `${base}/page`, topic: 'sante' } })).body.source;
    const paused = await call(net.app, 'PATCH', `/api/v1/sources/${slug}`, { as: curator, body: { enabled: false } });
    expect(paused.body).toEqual({ source: slug, enabled: false });
    expect((await call(net.app, 'GET', '/api/v1/sources')).body.sources.find((s: any) => s.slug === slug).enabled).toBe(false);

    const sourceId = net.deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
    const { keyItems } = await import('../../src/ingest/dedupe.js');
    const { newsItem } = await import('./fixture.js');
    net.deps.store.store(sourceId, keyItems([newsItem(1, 'b.example'), newsItem(2, 'b.example')], true), Date.now(), true);
    const [kept, dropped] = net.deps.sqlite.prepare(`SELECT id FROM items WHERE source_id = ? ORDER BY id`).pluck().all(sourceId) as number[];
    await call(net.app, 'POST', `/api/v1/items/${kept}/tags`, { as: curator, body: { tags: ['keep'] } });

    const deleted = await call(net.app, 'DELETE', `/api/v1/sources/${slug}`, { as: curator });
    expect(deleted.body).toEqual({ source: slug, removedItems: 1, keptItems: 1 });
    expect((await call(net.app, 'GET', '/api/v1/sources')).body.sources.map((s: any) => s.slug)).not.toContain(slug);
    const ids = (await call(net.app, 'GET', `/api/v1/items?source=${slug}`)).body.items.map((i: any) => i.id);
    expect(ids).toEqual([kept]);
    expect((await call(net.app, 'GET', `/api/v1/items/${kept}/history`, { as: curator })).body.history.map((e: any) => e.action)).toEqual(['tag.add']);
    expect(net.deps.sqlite.prepare(`SELECT op FROM outbox WHERE entity_id = ? ORDER BY id DESC LIMIT 1`).pluck().get(dropped)).toBe('delete');

    expect((await call(net.app, 'PATCH', '/api/v1/sources/who', { as: curator, body: { enabled: false } })).body.error.code).toBe('declared_in_file');
    expect((await call(net.app, 'DELETE', '/api/v1/sources/who', { as: net.users.admin })).status).toBe(409);
  });
});
