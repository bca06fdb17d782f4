/** The parse-related bad input of issue 3: each is a clear error value or a best-effort parse, never a throw. */
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const parse = (xml: string | Buffer, contentType?: string) =>
  parseFeed({ body: typeof xml === 'string' ? Buffer.from(xml) : xml, contentType: contentType ?? null, url: 'https://example.org/feed.xml' }, { now: NOW });
const rss = (items: string, channel = '<title>T</title>') => `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;

describe('refused inputs are error values', () => {
  it.each([
    ['an empty 200', '', 'empty'],
    ['whitespace only', '  \n\t ', 'empty'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>Moved</title></head><body><p>Document moved <a href="/x">here</a></p></body></html>', 'not_a_feed'],
    ['an HTML page without doctype', '<html><body><p>Hello', 'not_a_feed'],
    ['plain text', 'Service unavailable, try later', 'not_a_feed'],
    ['XML that is not a feed', '<?xml version="1.0"?><note><to>A</to></note>', 'not_a_feed'],
    ['JSON that is not a feed', '{"error": "rate limited"}', 'not_a_feed'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', 'malformed'],
  ])('%s → %s', async (_name, body, kind) => {
    const r = await parse(body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe(kind);
      expect(r.detail.length).toBeGreaterThan(5);
    }
  });

  it('hostile element nesting → malformed, not a stack overflow', async () => {
    const r = await parse(rss(`<item><description>${'<div>'.repeat(20000)}x${'</div>'.repeat(20000)}</description></item>`));
    expect(r).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('a body above the size limit → too_large', async () => {
    const r = await parseFeed({ body: Buffer.alloc(2048, 0x20) }, { maxBytes: 1024 });
    expect(r).toMatchObject({ ok: false, kind: 'too_large' });
  });
});

describe('damaged feeds are parsed best-effort', () => {
  it('malformed XML (truncated mid-item) keeps the complete items', async () => {
    const r = await parse(rss('<item><title>One</title><link>https://example.org/1</link></item><item><title>Two</title><link>https://exa').slice(0, -30));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.feed.items[0]).toMatchObject({ title: 'One', url: 'https://example.org/1' });
      expect(r.warnings.join(' ')).toMatch(/malformed|repaired/);
    }
  });

  it('HTML named entities and bare ampersands (not XML) are repaired', async () => {
    const r = await parse(rss('<item><title>Caf&eacute; &amp; th&eacute;&nbsp;vert</title><link>https://example.org/?a=1&b=2</link></item>'));
    expect(r.ok && r.feed.items[0]).toMatchObject({ title: 'Café & thé vert', url: 'https://example.org/?a=1&b=2' });
  });

  it('an XML entity-expansion bomb is not expanded', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]><rss version="2.0"><channel><title>Bomb &lol9;</title><item><title>x</title></item></channel></rss>`;
    const r = await parse(bomb);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(JSON.stringify(r.feed).length).toBeLessThan(2000);
      expect(r.feed.items).toHaveLength(1);
    }
  });

  it('a wrong charset (latin-1 bytes declared UTF-8) still reads the accents', async () => {
    const r = await parse(Buffer.from(rss('<item><title>Café à Genève</title></item>').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>'), 'latin1'), 'text/xml; charset=utf-8');
    expect(r.ok && r.feed.items[0]?.title).toBe('Café à Genève');
    expect(r.ok && r.warnings.join(' ')).toMatch(/UTF-8/);
  });

  it('duplicate guids inside one feed: every item kept, a warning raised', async () => {
    const r = await parse(rss('<item><guid>same</guid><title>A</title></item><item><guid>same</guid><title>B</title></item>'));
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['A', 'B']);
    expect(r.ok && r.warnings.join(' ')).toMatch(/duplicate guid/);
  });

  it('items without guid, link or date are kept with nulls', async () => {
    const r = await parse(rss('<item><title>Only a title</title></item><item><description>Only text</description></item>'));
    expect(r.ok && r.feed.items).toMatchObject([
      { guid: null, url: null, canonicalUrl: null, published: null, title: 'Only a title' },
      { guid: null, url: null, published: null, title: null, summary: 'Only text', contentText: 'Only text' },
    ]);
  });

  it('items with nothing at all are skipped', async () => {
    const r = await parse(rss('<item></item><item><title>Real</title></item>'));
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['Real']);
  });

  it('dates in the future are dropped (the store falls back to first-seen), past ones kept', async () => {
    const r = await parse(rss('<item><title>F</title><pubDate>Tue, 09 Feb 2106 23:59:45 +0000</pubDate></item><item><title>P</title><pubDate>Wed, 14 Jan 2026 08:00:00 +0100</pubDate></item>'));
    expect(r.ok && r.feed.items.map((i) => i.published)).toEqual([null, '2026-01-14T07:00:00.000Z']);
    expect(r.ok && r.warnings.join(' ')).toMatch(/future/);
  });

  it('unknown date formats give null with a warning', async () => {
    const r = await parse(rss('<item><title>X</title><pubDate>sometime last week</pubDate></item>'));
    expect(r.ok && r.feed.items[0]?.published).toBeNull();
  });

  it('text before the XML declaration and control characters are tolerated', async () => {
    const r = await parse(`\n\n  junk<?xml version="1.0"?><rss version="2.0"><channel><title>Ctl\u0001 ok</title></channel></rss>`);
    expect(r.ok && r.feed.feed.title).toBe('Ctl ok');
  });

  it('mismatched tags are read leniently', async () => {
    const r = await parse(rss('<item><title>Unclosed <b>bold</title><link>https://example.org/u</link></item>'));
    expect(r.ok && r.feed.items[0]?.url).toBe('https://example.org/u');
  });
});
