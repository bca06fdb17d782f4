/**
 * Plain text stays text: titles, authors, categories and feed titles keep every character a feed escapes; only fields
 * that are HTML (RSS descriptions, Atom type="html"/"xhtml", RSS titles that carry markup by the rule of
 * `carriesMarkup`) go through the HTML parser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriesMarkup } from '../../src/text/strings.js';
import { parseFeed } from '../../src/parse/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds/plain-text');
const parse = async (file: string) => {
  const r = await parseFeed({ body: readFileSync(join(FIXTURES, file)) }, { now: Date.parse('2026-12-01T00:00:00Z') });
  if (!r.ok) throw new Error(r.detail);
  return r.feed;
};

describe('plain-text fields of an RSS feed', () => {
  it.each([
    ['an escaped tag name in a sentence', 'video', 'Use the <video> element and a <b> tag'],
    ['an escaped script in a sentence', 'alerte', 'Alerte <script>alert(1)</script> sur le site de la mairie'],
    ['a title that is only an escaped script', 'script', '<script>alert(1)</script>'],
    ['comparison signs in CDATA, with a tag that is not closed', 'maths', '1 < 2 && 3 > 2: maths <i>without</i markup'],
    ['a title with closed known tags and a double-escaped ampersand (markup by the rule)', 'bold', 'Bold news from Fish & Chips'],
  ])('keeps %s', async (_what, guid, title) => {
    const feed = await parse('titles.rss');
    expect(feed.items.find((i) => i.guid === guid)?.title).toBe(title);
  });

  it('keeps the channel title, the author and the category as written; the description is HTML', async () => {
    const feed = await parse('titles.rss');
    expect(feed.feed.title).toBe('Veille <HTML> & co');
    expect(feed.feed.description).toBe('Des nouvelles du Web');
    const video = feed.items.find((i) => i.guid === 'video')!;
    expect(video.author).toBe('Ève <Web> Martin');
    expect(video.categories).toEqual(['<video>']);
    expect(video.contentHtml).toBe('<p>How <code>&lt;video&gt;</code> works.</p>');
    expect(video.summary).toBe('How <video> works.');
  });
});

describe('plain-text fields of an Atom feed', () => {
  it('reads type="text" and untyped constructs literally and type="html" through the HTML parser', async () => {
    const feed = await parse('titles.atom');
    expect(feed.feed.title).toBe('Atom <b>text</b> title');
    expect(feed.items.map((i) => i.title)).toEqual(['<script>alert(1)</script> & <b>bold</b>', 'Marked up & decoded', 'Untyped <b>is text</b>']);
    expect(feed.items[0]).toMatchObject({ author: 'A <b> B', categories: ['<tag>'] });
  });
});

describe('carriesMarkup (when a type-less title is HTML)', () => {
  it.each([
    ['Use the <video> element and a <b> tag', false],
    ['<script>alert(1)</script>', false],
    ['Read <b>this</b> now', true],
    ['Ben &amp; Jerry', true],
    ['R&D at AT&T', false],
    ['Fish &chips; tonight', false],
    ['<em>New</em> <blink>old</blink>', false],
    ['x<br>y', false],
  ])('%j → %s', (s, want) => {
    expect(carriesMarkup(s)).toBe(want);
  });
});
