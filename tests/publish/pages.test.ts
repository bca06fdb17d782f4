import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { makePublishNet, HOSTILE_TITLE, type PublishNet } from './fixture.js';
import { readStrictXml, URN_UUID } from './validate.js';

const BASE = 'https://veille.example.org';

const dom = (html: string) => parseHTML(html).document;
const meta = (doc: Document, prop: string) => doc.querySelector(`meta[property="${prop}"]`)?.getAttribute('content') ?? null;

describe('public pages', () => {
  let n: PublishNet;
  beforeAll(async () => {
    n = await makePublishNet();
    await n.approve(n.items.who[0]!, 'Une note publique du curateur');
    await n.approve(n.items.memo[0]!);
    expect((await n.api('POST', `/api/v1/items/${n.items.who[0]}/annotations`, { body: 'Annotation **publique**', visibility: 'public' })).status).toBe(201);
    expect((await n.api('POST', `/api/v1/items/${n.items.who[0]}/annotations`, { body: 'Annotation interne', visibility: 'topic' })).status).toBe(201);
    const shown = await (await n.api('POST', `/api/v1/items/${n.items.who[1]}/flags`, { strength: 3, rationale: 'Signal rendu public' })).json();
    expect((await n.api('PATCH', `/api/v1/flags/${shown.flag.id}`, { public: true })).status).toBe(200);
    expect((await n.api('POST', `/api/v1/items/${n.items.who[2]}/flags`, { strength: 1, rationale: 'Signal resté interne' })).status).toBe(201);
  });
  afterAll(() => n.close());

  it('the topic page lists approved items with notes, public annotations, public signals and subscribe links', async () => {
    const res = await n.get('/t/sante', { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    const doc = dom(html);
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(doc.querySelector('h1')!.textContent).toBe('Santé publique');
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`${BASE}/t/sante`);
    expect(doc.querySelector('link[rel="alternate"][type="application/atom+xml"]')!.getAttribute('href')).toBe(`${BASE}/t/sante/feed.atom`);
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining([`${BASE}/t/sante/feed.rss`, `${BASE}/t/sante/feed.json`, `${BASE}/t/sante/sources.opml`, '/digests?topic=sante']),
    );
    expect(doc.querySelectorAll('article.pub-entry')).toHaveLength(1);
    expect(doc.querySelector('article h2')!.textContent).toBe(HOSTILE_TITLE.replace(/[\u0000-\u001f]/g, ''));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Une note publique du curateur');
    expect(html).toContain('Annotation <strong>publique</strong>');
    expect(html).not.toContain('Annotation interne');
    expect(html).toContain('Signal rendu public');
    expect(html).not.toContain('Signal resté interne');
    // The embed code is shown as text to copy.
    expect(html).toContain(`&lt;iframe src=&quot;${BASE}/t/sante/widget&quot;`);
  });

  it('speaks English to an English visitor', async () => {
    const html = await (await n.get('/t/sante', { 'accept-language': 'en-GB,en;q=0.9' })).text();
    expect(dom(html).documentElement.getAttribute('lang')).toBe('en');
    expect(html).toContain('Latest selections');
    expect(dom(html).querySelector('.pub-note strong')!.textContent).toBe("Curator's note");
  });

  it('the item permalink carries Open Graph and a schema.org NewsArticle', async () => {
    const id = n.items.who[0]!;
    const res = await n.get(`/t/sante/i/${id}`);
    expect(res.status).toBe(200);
    const doc = dom(await res.text());
    expect(meta(doc, 'og:type')).toBe('article');
    expect(meta(doc, 'og:url')).toBe(`${BASE}/t/sante/i/${id}`);
    expect(meta(doc, 'og:title')).toBe(HOSTILE_TITLE.replace(/[\u0000-\u001f]/g, ''));
    expect(meta(doc, 'og:description')).toBe('Une note publique du curateur');
    expect(meta(doc, 'article:published_time')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const ld = JSON.parse(scripts[0]!.textContent!);
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld['@id']).toMatch(URN_UUID);
    expect(ld.headline).toContain('<script>alert');
    expect(ld.url).toBe(`${BASE}/t/sante/i/${id}`);
    expect(ld.isBasedOn).toBe('https://who.example/article/1?a=1&b=2');
    expect(ld.author).toEqual({ '@type': 'Person', name: 'Dr <b>Ève</b> & co' });
    expect(new Date(ld.datePublished).toISOString()).toBe(ld.datePublished);
    // The hostile title cannot close the JSON-LD script element.
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelector('a[href="https://who.example/article/1?a=1&b=2"]')).not.toBeNull();
  });

  it('unapproved, members-only and unknown things are 404 pages', async () => {
    expect((await n.get(`/t/sante/i/${n.items.who[2]}`)).status).toBe(404);
    expect((await n.get(`/t/interne/i/${n.items.memo[0]}`)).status).toBe(404);
    expect((await n.get('/t/interne')).status).toBe(404);
    expect((await n.get(`/t/climat/i/${n.items.who[0]}`)).status).toBe(404);
    expect((await n.get('/t/sante/i/abc')).status).toBe(404);
  });

  it('the network home lists public topics only, with their feeds', async () => {
    const doc = dom(await (await n.get('/public')).text());
    const names = [...doc.querySelectorAll('.pub-topics h3')].map((h) => h.textContent);
    expect(names).toEqual(['Climat', 'Santé publique']);
    expect(doc.querySelector('link[rel="alternate"][type="application/rss+xml"]')!.getAttribute('href')).toBe(`${BASE}/public/feed.rss`);
  });

  it('sitemap.xml lists the home, public topics and published permalinks; robots.txt points to it', async () => {
    const xml = await (await n.get('/sitemap.xml')).text();
    const locs = readStrictXml(xml).urlset.url.map((u: any) => u.loc);
    expect(locs).toEqual(expect.arrayContaining([`${BASE}/public`, `${BASE}/t/sante`, `${BASE}/t/climat`, `${BASE}/t/sante/i/${n.items.who[0]}`]));
    expect(locs.join(' ')).not.toContain('interne');
    const robots = await (await n.get('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    expect(robots).toMatch(/^Allow: \/t\/$/m);
    expect(robots).toMatch(/^Disallow: \/$/m);
  });

  it('the widget embeds without cookies, scripts or third-party resources', async () => {
    const res = await n.get('/t/sante/widget?limit=5', { cookie: 'vigie_session=stale' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    const doc = dom(html);
    expect(doc.querySelectorAll('script, img, iframe, link[rel="stylesheet"]')).toHaveLength(0);
    const links = [...doc.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toContain('https://who.example/article/1?a=1&b=2');
    for (const a of links) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    const clean = await n.get('/t/sante/widget');
    expect(clean.headers.get('set-cookie')).toBeNull();
  });

  it("OPML of a topic's sources: public for a public topic, members only otherwise", async () => {
    const res = await n.get('/t/sante/sources.opml');
    expect(res.status).toBe(200);
    const opml = readStrictXml(await res.text()).opml;
    expect(JSON.stringify(opml)).toContain('https://who.example/feed.xml');
    expect(JSON.stringify(opml)).not.toContain('memo.example');
    expect((await n.get('/t/interne/sources.opml')).status).toBe(404);
    const asMember = await fetch(`${n.url}/t/interne/sources.opml`, { headers: { authorization: `Bearer ${n.curator.token('read')}` } });
    expect(asMember.status).toBe(200);
    expect(await asMember.text()).toContain('https://memo.example/feed');
  });
});
