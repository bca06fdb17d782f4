import { describe, expect, it } from 'vitest';
import { applyUrlPolicy } from '../../src/lib/url-policy.js';
import { safeHref, webUrl } from '../../src/lib/web-url.js';

describe('webUrl (the URL policy for remote links)', () => {
  it.each([
    ['javascript:alert(document.domain)//'],
    ['JaVaScRiPt:alert(1)'],
    ['\tjavascript:alert(1)'],
    ['java\nscript:alert(1)'],
    ['java\r\nscript:alert(1)'],
    [' \u0001\u0010javascript:alert(1)'],
    ['\u200bjavascript:alert(1)'],
    ['\ufeffjavascript:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['&#x6A;avascript:alert(1)'],
    ['javascript&#58;alert(1)'],
    ['javascript&colon;alert(1)'],
    ['&amp;#106;avascript:alert(1)'],
    ['vbscript:msgbox(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['file:///etc/passwd'],
    ['mailto:a@example.org'],
    ['ftp://example.org/x'],
    ['//'],
    ['https://'],
    [''],
    ['   '],
    ['x'.repeat(9000)],
  ])('refuses %j', (href) => {
    expect(webUrl(href, 'https://example.org/feed')).toBeNull();
    expect(safeHref(href)).toBeNull();
  });

  it.each([
    ['https://example.org/a?b=1&c=2#d', null, 'https://example.org/a?b=1&c=2#d'],
    ['HTTP://Example.ORG/A', null, 'http://example.org/A'],
    ['  https://example.org/a  ', null, 'https://example.org/a'],
    ['/post/1', 'https://example.org/feed', 'https://example.org/post/1'],
    ['post/1', 'https://example.org/feed/', 'https://example.org/feed/post/1'],
    ['//cdn.example.org/i.png', 'https://example.org/', 'https://cdn.example.org/i.png'],
    ['https://exa\tmple.org/a', null, 'https://example.org/a'],
  ])('keeps %j (base %j) as %j', (href, base, expected) => {
    expect(webUrl(href, base)).toBe(expected);
  });

  it('refuses a relative link without a usable base', () => {
    expect(webUrl('/post/1')).toBeNull();
    expect(webUrl('/post/1', 'javascript:alert(1)')).toBeNull();
  });

  it('safeHref also lets through paths on this site, never protocol-relative ones', () => {
    expect(safeHref('/t/veille/i/3')).toBe('/t/veille/i/3');
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref('/\\evil.example/x')).toBeNull();
    expect(safeHref(null)).toBeNull();
  });
});

describe('applyUrlPolicy', () => {
  it('drops refused item links and enclosures, recomputes the canonical link, and says what it refused', () => {
    const { feed, warnings } = applyUrlPolicy(
      {
        feed: { title: 'x', link: 'javascript:alert(1)', description: null, language: null },
        items: [
          { guid: 'a', url: 'javascript:alert(1)', canonicalUrl: 'javascript:alert(1)', title: 'A', author: null, published: null, summary: null, contentHtml: null, contentText: null, categories: [], lang: null, enclosures: [{ url: 'data:image/png;base64,AAAA', type: 'image/png', length: null }, { url: 'https://example.org/i.png', type: 'image/png', length: 3 }] },
          { guid: 'b', url: 'https://example.org/b?utm_source=x', canonicalUrl: null, title: 'B', author: null, published: null, summary: null, contentHtml: null, contentText: null, categories: [], lang: null, enclosures: [] },
        ],
      },
      null,
    );
    expect(feed.feed.link).toBeNull();
    expect(feed.items[0]).toMatchObject({ url: null, canonicalUrl: null, enclosures: [{ url: 'https://example.org/i.png', type: 'image/png', length: 3 }] });
    expect(feed.items[1]).toMatchObject({ url: 'https://example.org/b?utm_source=x', canonicalUrl: 'https://example.org/b' });
    expect(warnings).toEqual(['3 link(s) refused: only http(s) links are kept (first: "javascript:alert(1)")']);
  });
});
