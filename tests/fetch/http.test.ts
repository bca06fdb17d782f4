import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, defaultFetcherOptions, type Fetcher } from '../../src/fetch/http.js';
import type { FetchResult } from '../../src/fetch/types.js';
import { redirectChain, respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/fetch');
const heraldsun = readFileSync(join(FIXTURES, 'heraldsun.rss'));
const guardian = readFileSync(join(FIXTURES, 'guardian.rss'));
const MiB = 1024 * 1024;

let srv: FeedServer;
let gz: FeedServer;
let fetcher: Fetcher;

function expectFailure(r: FetchResult) {
  if (r.ok) throw new Error(`expected a failure, got HTTP ${r.status}`);
  return r;
}
function expectBody(r: FetchResult) {
  if (!r.ok || r.notModified) throw new Error(`expected a body, got ${JSON.stringify(r)}`);
  return r;
}

beforeAll(async () => {
  srv = await startFeedServer({
    root: FIXTURES,
    files: { '/index.html': '<!doctype html><html><head><title>Not a feed</title></head><body>Hello</body></html>' },
    routes: {
      '/404.xml': respond.status(404),
      '/410.xml': respond.status(410),
      '/500.xml': respond.status(500),
      '/429.xml': respond.status(429, { headers: { 'retry-after': '120' } }),
      '/429-bare.xml': respond.status(429),
      '/503-date.xml': respond.status(503, { headers: { 'retry-after': 'Wed, 21 Oct 2065 07:28:00 GMT', date: 'Wed, 21 Oct 2065 07:18:00 GMT' } }),
      '/503.xml': respond.status(503),
      '/empty.xml': respond.body('', 'application/rss+xml'),
      '/html.xml': respond.body('<html><body>Sorry, we moved</body></html>'),
      '/hinted.xml': respond.body(heraldsun, 'application/rss+xml; charset=utf-8', { 'cache-control': 'public, max-age=900', 'content-location': '/canonical/feed.rss' }),
      '/huge.xml': respond.endless({ contentLength: 2 * 1024 * MiB }),
      '/endless.xml': respond.endless(),
      '/bomb.xml': respond.compressionBomb({ decompressedBytes: 64 * MiB }),
      '/bomb-br.xml': respond.compressionBomb({ decompressedBytes: 64 * MiB, encoding: 'br' }),
      '/corrupt.xml': respond.corruptEncoding('gzip'),
      '/br.xml': respond.body(brotliCompressSync(heraldsun), 'application/rss+xml', { 'content-encoding': 'br' }),
      '/deflate.xml': respond.body(deflateSync(heraldsun), 'application/rss+xml', { 'content-encoding': 'deflate' }),
      '/raw-deflate.xml': respond.body(deflateRawSync(heraldsun), 'application/rss+xml', { 'content-encoding': 'deflate' }),
      '/gzip-in-gzip.xml': respond.body(gzipSync(gzipSync(heraldsun)), 'application/rss+xml', { 'content-encoding': 'gzip, gzip' }),
      '/compress.xml': respond.body(heraldsun, 'application/rss+xml', { 'content-encoding': 'compress' }),
      '/drip.xml': respond.slowDrip({ intervalMs: 50 }),
      '/hang.xml': () => {}, // accepts the request, never answers
      '/loop-a': respond.redirect('/loop-b', 301),
      '/loop-b': respond.redirect('/loop-a', 301),
      '/self': respond.redirect('/self'),
      '/to-ftp': respond.redirect('ftp://example.org/feed.xml'),
      '/no-location': respond.status(302),
      ...redirectChain('/short', 3, '/heraldsun.rss', 301),
      ...redirectChain('/long', 7, '/heraldsun.rss'),
    },
  });
  gz = await startFeedServer({ root: FIXTURES, gzip: true });
  fetcher = createFetcher({ allowPrivateHosts: true, timeoutMs: 5_000, maxBytes: 2 * MiB });
});

afterAll(async () => {
  await fetcher.close();
  await srv.close();
  await gz.close();
});

describe('fetching a feed', () => {
  it('returns the bytes, validators and content type, naming Vigie in the User-Agent', async () => {
    const r = expectBody(await fetcher.fetch({ url: `${srv.url}/heraldsun.rss` }));
    expect(r.status).toBe(200);
    expect(r.body.equals(heraldsun)).toBe(true);
    expect(r.contentType).toBe('application/rss+xml');
    expect(r.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(r.lastModified).toMatch(/GMT$/);
    expect(r.finalUrl).toBe(`${srv.url}/heraldsun.rss`);
    const sent = srv.lastHeaders('/heraldsun.rss')!;
    expect(sent['user-agent']).toMatch(/^Vigie\/\d+\.\d+\.\d+ /);
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
    expect(defaultFetcherOptions).toMatchObject({ timeoutMs: 20_000, maxBytes: 10 * MiB, maxRedirects: 5, perHostConcurrency: 2 });
  });

  it('sends conditional headers and reports 304 as not modified without a body', async () => {
    const first = expectBody(await fetcher.fetch({ url: `${srv.url}/guardian.rss` }));
    const byEtag = await fetcher.fetch({ url: `${srv.url}/guardian.rss`, etag: first.etag });
    expect(byEtag).toMatchObject({ ok: true, notModified: true, status: 304, etag: first.etag });
    expect(byEtag).not.toHaveProperty('body');
    const byDate = await fetcher.fetch({ url: `${srv.url}/guardian.rss`, lastModified: first.lastModified });
    expect(byDate).toMatchObject({ ok: true, notModified: true, lastModified: first.lastModified });
    expect(srv.notModified('/guardian.rss')).toBe(2);
    expect(srv.lastHeaders('/guardian.rss')!['if-modified-since']).toBe(first.lastModified);
    const stale = expectBody(await fetcher.fetch({ url: `${srv.url}/guardian.rss`, etag: '"stale"' }));
    expect(stale.body.equals(guardian)).toBe(true);
  });

  it('sees a changed feed after a 304', async () => {
    srv.setFile('/live.xml', '<rss version="2.0"><channel><title>v1</title></channel></rss>');
    const v1 = expectBody(await fetcher.fetch({ url: `${srv.url}/live.xml` }));
    srv.setFile('/live.xml', '<rss version="2.0"><channel><title>v2</title></channel></rss>');
    const v2 = expectBody(await fetcher.fetch({ url: `${srv.url}/live.xml`, etag: v1.etag }));
    expect(v2.body.toString()).toContain('v2');
    expect(v2.etag).not.toBe(v1.etag);
  });

  it.each([
    ['gzip', `/guardian.rss`],
    ['br', '/br.xml'],
    ['deflate (zlib)', '/deflate.xml'],
    ['deflate (raw)', '/raw-deflate.xml'],
    ['gzip twice', '/gzip-in-gzip.xml'],
  ])('decodes %s bodies', async (_name, path) => {
    const base = path === '/guardian.rss' ? gz.url : srv.url;
    const r = expectBody(await fetcher.fetch({ url: `${base}${path}` }));
    expect(r.body.equals(path === '/guardian.rss' ? guardian : heraldsun)).toBe(true);
  });

  it('returns Cache-Control max-age and the absolute Content-Location', async () => {
    const r = expectBody(await fetcher.fetch({ url: `${srv.url}/hinted.xml` }));
    expect(r.maxAgeMs).toBe(900_000);
    expect(r.contentLocation).toBe(`${srv.url}/canonical/feed.rss`);
    expect(r.contentType).toBe('application/rss+xml; charset=utf-8');
  });

  it('passes an empty 200 and an HTML page through for the parser to judge', async () => {
    const empty = expectBody(await fetcher.fetch({ url: `${srv.url}/empty.xml` }));
    expect(empty.body.length).toBe(0);
    const html = expectBody(await fetcher.fetch({ url: `${srv.url}/html.xml` }));
    expect(html.contentType).toContain('text/html');
    expect(html.body.toString()).toContain('Sorry');
  });

  it('follows a short redirect chain and reports the final URL', async () => {
    const r = expectBody(await fetcher.fetch({ url: `${srv.url}/short/0` }));
    expect(r.finalUrl).toBe(`${srv.url}/heraldsun.rss`);
    expect(r.body.equals(heraldsun)).toBe(true);
  });
});

describe('bad responses come back as values', () => {
  it.each([
    [404, '/404.xml', /Not Found/],
    [410, '/410.xml', /Gone/],
    [500, '/500.xml', /Internal Server Error/],
    [503, '/503.xml', /Service Unavailable/],
  ])('HTTP %i → http_status naming the URL', async (status, path, words) => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}${path}` }));
    expect(r).toMatchObject({ kind: 'http_status', status });
    expect(r.detail).toContain(`${srv.url}${path}`);
    expect(r.detail).toMatch(words);
  });

  it('429 with Retry-After seconds → rate_limited with the wait', async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/429.xml` }));
    expect(r).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 120_000 });
    expect(r.detail).toMatch(/wait 120 s/);
  });

  it('429 without Retry-After → rate_limited; 503 with an HTTP-date Retry-After → rate_limited', async () => {
    const bare = expectFailure(await fetcher.fetch({ url: `${srv.url}/429-bare.xml` }));
    expect(bare.kind).toBe('rate_limited');
    expect(bare.retryAfterMs).toBeUndefined();
    const dated = expectFailure(await fetcher.fetch({ url: `${srv.url}/503-date.xml` }));
    expect(dated).toMatchObject({ kind: 'rate_limited', status: 503, retryAfterMs: 600_000 });
  });

  it('a 2 GB response is refused from its Content-Length', async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/huge.xml` }));
    expect(r.kind).toBe('too_large');
    expect(r.detail).toMatch(/2\.0 GiB, over the 2\.0 MiB limit/);
  });

  it('an endless body without Content-Length stops at the cap', async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/endless.xml` }));
    expect(r.kind).toBe('too_large');
    expect(r.detail).toMatch(/larger than the 2\.0 MiB limit/);
  });

  it.each(['/bomb.xml', '/bomb-br.xml'])('a compression bomb (%s) stops at the cap on decompressed bytes', async (path) => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}${path}` }));
    expect(r.kind).toBe('too_large');
    expect(r.detail).toMatch(/decompresses to more than the 2\.0 MiB limit/);
  });

  it('a corrupt or unsupported encoding → decompression', async () => {
    expect(expectFailure(await fetcher.fetch({ url: `${srv.url}/corrupt.xml` })).kind).toBe('decompression');
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/compress.xml` }));
    expect(r.kind).toBe('decompression');
    expect(r.detail).toMatch(/unsupported content encoding \(compress\)/);
  });

  it('a redirect loop → too_many_redirects, named as a loop', async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/loop-a` }));
    expect(r.kind).toBe('too_many_redirects');
    expect(r.detail).toMatch(/redirect loop/);
    expect(expectFailure(await fetcher.fetch({ url: `${srv.url}/self` })).kind).toBe('too_many_redirects');
  });

  it('more redirects than allowed → too_many_redirects', async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/long/0` }));
    expect(r.kind).toBe('too_many_redirects');
    expect(r.detail).toMatch(/more than 5 times/);
    expect(srv.requests('/long/5')).toBe(1);
    expect(srv.requests('/long/6')).toBe(0);
    expect(expectBody(await fetcher.fetch({ url: `${srv.url}/long/0`, maxRedirects: 7 })).finalUrl).toBe(`${srv.url}/heraldsun.rss`);
  });

  it('a redirect to another scheme or without Location is refused', async () => {
    expect(expectFailure(await fetcher.fetch({ url: `${srv.url}/to-ftp` })).kind).toBe('invalid_url');
    expect(expectFailure(await fetcher.fetch({ url: `${srv.url}/no-location` }))).toMatchObject({ kind: 'http_status', status: 302 });
  });

  it('a slow drip is stopped by the total deadline', { timeout: 10_000 }, async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/drip.xml`, timeoutMs: 1_000 }));
    expect(r.kind).toBe('timeout');
    expect(r.detail).toMatch(/did not finish within 1 s/);
  });

  it('a server that never answers is stopped by the deadline', { timeout: 10_000 }, async () => {
    const r = expectFailure(await fetcher.fetch({ url: `${srv.url}/hang.xml`, timeoutMs: 500 }));
    expect(r.kind).toBe('timeout');
  });

  it('a caller abort stops the fetch', { timeout: 10_000 }, async () => {
    const ac = new AbortController();
    const pending = fetcher.fetch({ url: `${srv.url}/hang.xml`, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const r = expectFailure(await pending);
    expect(r.detail).toMatch(/cancelled/);
  });

  it('invalid URLs and refused connections are values too', async () => {
    expect(expectFailure(await fetcher.fetch({ url: 'not a url' })).kind).toBe('invalid_url');
    expect(expectFailure(await fetcher.fetch({ url: 'file:///etc/passwd' })).kind).toBe('invalid_url');
    const closed = await startFeedServer();
    const url = `${closed.url}/feed.xml`;
    await closed.close();
    const r = expectFailure(await fetcher.fetch({ url }));
    expect(r.kind).toBe('network');
    expect(r.detail).toMatch(/refused the connection/);
  });
});
