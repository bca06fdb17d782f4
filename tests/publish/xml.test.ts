import { describe, expect, it } from 'vitest';
import { isNotModified } from '../../src/publish/conditional.js';
import { cleanText, rfc3339, rfc822, xml } from '../../src/publish/xml.js';
import { readStrictXml, RFC3339, RFC822 } from './validate.js';

describe('XML text and dates', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a ]]> b', 'a ]]&gt; b'],
    ['bell\u0007 nul\u0000 esc\u001b tab\tkept', 'bell nul esc tab\tkept'],
    ['C1\u0085 and \uFFFE', 'C1 and '],
    ['lone \uD800 surrogate', 'lone  surrogate'],
    ['RTL \u202Bעברית العربية\u202C 🦊👩🏽‍💻', 'RTL \u202Bעברית العربية\u202C 🦊👩🏽‍💻'],
    [`"quotes" & 'apos'`, '&quot;quotes&quot; &amp; &apos;apos&apos;'],
  ])('escapes %j', (input, expected) => {
    expect(xml(input)).toBe(expected);
    // Whatever the input, the result is well-formed inside an element and an attribute.
    const doc = readStrictXml(`<r a="${xml(input)}">${xml(input)}</r>`);
    expect(doc.r['@_a']).toBe(cleanText(input));
  });

  it('formats RFC 822 and RFC 3339 dates in UTC', () => {
    const ms = Date.UTC(2026, 0, 5, 7, 8, 9, 999);
    expect(rfc822(ms)).toBe('Mon, 05 Jan 2026 07:08:09 GMT');
    expect(rfc822(ms)).toMatch(RFC822);
    expect(rfc822(ms)).toBe(new Date(ms).toUTCString());
    expect(rfc3339(ms)).toBe('2026-01-05T07:08:09Z');
    expect(rfc3339(ms)).toMatch(RFC3339);
  });

  it('compares validators like RFC 9110: If-None-Match first, weak tags match, dates to the second', () => {
    const lm = Date.UTC(2026, 0, 5, 7, 8, 9, 500);
    expect(isNotModified({ ifNoneMatch: '"a", W/"b"' }, '"b"', lm)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '*' }, '"b"', lm)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"a"', ifModifiedSince: new Date(lm + 5000).toUTCString() }, '"b"', lm)).toBe(false);
    expect(isNotModified({ ifModifiedSince: new Date(lm).toUTCString() }, '"b"', lm)).toBe(true);
    expect(isNotModified({ ifModifiedSince: new Date(lm - 1000).toUTCString() }, '"b"', lm)).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'garbage' }, '"b"', lm)).toBe(false);
  });
});
