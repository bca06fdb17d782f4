/**
 * Feed discovery over Mark Pilgrim's Atom autodiscovery suite (tests/fixtures/html/feed-discovery, from the W3C
 * feedvalidator archive): relative and <base>-relative hrefs, uppercase types, extra rel tokens, entities, UTF-16.
 * Pages and feeds are served on 127.0.0.1; the hosts the archived pages name are mapped onto that server by the
 * fetch function handed to discovery (a test double for DNS, nothing else).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/http.js';
import type { FetchRequest } from '../../src/fetch/types.js';
import { parseFeed } from '../../src/parse/index.js';
import { decodeBody } from '../../src/parse/decode.js';
import { discoverFeeds, findFeedLinks } from '../../src/sources/discover.js';
import { respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const DIR = join(import.meta.dirname, '../fixtures/html/feed-discovery');
const manifest = readFileSync(join(DIR, 'manifest.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { page: string; originalPageUrl: string; description: string; expectedFeedUrlEndsWith: string });

const SUITE = '/tests/client/autodiscovery/';
let server: FeedServer;
const fetcher = createFetcher({ allowPrivateHosts: true });

/** Archived absolute URLs (diveintomark.org through the Wayback Machine, ragingplatypus.com) → the local server. */
function local(url: string): string {
  return url
    .replace(/^https?:\/\/web\.archive\.org\/web\/\d+\/http:\/\/diveintomark\.org/, server.url)
    .replace(/^http:\/\/diveintomark\.org/, server.url)
    .replace(/^http:\/\/www\.ragingplatypus\.com\/tests\/client\/autodiscovery\//, `${server.url}/ragingplatypus/`);
}
const deps = {
  fetch: (req: FetchRequest) => {
    const url = local(req.url);
    if (!url.startsWith(server.url)) return Promise.resolve({ ok: false as const, kind: 'network' as const, detail: `${req.url}: not reachable in tests` });
    return fetcher.fetch({ ...req, url });
  },
  parse: (input: { body: Buffer; contentType?: string | null; url?: string | null }) => parseFeed(input),
};

beforeAll(async () => {
  const files: Record<string, Buffer> = {};
  for (const f of readdirSync(DIR)) if (/\.(html|xml)$/.test(f)) files[SUITE + f] = readFileSync(join(DIR, f));
  for (const f of readdirSync(join(DIR, 'ragingplatypus'))) files[`/ragingplatypus/${f}`] = readFileSync(join(DIR, 'ragingplatypus', f));
  server = await startFeedServer({
    files,
    routes: {
      '/blog/': respond.body('<html><head><title>Blog</title></head><body><a href="/about">About</a></body></html>'),
      '/blog-declared/': respond.body('<html><head><link rel="alternate" type="application/rss+xml" title="Gone" href="/gone.xml"><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>'),
      '/atom.xml': respond.body(readFileSync(join(DIR, 'html4-001.xml')), 'application/atom+xml'),
      '/feed': respond.body(readFileSync(join(DIR, 'html4-003.xml')), 'application/atom+xml'),
      '/gone.xml': respond.status(503),
    },
  });
});
afterAll(async () => {
  await server.close();
  await fetcher.close();
});

describe('findFeedLinks', () => {
  it.each(manifest.map((m) => [m.page, m.description, m] as const))('%s (%s): the declared feed comes first', (_p, _d, m) => {
    const html = decodeBody(readFileSync(join(DIR, m.page))).text;
    const found = findFeedLinks(html, m.originalPageUrl);
    expect(found[0]?.url).toMatch(new RegExp(`${m.expectedFeedUrlEndsWith.replace(/[.]/g, '\\.')}$`));
  });
});

describe('discoverFeeds', () => {
  it('finds and verifies the feed of every page of the suite served over HTTP', async () => {
    const misses: string[] = [];
    for (const m of manifest) {
      const r = await discoverFeeds(`${server.url}${SUITE}${m.page}`, deps);
      const best = r.ok ? r.feeds[0] : undefined;
      if (!best || !best.url.endsWith(m.expectedFeedUrlEndsWith) || (best.verified !== true && /\.xml$/.test(m.expectedFeedUrlEndsWith) && existsFeed(m.page))) {
        misses.push(`${m.page}: ${JSON.stringify(r)}`);
      }
    }
    console.log(`feed discovery: ${manifest.length - misses.length}/${manifest.length} pages`);
    expect(misses).toEqual([]);
  });

  it('lists a declared feed that cannot be fetched now after the verified ones, unverified', async () => {
    const r = await discoverFeeds(`${server.url}/blog-declared/`, deps);
    expect(r).toEqual({
      ok: true,
      feeds: [
        { url: `${server.url}/atom.xml`, type: 'atom', title: expect.any(String), verified: true },
        { url: `${server.url}/gone.xml`, type: 'rss', title: 'Gone', verified: false },
      ],
    });
  });

  it('tries common paths when the page declares nothing, and recognises a URL that is itself a feed', async () => {
    const r = await discoverFeeds(`${server.url}/blog/`, deps);
    expect(r.ok && r.feeds.map((f) => [f.url, f.verified])).toEqual([
      [`${server.url}/feed`, true],
      [`${server.url}/atom.xml`, true],
    ]);
    const self = await discoverFeeds(`${server.url}/atom.xml`, deps);
    expect(self.ok && self.feeds.map((f) => f.url)).toEqual([`${server.url}/atom.xml`]);
  });
});

function existsFeed(page: string): boolean {
  const m = manifest.find((x) => x.page === page)!;
  const name = m.expectedFeedUrlEndsWith.slice(1);
  return readdirSync(DIR).includes(name) || readdirSync(join(DIR, 'ragingplatypus')).includes(name);
}
