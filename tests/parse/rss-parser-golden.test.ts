/**
 * rss-parser's own golden outputs (real feeds) against our normalised result, on the fields both define:
 * item count, titles, links, dates, ids, feed title and link. Charset-aware decoding legitimately differs from the
 * golden output where upstream read ISO-8859-1 bytes as UTF-8 (U+FFFD in the expected value): those are skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSanitiser } from '../../src/text/sanitise.js';
import { foldWhitespace, looksLikeHtml } from '../../src/text/strings.js';
import { parseFeed } from '../../src/parse/index.js';

const DIR = join(import.meta.dirname, '../fixtures/feeds/rss-parser');
interface Pair { name: string; input: string; output?: string | null; expectError?: string | null }
interface GoldenItem { title?: string; link?: string; isoDate?: string; guid?: string; id?: string }
interface Golden { feed: { title?: string; link?: string; items: GoldenItem[] } }

const pairs = (JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Pair[]).filter((p) => existsSync(join(DIR, p.input)));
const withOutput = pairs.filter((p) => p.output && existsSync(join(DIR, p.output)));
const sanitiser = createSanitiser();
// rss-parser keeps markup and references in titles; ours are plain text.
const clean = (s: string | undefined): string | null =>
  s === undefined || s.includes('\ufffd') ? null : looksLikeHtml(s) ? sanitiser.toText(s) : foldWhitespace(s);

describe('rss-parser golden outputs', () => {
  it.each(withOutput.map((p) => [p.name, p] as const))('%s', async (_name, pair) => {
    const golden = JSON.parse(readFileSync(join(DIR, pair.output!), 'utf8')) as Golden;
    const r = await parseFeed({ body: readFileSync(join(DIR, pair.input)) });
    if (!r.ok) throw new Error(r.detail);
    const { feed, items } = r.feed;
    expect(items.length).toBe(golden.feed.items.length);
    const gTitle = clean(golden.feed.title);
    if (gTitle) expect(feed.title).toBe(gTitle);
    if (golden.feed.link) expect(feed.link).toBe(golden.feed.link.trim());
    golden.feed.items.forEach((g, i) => {
      const ours = items[i]!;
      const title = clean(g.title);
      if (title !== null) expect(ours.title, `item ${i} title`).toBe(title);
      if (g.link) expect(ours.url, `item ${i} link`).toBe(g.link.trim());
      if (g.isoDate) expect(ours.published, `item ${i} date`).toBe(g.isoDate);
      const id = g.guid ?? g.id;
      if (typeof id === 'string') expect(ours.guid, `item ${i} guid`).toBe(id.trim());
    });
  });

  it('refuses an HTML "Document Moved" page served as a feed', async () => {
    const r = await parseFeed({ body: readFileSync(join(DIR, 'input/unrecognized.rss')) });
    expect(r).toMatchObject({ ok: false, kind: 'not_a_feed' });
  });

  it('decodes uolNoticias (ISO-8859-1, no declaration, no version) instead of producing U+FFFD', async () => {
    const r = await parseFeed({ body: readFileSync(join(DIR, 'input/uolNoticias.rss')) });
    expect(r.ok && r.feed.feed.description).toBe('Últimas Notícias');
    expect(JSON.stringify(r)).not.toContain('\ufffd');
  });
});
