/** `vigie parse` as a user runs it: files and URLs served by a real local HTTP server (charset, Content-Location). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigie } from '../helpers/cli.js';

const FIX = join(import.meta.dirname, '../fixtures/feeds');
const latin1Feed = iconv.encode('<rss version="2.0"><channel><title>Actualités</title><item><title>Été</title><link>/relative/post?utm_source=x</link></item></channel></rss>', 'latin1');

let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/latin1') {
      res.setHeader('content-type', 'application/rss+xml; charset=iso-8859-1');
      res.setHeader('content-location', 'https://publisher.example/news/');
      return res.end(latin1Feed);
    }
    if (req.url === '/unsafe-location') {
      res.setHeader('content-type', 'text/xml; charset=iso-8859-1');
      res.setHeader('content-location', "javascript:alert('x')");
      return res.end(latin1Feed);
    }
    if (req.url === '/content-language') {
      res.setHeader('content-type', 'application/atom+xml');
      res.setHeader('content-language', 'en-GB, fr');
      return res.end('<feed xmlns="http://www.w3.org/2005/Atom"><title>Untagged</title><entry><id>e1</id><title>Entry</title></entry><entry xml:lang="de"><id>e2</id><title>Eintrag</title></entry></feed>');
    }
    if (req.url === '/html') {
      res.setHeader('content-type', 'text/html');
      return res.end('<!doctype html><html><body>Moved</body></html>');
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('vigie parse', () => {
  it('prints the normalised feed of a file as JSON', async () => {
    const r = await vigie(['parse', join(FIX, 'miniflux/parser/small_atom.xml'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { feed: Record<string, unknown>; items: Array<Record<string, unknown>> };
    expect(Object.keys(out.feed)).toEqual(['title', 'link', 'description', 'language']);
    expect(Object.keys(out.items[0]!).sort()).toEqual(['author', 'canonicalUrl', 'categories', 'contentHtml', 'contentText', 'enclosures', 'guid', 'lang', 'published', 'summary', 'title', 'url'].sort());
    expect(out.feed.title).toBe('Recent Commits to v2:main');
  });

  it('prints a short listing without --json', async () => {
    const r = await vigie(['parse', join(FIX, 'miniflux/parser/small_atom.xml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Recent Commits to v2:main {2}\[atom, en-US\]/);
    expect(r.stdout).toMatch(/\d+ item\(s\)/);
  });

  it("gives a fetched feed that declares no language the server's Content-Language (its first tag)", async () => {
    const r = await vigie(['parse', `${origin}/content-language`, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { feed: { language: string | null }; items: Array<{ lang: string | null }> };
    expect(out.feed.language).toBe('en-GB');
    expect(out.items.map((i) => i.lang)).toEqual(['en-GB', 'de']);
  });

  it('fetches a URL honouring the HTTP charset and Content-Location', async () => {
    const r = await vigie(['parse', `${origin}/latin1`, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { feed: { title: string }; items: Array<{ title: string; url: string; canonicalUrl: string }> };
    expect(out.feed.title).toBe('Actualités');
    expect(out.items[0]).toMatchObject({ title: 'Été', url: 'https://publisher.example/relative/post?utm_source=x', canonicalUrl: 'https://publisher.example/relative/post' });
  });

  it('ignores an unsafe Content-Location and resolves against the URL instead', async () => {
    const r = await vigie(['parse', `${origin}/unsafe-location`, '--json']);
    const out = JSON.parse(r.stdout) as { items: Array<{ url: string }> };
    expect(out.items[0]!.url).toBe(`${origin}/relative/post?utm_source=x`);
  });

  it.each([
    ['an HTML page', () => `${origin}/html`, /not a feed/],
    ['a 404', () => `${origin}/missing`, /404/],
    ['a missing file', () => join(FIX, 'nope.xml'), /cannot read/],
  ])('exits 1 with a clear error for %s', async (_name, target, message) => {
    const r = await vigie(['parse', target(), '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error/);
    expect(r.stderr).toMatch(message);
  });

  it('rejects bad usage with exit code 2', async () => {
    const r = await vigie(['parse']);
    expect(r.code).toBe(2);
  });
});
