/** Format coverage: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, namespaces, xml:base, xml:lang, inline XHTML, text constructs. */
import { describe, expect, it } from 'vitest';
import type { NormalisedItem } from '../../src/model/item.js';
import { parseFeed } from '../../src/parse/index.js';

const ATOM = 'xmlns="http://www.w3.org/2005/Atom"';
const cases: Array<[string, string, string, Partial<NormalisedItem> & { feedTitle?: string; feedLanguage?: string | null }]> = [
  ['RSS 2.0', 'rss', `<rss version="2.0"><channel><title>Chan</title><language>fr</language><item><title>T</title><link>https://ex.org/1</link><guid isPermaLink="false">g1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Ann</dc:creator><category>c1</category></item></channel></rss>`,
    { feedTitle: 'Chan', guid: 'g1', url: 'https://ex.org/1', published: '2024-01-01T10:00:00.000Z', author: 'Ann', categories: ['c1'], lang: 'fr' }],
  ['RSS 0.91 without version handling', 'rss', `<rss version="0.91"><channel><title>Old</title><item><title>T</title><link>https://ex.org/2</link></item></channel></rss>`,
    { feedTitle: 'Old', url: 'https://ex.org/2' }],
  ['RSS 1.0 (RDF)', 'rdf', `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://ex.org/"><title>R</title></channel><item rdf:about="https://ex.org/3"><title>T</title><link>https://ex.org/3</link><dc:date>2024-02-03T04:05:06Z</dc:date></item></rdf:RDF>`,
    { feedTitle: 'R', guid: 'https://ex.org/3', url: 'https://ex.org/3', published: '2024-02-03T04:05:06.000Z' }],
  ['Atom 1.0 with xml:base and xml:lang', 'atom', `<feed ${ATOM} xml:base="https://ex.org/blog/" xml:lang="en"><title>A</title><entry xml:base="2024/"><id>tag:ex.org,2024:1</id><title type="html">A &amp;amp; B</title><link rel="alternate" href="post.html"/><link rel="enclosure" href="a.mp3" type="audio/mpeg" length="10"/><updated>2024-03-01T00:00:00+01:00</updated><author><name>Bo</name><email>bo@ex.org</email></author><content type="html" xml:lang="de">&lt;p&gt;&lt;a href="x"&gt;x&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`,
    { feedTitle: 'A', guid: 'tag:ex.org,2024:1', title: 'A & B', url: 'https://ex.org/blog/2024/post.html', published: '2024-02-29T23:00:00.000Z', author: 'Bo', contentHtml: '<p><a href="https://ex.org/blog/2024/x">x</a></p>', lang: 'de', enclosures: [{ url: 'https://ex.org/blog/2024/a.mp3', type: 'audio/mpeg', length: 10 }] }],
  ['Atom inline XHTML keeps document order', 'atom', `<feed ${ATOM}><title>X</title><entry><id>x1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>bold</b> world</div></title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">one <em>two</em> three <a href="https://ex.org/">four</a> five</div></content></entry></feed>`,
    { title: 'Hello bold world', contentHtml: 'one <em>two</em> three <a href="https://ex.org/">four</a> five', contentText: 'one two three four five' }],
  ['Atom text construct stays literal', 'atom', `<feed ${ATOM}><entry><id>t</id><title type="text">History of the &lt;blink&gt; tag</title></entry></feed>`,
    { title: 'History of the <blink> tag' }],
  ['Atom 0.3 escaped and base64 modes', 'atom', `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Z</title><entry><id>z</id><title mode="escaped" type="text/html">Example &lt;b&gt;Atom&lt;/b&gt;</title><issued>2003-12-31T10:14:55Z</issued><content mode="base64" type="text/html">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</content></entry></feed>`,
    { title: 'Example Atom', published: '2003-12-31T10:14:55.000Z', contentHtml: 'Example <b>Atom</b>' }],
  ['prefixed Atom elements', 'atom', `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:id>p</a:id><a:title>Entry</a:title><a:link href="https://ex.org/p"/></a:entry></a:feed>`,
    { feedTitle: 'P', title: 'Entry', url: 'https://ex.org/p' }],
  ['RSS with content:encoded and description', 'rss', `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>C</title><item><title>T</title><description>Short</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded></item></channel></rss>`,
    { summary: 'Short', contentHtml: '<p>Full <b>text</b></p>', contentText: 'Full text' }],
];

describe('XML feed formats', () => {
  it.each(cases)('%s', async (_name, format, xml, want) => {
    const r = await parseFeed({ body: Buffer.from(xml) }, { now: Date.parse('2026-01-01T00:00:00Z') });
    if (!r.ok) throw new Error(r.detail);
    expect(r.format).toBe(format);
    const { feedTitle, feedLanguage, ...item } = want;
    if (feedTitle !== undefined) expect(r.feed.feed.title).toBe(feedTitle);
    if (feedLanguage !== undefined) expect(r.feed.feed.language).toBe(feedLanguage);
    expect(r.feed.items[0]).toMatchObject(item);
  });
});
