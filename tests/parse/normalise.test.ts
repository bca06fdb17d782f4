import { describe, expect, it } from 'vitest';
import { normaliseFeed, normaliseLang } from '../../src/parse/normalise.js';
import { createSanitiser } from '../../src/text/sanitise.js';
import type { RawEntry, RawFeed } from '../../src/parse/types.js';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const BASE = 'https://example.org/news/';
const entry = (over: Partial<RawEntry>): RawEntry => ({
  guid: null, link: null, title: null, author: null, dates: [], summary: null, content: null, categories: [], enclosures: [], lang: null, base: BASE, ...over,
});
const feed = (entries: RawEntry[], over: Partial<RawFeed> = {}): RawFeed => ({ title: null, link: null, description: null, language: null, base: BASE, entries, ...over });
const run = (f: RawFeed) => normaliseFeed(f, { sanitiser: createSanitiser(), now: NOW });

describe('normaliseFeed', () => {
  it('produces every field of the contract for a full entry', () => {
    const { feed: out } = run(feed([entry({
      guid: 'g1',
      link: 'https://example.org/a?utm_source=rss&id=2#top',
      title: { value: 'Caf&eacute; <b>news</b>', type: 'html', base: BASE, lang: null },
      author: '  Jane   Doe ',
      dates: ['Wed, 14 Jan 2026 08:00:00 +0100'],
      content: { value: '<p>Body <a href="/rel">link</a></p><script>x()</script>', type: 'html', base: BASE, lang: null },
      summary: { value: 'Short &amp; sweet', type: 'html', base: BASE, lang: null },
      categories: [' Health ', 'Water'],
      enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: '1234' }],
      lang: 'fr_FR',
    })], { title: { value: 'Feed', type: 'text', base: BASE, lang: null }, language: 'fr' }));
    expect(out.items[0]).toEqual({
      guid: 'g1',
      url: 'https://example.org/a?utm_source=rss&id=2#top',
      title: 'Café news',
      author: 'Jane Doe',
      published: '2026-01-14T07:00:00.000Z',
      summary: 'Short & sweet',
      contentHtml: '<p>Body <a href="https://example.org/rel">link</a></p>',
      contentText: 'Body link',
      categories: ['Health', 'Water'],
      enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 1234 }],
      lang: 'fr-FR',
      canonicalUrl: 'https://example.org/a?id=2',
    });
    expect(out.feed).toEqual({ title: 'Feed', link: null, description: null, language: 'fr' });
  });

  it('uses the description as content when there is no separate content, and derives a bounded summary', () => {
    const long = `<p>${'word '.repeat(400)}</p>`;
    const { feed: out } = run(feed([entry({ summary: { value: long, type: 'html', base: BASE, lang: null } })]));
    const it0 = out.items[0]!;
    expect(it0.contentHtml).toContain('<p>word word');
    expect(it0.summary!.length).toBeLessThanOrEqual(500);
    expect(it0.summary!.endsWith('…')).toBe(true);
  });

  it('keeps text-typed titles literal (no markup interpretation)', () => {
    const { feed: out } = run(feed([entry({ title: { value: 'History of the <blink> tag', type: 'text', base: BASE, lang: null } })]));
    expect(out.items[0]!.title).toBe('History of the <blink> tag');
  });

  it('escapes text-typed content into safe HTML', () => {
    const { feed: out } = run(feed([entry({ content: { value: '1 < 2 & <script>', type: 'text', base: BASE, lang: null } })]));
    expect(out.items[0]!.contentHtml).toBe('1 &lt; 2 &amp; &lt;script&gt;');
  });

  it('inherits the feed language, but an explicitly blank xml:lang means none', () => {
    const { feed: out } = run(feed([entry({ title: { value: 'a', type: 'text', base: BASE, lang: null } }), entry({ title: { value: 'b', type: 'text', base: BASE, lang: null }, lang: '' })], { language: 'en' }));
    expect(out.items.map((i) => i.lang)).toEqual(['en', null]);
  });

  it('takes the first parsable date and drops future ones', () => {
    const { feed: out, warnings } = run(feed([
      entry({ guid: 'a', dates: ['garbage', '2025-12-31T10:00:00Z'] }),
      entry({ guid: 'b', dates: ['2030-01-01T00:00:00Z'] }),
    ]));
    expect(out.items.map((i) => i.published)).toEqual(['2025-12-31T10:00:00.000Z', null]);
    expect(warnings.join(' ')).toMatch(/future/);
  });

  it.each([
    ['en_US', 'en-US'],
    [' fr ', 'fr'],
    ['', null],
    ['not a lang!', null],
    [null, null],
  ])('normaliseLang(%j) = %j', (raw, want) => {
    expect(normaliseLang(raw)).toBe(want);
  });
});
