/**
 * Fidelity cases where Vigie used to differ from feedparser's expectations (../shared/corpus conformance misses),
 * one fixture each under tests/fixtures/feeds/fidelity/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalisedFeed } from '../../src/model/item.js';
import { parseFeed } from '../../src/parse/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds/fidelity');
async function parse(file: string, contentLanguage: string | null = null): Promise<NormalisedFeed> {
  const r = await parseFeed({ body: readFileSync(join(FIXTURES, file)), contentLanguage }, { now: Date.parse('2026-12-01T00:00:00Z') });
  if (!r.ok) throw new Error(r.detail);
  return r.feed;
}
const item = (feed: NormalisedFeed, guid: string) => feed.items.find((i) => i.guid === guid)!;

describe('text that only looks like a declaration, inside HTML', () => {
  it('keeps "<!" that opens neither a comment nor a DOCTYPE as text, and the markup after it', async () => {
    const feed = await parse('escaped-declarations.rss');
    expect(item(feed, 'not-a-doctype')).toMatchObject({ contentHtml: '&lt;!\' <a href="https://example.org/foo">foo</a>', contentText: "<!' foo" });
    expect(item(feed, 'doctype-in-text')).toMatchObject({ contentHtml: '<p>Start the page with &lt;!DOCTYPE then the root element.</p>', summary: 'Start the page with <!DOCTYPE then the root element.' });
  });

  it('still drops a real DOCTYPE and comments pasted into a description', async () => {
    expect(item(await parse('escaped-declarations.rss'), 'real-doctype')).toMatchObject({ contentHtml: '<p>Pasted page</p>', contentText: 'Pasted page' });
  });

  it('shows a CDATA section nested in HTML content as text, its script removed', async () => {
    const nested = item(await parse('escaped-declarations.rss'), 'nested-cdata');
    expect(nested.contentHtml).toBe('&lt;![CDATA[<p>Inner</p>]]&gt;');
    expect(nested.contentText).toBe('<![CDATA[ Inner ]]>');
  });

  it('keeps "<!DOCTYPE ~" in an HTML title', async () => {
    expect((await parse('escaped-declarations.atom')).feed.title).toBe('<!DOCTYPE ~ is not a declaration');
  });
});

describe('entities declared in a DOCTYPE', () => {
  it('expands safe declarations (plain text, one character reference) and leaves the others as written', async () => {
    const feed = await parse('doctype-entities.rss');
    expect(feed.feed.title).toBe('© Example News');
    expect(feed.items[0]).toMatchObject({ guid: 'tag:example.com,2006-05-04:/blog/', title: 'lol &lol2; &ext;', url: 'https://example.com/blog/?a=1&b=2' });
  });

  it('bounds the expansion by the size of the document', async () => {
    const value = 'x'.repeat(1000);
    const xml = `<!DOCTYPE rss [<!ENTITY big "${value}">]><rss version="2.0"><channel><title>${'&big;'.repeat(500)}</title></channel></rss>`;
    const r = await parseFeed({ body: Buffer.from(xml) });
    if (!r.ok) throw new Error(r.detail);
    const title = r.feed.feed.title!;
    expect(title.length).toBeLessThanOrEqual(xml.length * 2);
    expect(title.startsWith(value)).toBe(true);
    expect(title).toContain('&big;');
  });
});

describe('languages', () => {
  it("takes the server's Content-Language for a feed and entries that declare none, an entry's xml:lang first", async () => {
    const xml = '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>One</title></entry><entry xml:lang="de"><id>2</id><title>Zwei</title></entry></feed>';
    const r = await parseFeed({ body: Buffer.from(xml), contentLanguage: 'en' });
    if (!r.ok) throw new Error(r.detail);
    expect(r.feed.feed.language).toBe('en');
    expect(r.feed.items.map((i) => i.lang)).toEqual(['en', 'de']);
    const declared = await parseFeed({ body: Buffer.from('<rss version="2.0"><channel><title>T</title><language>fr</language><item><title>Un</title></item></channel></rss>'), contentLanguage: 'en' });
    if (!declared.ok) throw new Error(declared.detail);
    expect(declared.feed.feed.language).toBe('fr');
  });
});

describe('other feed shapes', () => {
  it('reads declared HTML wrapped in an XHTML div (TypePad) as HTML, relative links resolved', async () => {
    const feed = await parse('typepad.atom');
    expect(feed.items[0]).toMatchObject({ contentHtml: 'Example <b>Atom</b> <a href="https://example.org/blog/post.html">link</a>', contentText: 'Example Atom link' });
  });

  it('reads an RSS <tags> list as categories and the last of repeated dates', async () => {
    expect((await parse('tags-and-dates.rss')).items[0]).toMatchObject({ categories: ['tag one', 'tag two', 'category one'], published: '2003-12-31T10:14:55.000Z' });
  });
});
