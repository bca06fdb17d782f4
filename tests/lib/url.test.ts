import { describe, expect, it } from 'vitest';
import { canonicalUrl, resolveUrl, usableBase } from '../../src/lib/url.js';

describe('canonicalUrl', () => {
  it.each([
    ['https://ex.org/a?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://ex.org/a'],
    ['https://ex.org/a?id=3&utm_source=rss#comments', 'https://ex.org/a?id=3'],
    ['https://ex.org/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2', 'https://ex.org/a'],
    ['https://ex.org/a?page=2&UTM_Content=top', 'https://ex.org/a?page=2'],
    ['https://ex.org/a?xtor=RSS-1&b=2', 'https://ex.org/a?b=2'],
    ['https://ex.org/a?', 'https://ex.org/a'],
    ['HTTPS://EX.org:443/a', 'https://ex.org/a'],
    ['https://ex.org/a?q=caf%C3%A9&ref=home', 'https://ex.org/a?q=caf%C3%A9&ref=home'],
    ['http://ex.org/a#section', 'http://ex.org/a'],
  ])('%s → %s', (url, want) => {
    expect(canonicalUrl(url)).toBe(want);
  });

  it.each([null, '', 'not a url', '/relative', 'javascript:alert(1)', 'mailto:a@b.c'])('%j has no canonical form', (url) => {
    expect(canonicalUrl(url)).toBeNull();
  });
});

describe('resolveUrl', () => {
  it.each([
    ['/x', 'https://ex.org/feed/rss', 'https://ex.org/x'],
    ['y.html', 'https://ex.org/feed/rss', 'https://ex.org/feed/y.html'],
    ['//cdn.ex.org/i.png', 'https://ex.org/', 'https://cdn.ex.org/i.png'],
    ['https://other.org/z', 'https://ex.org/', 'https://other.org/z'],
    ['  https://ex.org/space  ', null, 'https://ex.org/space'],
    ['relative/only', null, 'relative/only'],
    ['http://any.test/À', null, 'http://any.test/%C3%80'],
  ])('%j against %j → %j', (href, base, want) => {
    expect(resolveUrl(href, base)).toBe(want);
  });

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x'])('%j is refused', (href) => {
    expect(resolveUrl(href, 'https://ex.org/')).toBeNull();
  });
});

describe('usableBase', () => {
  it.each([
    ['http://example.com/', null, 'http://example.com/'],
    ['/feed/pg.cgi', 'http://127.0.0.1:8097/x', 'http://127.0.0.1:8097/feed/pg.cgi'],
    ["javascript:alert('unsafe');", 'http://127.0.0.1/x', 'http://127.0.0.1/x'],
    ['/only-relative', null, null],
  ])('%j (parent %j) → %j', (candidate, parent, want) => {
    expect(usableBase(candidate, parent)).toBe(want);
  });
});
