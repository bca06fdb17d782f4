/**
 * A title that is text — `<script>alert(1)</script>`, "Use the <video> element…" — parsed from a real feed fixture,
 * stored, then read back from every output: the stream and search pages (hono/jsx), the search API's highlighted
 * title and snippet, the public topic page, the RSS / Atom / JSON feeds and the digest e-mail. Each shows the words
 * as text and never as markup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';
import { HOUR, makeDigestNetwork, T0, type DigestNetwork } from '../digest/fixture.js';
import { call, type TestUser } from '../helpers/accounts.js';
import { readJsonFeed, readStrictXml, readWithRssParser } from '../publish/validate.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/feeds/plain-text/titles.rss');
const SCRIPT = '<script>alert(1)</script>';

/** What a reader gets from HTML (a page or a fragment): its text, and how many script elements would run alert(1). */
function page(html: string): { text: string; scripts: number } {
  const { document } = parseHTML(/^\s*<(!doctype|html)/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const scripts = [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(1)')).length;
  return { text: (document.documentElement.textContent ?? '').replace(/\s+/g, ' ').trim(), scripts };
}

describe('plain-text titles in every output', () => {
  let net: DigestNetwork;
  let member: TestUser;
  let titles: string[];

  beforeAll(async () => {
    const parsed = await parseFeed({ body: readFileSync(FIXTURE) }, { now: T0 });
    if (!parsed.ok) throw new Error(parsed.detail);
    titles = parsed.feed.items.map((i) => i.title!).filter((t) => t.includes('<'));
    expect(titles).toEqual(['Use the <video> element and a <b> tag', 'Alerte <script>alert(1)</script> sur le site de la mairie', SCRIPT, '1 < 2 && 3 > 2: maths <i>without</i markup']);
    net = await makeDigestNetwork();
    for (const id of net.seed('who', titles)) net.approve(id, null);
    member = await net.member('lea@vigie.test', { sante: 'member' });
    net.clock.set(T0 + HOUR);
  });
  afterAll(async () => {
    await net?.close();
  });

  it('the stream page shows each title as text', async () => {
    const html = await (await net.app.request('/', { headers: { cookie: member.cookie } })).text();
    expect(html).not.toContain(SCRIPT);
    const shown = page(html);
    expect(shown.scripts).toBe(0);
    for (const t of titles) expect(shown.text).toContain(t);
  });

  it('the search page and the search API highlight inside the text, never as markup', async () => {
    const html = await (await net.app.request('/?q=alert', { headers: { cookie: member.cookie } })).text();
    expect(html).not.toContain(SCRIPT);
    const shown = page(html);
    expect(shown.scripts).toBe(0);
    expect(shown.text).toContain(SCRIPT);

    const res = await call(net.app, 'GET', '/api/v1/search?q=alert', { as: member });
    expect(res.status).toBe(200);
    const hits = res.body.hits as Array<{ title: string; titleHtml: string; snippet: string }>;
    expect(hits.map((h) => h.title).sort()).toEqual([SCRIPT, 'Alerte <script>alert(1)</script> sur le site de la mairie'].sort());
    for (const h of hits) {
      expect(h.titleHtml).not.toContain('<script');
      expect(h.titleHtml).toContain('<mark>');
      expect(page(h.titleHtml)).toEqual({ text: h.title, scripts: 0 });
      expect(page(h.snippet).scripts).toBe(0);
    }
  });

  it('the public topic page shows each title as text', async () => {
    const html = await (await net.app.request('/t/sante')).text();
    expect(html).not.toContain(SCRIPT);
    const shown = page(html);
    expect(shown.scripts).toBe(0);
    for (const t of titles) expect(shown.text).toContain(t);
  });

  it('the RSS, Atom and JSON feeds carry each title as text', async () => {
    for (const path of ['/t/sante/feed.rss', '/t/sante/feed.atom']) {
      const body = await (await net.app.request(path)).text();
      readStrictXml(body);
      const feed = await readWithRssParser(body);
      expect(feed.items.map((i) => i.title).sort(), path).toEqual([...titles].sort());
      expect(body, path).not.toContain(SCRIPT);
    }
    const json = readJsonFeed(await (await net.app.request('/t/sante/feed.json')).text());
    expect((json.items as Array<{ title: string }>).map((i) => i.title).sort()).toEqual([...titles].sort());
  });

  it('the digest e-mail shows each title as text, in its HTML and its plain-text part', async () => {
    const sub = net.subscribe({ userId: member.id, kind: 'topic', target: 'sante', lang: 'en' });
    const preview = await call(net.app, 'GET', `/api/v1/digests/${sub}/preview`, { as: member });
    expect(preview.status).toBe(200);
    const html = preview.body.html as string;
    expect(html).not.toContain(SCRIPT);
    const shown = page(html);
    expect(shown.scripts).toBe(0);
    for (const t of titles) {
      expect(shown.text).toContain(t);
      expect(preview.body.text).toContain(t);
      // the excerpt, from the plain-text summary the fixture network stores for each item
      expect(shown.text).toContain(`Summary of ${t}`);
    }
  });
});
