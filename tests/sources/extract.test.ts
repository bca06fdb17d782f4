/**
 * Readability over linkedom on real article pages (Mozilla Readability's own test pages, with its expected
 * metadata as a peer's expectations). Reports the pass rate over the whole shared corpus when it is present.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSanitiser } from '../../src/text/sanitise.js';
import { extractArticle } from '../../src/sources/extract.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/html/readability');
const SHARED = join(import.meta.dirname, '../../../shared/corpus/html/readability');
const PAGE_URL = 'http://fakehost/test/page.html';

type Expected = Record<'title' | 'byline' | 'excerpt' | 'siteName' | 'dir' | 'lang' | 'publishedTime', string | null | undefined>;

/** Upstream's harness: title, byline, excerpt, siteName deep-equal; lang and publishedTime only when expected is truthy. */
function mismatches(dir: string): string[] {
  const html = readFileSync(join(dir, 'source.html'), 'utf8').trim();
  const expected = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as Expected;
  const r = extractArticle(html, PAGE_URL, createSanitiser());
  const got: Partial<Expected> = r.ok ? r.article : {};
  const out: string[] = [];
  for (const k of ['title', 'byline', 'excerpt', 'siteName'] as const) {
    if (k in expected && (got[k] ?? null) !== (expected[k] ?? null)) out.push(`${k}: ${JSON.stringify(got[k])} ≠ ${JSON.stringify(expected[k])}`);
  }
  for (const k of ['lang', 'publishedTime'] as const) {
    if (expected[k] && got[k] !== expected[k]) out.push(`${k}: ${JSON.stringify(got[k])} ≠ ${JSON.stringify(expected[k])}`);
  }
  return out;
}

const pages = (root: string) => readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('extractArticle', () => {
  it.each(pages(FIXTURES))('meets Readability’s expected metadata on %s', (page) => {
    expect(mismatches(join(FIXTURES, page))).toEqual([]);
  });

  it('extracts a real article’s text and resolves its links against the page and its <base>', () => {
    const lemonde = extractArticle(readFileSync(join(FIXTURES, 'lemonde-1/source.html'), 'utf8'), PAGE_URL, createSanitiser());
    expect(lemonde.ok && lemonde.article.contentText).toContain('Les députés ont, sans surprise, adopté à une large majorité');
    expect(lemonde.ok && lemonde.article.lang).toBe('fr');
    const base = extractArticle(readFileSync(join(FIXTURES, 'base-url-base-element-relative/source.html'), 'utf8'), PAGE_URL, createSanitiser());
    expect(base.ok).toBe(true);
    const hrefs = base.ok ? [...base.article.contentHtml.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]) : [];
    expect(hrefs.length).toBeGreaterThan(3);
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
  });

  it('says so when a page has no readable content', () => {
    expect(extractArticle('<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>', PAGE_URL, createSanitiser())).toMatchObject({ ok: false });
    expect(extractArticle('', PAGE_URL, createSanitiser())).toMatchObject({ ok: false, kind: 'empty' });
  });

  it.skipIf(!existsSync(SHARED))('passes most of the shared corpus’s expected metadata (pass rate reported)', () => {
    const all = pages(SHARED);
    const failed = all.map((p) => ({ p, m: mismatches(join(SHARED, p)) })).filter((x) => x.m.length);
    const rate = (all.length - failed.length) / all.length;
    console.log(`readability expected-metadata pass rate: ${all.length - failed.length}/${all.length} (${(rate * 100).toFixed(1)}%)`);
    for (const f of failed) console.log(`  ${f.p}: ${f.m.join('; ')}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
});
