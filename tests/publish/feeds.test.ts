import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePublishNet, HOSTILE_TITLE, type PublishNet } from './fixture.js';
import { expectedText, readJsonFeed, readStrictXml, readWithRssParser, RFC3339, RFC822, URN_UUID } from './validate.js';

const BASE = 'https://veille.example.org';

describe('feeds of a public topic', () => {
  let n: PublishNet;
  beforeAll(async () => {
    n = await makePublishNet({ WEBSUB_HUB: 'http://127.0.0.1:9/hub' });
    await n.approve(n.items.who[0]!, 'Pourquoi c’est important :\n\nun <b>avis</b> & ]]> fin');
    await n.approve(n.items.who[1]!);
    await n.approve(n.items.memo[0]!, 'private topic: must never show');
    const ann = await n.api('POST', `/api/v1/items/${n.items.who[1]}/annotations`, { body: 'Public **context** [link](/relative/path)', visibility: 'public' });
    expect(ann.status).toBe(201);
    const priv = await n.api('POST', `/api/v1/items/${n.items.who[1]}/annotations`, { body: 'internal remark only', visibility: 'topic' });
    expect(priv.status).toBe(201);
  });
  afterAll(() => n.close());

  it('RSS 2.0 reads back with rss-parser and a strict XML parser, with required elements and RFC 822 dates', async () => {
    const res = await n.get('/t/sante/feed.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const body = await res.text();
    const doc = readStrictXml(body);
    const ch = doc.rss.channel;
    expect(doc.rss['@_version']).toBe('2.0');
    expect(ch.title).toBe('Santé publique');
    expect(ch.link).toEqual([`${BASE}/t/sante`]);
    expect(ch.description).toBe('Veille santé & environnement');
    expect(ch.lastBuildDate).toMatch(RFC822);
    const links = ch['atom:link'] as any[];
    expect(links.find((l) => l['@_rel'] === 'self')['@_href']).toBe(`${BASE}/t/sante/feed.rss`);
    expect(links.find((l) => l['@_rel'] === 'hub')['@_href']).toBe('http://127.0.0.1:9/hub');
    expect(ch.item).toHaveLength(2);
    for (const item of ch.item) {
      expect(item.guid['@_isPermaLink']).toBe('false');
      expect(item.guid['#text']).toMatch(URN_UUID);
      expect(item.pubDate).toMatch(RFC822);
      expect(item.link[0]).toMatch(/^https:\/\/who\.example\/article\/\d\?a=1&b=2$/);
      expect(item.source['@_url']).toBe('https://who.example/feed.xml');
      expect(item.source['#text']).toBe('W.H.O. <News>');
    }

    const parsed = await readWithRssParser(body);
    expect(parsed.title).toBe('Santé publique');
    expect(parsed.items.map((i) => i.title)).toContain(expectedText(HOSTILE_TITLE));
    expect(body).not.toContain('private topic');
    expect(body).not.toContain('internal remark');
  });

  it('Atom 1.0 reads back with both parsers, with ids, RFC 3339 dates, self, alternate and hub links', async () => {
    const body = await (await n.get('/t/sante/feed.atom')).text();
    const feed = readStrictXml(body).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toMatch(URN_UUID);
    expect(feed.updated).toMatch(RFC3339);
    const rel = (links: any[], r: string) => links.find((l) => l['@_rel'] === r)?.['@_href'];
    expect(rel(feed.link, 'self')).toBe(`${BASE}/t/sante/feed.atom`);
    expect(rel(feed.link, 'alternate')).toBe(`${BASE}/t/sante`);
    expect(rel(feed.link, 'hub')).toBe('http://127.0.0.1:9/hub');
    expect(feed.entry).toHaveLength(2);
    for (const e of feed.entry) {
      expect(e.id).toMatch(URN_UUID);
      expect(e.updated).toMatch(RFC3339);
      expect(e.published).toMatch(RFC3339);
      expect(e.author.name).toBeTruthy();
      expect(rel(e.link, 'related')).toMatch(new RegExp(`^${BASE}/t/sante/i/\\d+$`));
      expect(e.content['@_type']).toBe('html');
    }
    const parsed = await readWithRssParser(body);
    const hostile = parsed.items.find((i) => i.title === expectedText(HOSTILE_TITLE));
    expect(hostile).toBeDefined();
    expect(hostile!.id).toMatch(URN_UUID);
  });

  it('JSON Feed 1.1 passes its schema, with the hub, absolute URLs and the original as external_url', async () => {
    const res = await n.get('/t/sante/feed.json');
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const doc = readJsonFeed(await res.text());
    expect(doc.feed_url).toBe(`${BASE}/t/sante/feed.json`);
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: 'http://127.0.0.1:9/hub' }]);
    expect(doc.items).toHaveLength(2);
    const hostile = doc.items.find((i: any) => i.external_url === 'https://who.example/article/1?a=1&b=2');
    expect(hostile.title).toBe(expectedText(HOSTILE_TITLE));
    expect(hostile.id).toMatch(URN_UUID);
    expect(hostile.url).toBe(`${BASE}/t/sante/i/${n.items.who[0]}`);
    expect(hostile.authors).toEqual([{ name: 'Dr <b>Ève</b> & co' }]);
    for (const i of doc.items) expect(i.date_published).toMatch(RFC3339);
  });

  it("entries carry the curator's note and public annotations, sanitised with absolute links, never internal ones", async () => {
    const doc = readJsonFeed(await (await n.get('/t/sante/feed.json')).text());
    const noted = doc.items.find((i: any) => i.external_url.includes('/article/1'));
    expect(noted.content_html).toContain('Pourquoi c’est important');
    expect(noted.content_html).toContain('un &lt;b&gt;avis&lt;/b&gt; &amp; ]]&gt; fin');
    expect(noted.content_html).not.toMatch(/<script|<b>/);
    const annotated = doc.items.find((i: any) => i.external_url.includes('/article/2'));
    expect(annotated.content_html).toContain('<strong>context</strong>');
    expect(annotated.content_html).toContain(`href="${BASE}/relative/path"`);
    expect(annotated.content_html).toContain('Claire Curatrice');
    expect(annotated.content_html).not.toContain('internal remark');
    // Attribution to the original source and author.
    expect(annotated.content_html).toContain('W.H.O. &lt;News&gt;');
    expect(annotated.content_html).toContain('Author 2');
  });

  it('the ids are Vigie’s own: the same item keeps the same urn:uuid in every format, never the source guid', async () => {
    const rss = readStrictXml(await (await n.get('/t/sante/feed.rss')).text()).rss.channel.item.map((i: any) => i.guid['#text']);
    const atom = readStrictXml(await (await n.get('/t/sante/feed.atom')).text()).feed.entry.map((e: any) => e.id);
    const json = readJsonFeed(await (await n.get('/t/sante/feed.json')).text()).items.map((i: any) => i.id);
    expect(atom).toEqual(rss);
    expect(json).toEqual(rss);
    for (const id of rss) expect(id).not.toContain('who.example');
  });

  it('the network feed has every public topic’s approved items and nothing of a members-only topic', async () => {
    await n.approve(n.items.meteo[0]!);
    const doc = readJsonFeed(await (await n.get('/public/feed.json')).text());
    const urls = doc.items.map((i: any) => i.external_url as string);
    expect(urls.some((u: string) => u.startsWith('https://meteo.example/'))).toBe(true);
    expect(urls.some((u: string) => u.startsWith('https://who.example/'))).toBe(true);
    expect(urls.some((u: string) => u.startsWith('https://memo.example/'))).toBe(false);
    readStrictXml(await (await n.get('/public/feed.rss')).text());
    readStrictXml(await (await n.get('/public/feed.atom')).text());
    expect((await n.get('/t/interne/feed.rss')).status).toBe(404);
    expect((await n.get('/t/nope/feed.atom')).status).toBe(404);
  });

  it('per-tag feeds hold the approved items carrying the tag', async () => {
    const tagged = await n.api('POST', `/api/v1/items/${n.items.who[1]}/tags`, { tags: ['Qualité de l’air'] });
    expect(tagged.status).toBe(200);
    const path = `/t/sante/tags/${encodeURIComponent('qualité de l’air')}/feed`;
    const json = readJsonFeed(await (await n.get(`${path}.json`)).text());
    expect(json.items.map((i: any) => i.external_url)).toEqual(['https://who.example/article/2?a=1&b=2']);
    expect(json.items[0].tags).toEqual(['qualité de l’air']);
    const rss = await readWithRssParser(await (await n.get(`${path}.rss`)).text());
    expect(rss.items).toHaveLength(1);
    const atom = readStrictXml(await (await n.get(`${path}.atom`)).text()).feed;
    expect(atom.entry[0].category[0]['@_term']).toBe('qualité de l’air');
    expect((await n.get('/t/sante/tags/unknown/feed.rss')).status).toBe(404);
  });

  it('follows the visitor’s language for labels (Accept-Language or ?lang)', async () => {
    const en = readJsonFeed(await (await n.get('/t/sante/feed.json', { 'accept-language': 'en-GB,en;q=0.9' })).text());
    expect(en.language).toBe('en');
    expect(en.items.find((i: any) => i.external_url.includes('/article/1')).content_html).toContain("Curator's note");
    const fr = readJsonFeed(await (await n.get('/t/sante/feed.json?lang=fr', { 'accept-language': 'en' })).text());
    expect(fr.items.find((i: any) => i.external_url.includes('/article/1')).content_html).toContain('Note du curateur');
  });
});
