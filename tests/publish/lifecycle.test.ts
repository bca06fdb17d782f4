import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { makePublishNet, type PublishNet } from './fixture.js';
import { readJsonFeed, readStrictXml, readWithRssParser } from './validate.js';

const FORMATS = ['rss', 'atom', 'json'] as const;

/** The ids present in a topic's three feeds and on its page. */
async function published(n: PublishNet, topic = 'sante') {
  const rss = await readWithRssParser(await (await n.get(`/t/${topic}/feed.rss`)).text());
  const atom = readStrictXml(await (await n.get(`/t/${topic}/feed.atom`)).text()).feed;
  const json = readJsonFeed(await (await n.get(`/t/${topic}/feed.json`)).text());
  const page = await (await n.get(`/t/${topic}`)).text();
  return {
    rss: rss.items.map((i) => i.link),
    atom: (atom.entry ?? []).map((e: any) => e.link.find((l: any) => l['@_rel'] === 'alternate')['@_href']),
    json: json.items.map((i: any) => i.external_url),
    page,
  };
}

describe('approval and unpublishing', () => {
  let n: PublishNet;
  beforeAll(async () => {
    n = await makePublishNet();
  });
  afterAll(() => n.close());

  it('approving puts the item in the three feeds and the page at the next request; unpublishing takes it out', async () => {
    const item = n.items.who[2]!;
    const url = 'https://who.example/article/3?a=1&b=2';
    const before = await published(n);
    expect(before.json).not.toContain(url);

    await n.approve(item, 'À lire');
    const after = await published(n);
    expect(after.rss).toContain(url);
    expect(after.atom).toContain(url);
    expect(after.json).toContain(url);
    expect(after.page).toContain(`/t/sante/i/${item}`);
    expect((await n.get(`/t/sante/i/${item}`)).status).toBe(200);

    await n.unpublish(item);
    const gone = await published(n);
    expect(gone.rss).not.toContain(url);
    expect(gone.atom).not.toContain(url);
    expect(gone.json).not.toContain(url);
    expect(gone.page).not.toContain(`/t/sante/i/${item}`);
    expect((await n.get(`/t/sante/i/${item}`)).status).toBe(404);
    expect(await (await n.get('/sitemap.xml')).text()).not.toContain(`/t/sante/i/${item}`);
    // Emptied feeds keep a valid structure.
    for (const f of FORMATS) {
      const body = await (await n.get(`/t/sante/feed.${f}`)).text();
      if (f === 'json') expect(readJsonFeed(body).items).toEqual([]);
      else readStrictXml(body);
    }
  });

  it('answers conditional GETs with 304 until publication changes, for feeds and pages', async () => {
    await n.approve(n.items.who[0]!);
    for (const path of ['/t/sante/feed.rss', '/t/sante/feed.atom', '/t/sante/feed.json', '/public/feed.atom', '/t/sante', '/public', '/sitemap.xml']) {
      const first = await n.get(path);
      expect(first.status, path).toBe(200);
      await first.arrayBuffer();
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      expect(first.headers.get('cache-control')).toBe('public, no-cache');

      const again = await n.get(path, { 'if-none-match': etag });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect((await n.get(path, { 'if-modified-since': lastModified })).status, path).toBe(304);
      expect((await n.get(path, { 'if-none-match': '"stale"' })).status, path).toBe(200);
    }

    const head = await fetch(`${n.url}/t/sante/feed.rss`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toMatch(/^"/);
    expect(await head.text()).toBe('');

    const feed = await n.get('/t/sante/feed.json');
    const etag = feed.headers.get('etag')!;
    const lastModified = feed.headers.get('last-modified')!;
    await n.unpublish(n.items.who[0]!);
    const changed = await n.get('/t/sante/feed.json', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    // A removal moves Last-Modified forward too, so date-only clients see it.
    expect((await n.get('/t/sante/feed.json', { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('keeps item ids when PUBLIC_URL changes, and they are not derived from the source guid', async () => {
    await n.approve(n.items.who[1]!);
    const ids = readJsonFeed(await (await n.get('/t/sante/feed.json')).text()).items.map((i: any) => i.id);
    const moved = createApp({ ...n.deps, config: Object.freeze({ ...n.deps.config, publicUrl: 'https://other.example.net' }) });
    const res = await moved.request('/t/sante/feed.json');
    const doc = readJsonFeed(await res.text());
    expect(doc.feed_url).toBe('https://other.example.net/t/sante/feed.json');
    expect(doc.items.map((i: any) => i.id)).toEqual(ids);
  });
});

describe('WebSub', () => {
  let n: PublishNet;
  let hub: ReturnType<typeof createServer>;
  const pings: { url: string; contentType: string | undefined }[] = [];
  let waiters: (() => void)[] = [];

  beforeAll(async () => {
    hub = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('hub.mode') === 'publish') pings.push({ url: form.get('hub.url')!, contentType: req.headers['content-type'] });
        res.writeHead(204).end();
        for (const w of waiters) w();
        waiters = [];
      });
    });
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
    n = await makePublishNet({ WEBSUB_HUB: `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub` });
  });
  afterAll(async () => {
    await n.close();
    await new Promise((r) => hub.close(r));
  });

  const waitFor = async (pred: () => boolean) => {
    while (!pred()) await new Promise<void>((r) => waiters.push(r));
  };

  it('pings the hub with the changed feeds on publish and on unpublish', async () => {
    await n.approve(n.items.who[0]!);
    const topicFeeds = ['rss', 'atom', 'json'].map((f) => `https://veille.example.org/t/sante/feed.${f}`);
    await waitFor(() => topicFeeds.every((u) => pings.some((p) => p.url === u)));
    expect(pings.map((p) => p.url)).toContain('https://veille.example.org/public/feed.atom');
    expect(pings[0]!.contentType).toBe('application/x-www-form-urlencoded');

    pings.length = 0;
    await n.unpublish(n.items.who[0]!);
    await waitFor(() => topicFeeds.every((u) => pings.some((p) => p.url === u)));
    // The feeds advertise the hub.
    const atom = readStrictXml(await (await n.get('/t/sante/feed.atom')).text()).feed;
    expect(atom.link.find((l: any) => l['@_rel'] === 'hub')['@_href']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hub$/);
  });

  it('never fails an approval when the hub is down', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = await makePublishNet({ WEBSUB_HUB: `http://127.0.0.1:${port}/hub` });
    try {
      await down.approve(down.items.who[0]!);
      const doc = readJsonFeed(await (await down.get('/t/sante/feed.json')).text());
      expect(doc.items).toHaveLength(1);
    } finally {
      await down.close();
    }
  });
});
