/**
 * Issue 17, fuzzing: property tests (fast-check) over the feed parser, the HTML sanitiser and the URL policy.
 * Whatever the input — random bytes, or feeds and HTML assembled from hostile fragments (script and event
 * handlers, obfuscated `javascript:` URLs, broken markup, CDATA and comment edges, entities) — the parser never
 * throws and answers ok or a known failure, and nothing it or the sanitiser outputs holds `<script`, an `on*=`
 * attribute, or a link that is not http(s) (content links may also be mailto:/tel:, which cannot run script).
 * `npm test` runs a bounded number of cases; `npm run fuzz [runs]` runs many more (FUZZ_RUNS).
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createSanitiser } from '../../src/text/sanitise.js';
import type { NormalisedFeed } from '../../src/model/item.js';
import { safeHref, webUrl } from '../../src/lib/web-url.js';
import { parseFeed } from '../../src/parse/index.js';

const RUNS = Number(process.env.FUZZ_RUNS) || 150;
/** Per case: a few KB of input never needs more (a regression to backtracking would blow far past it). */
const CASE_MS = 20_000;
const opts = { numRuns: RUNS, timeout: CASE_MS } as const;

const HOSTILE_URLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjava\nscript:alert(1)', '\u0001javascript:alert(1)',
  '&#106;avascript:alert(1)', '&#x6A;avascript&colon;alert(1)', 'javascript&#58;alert(1)', 'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>', 'data:image/svg+xml;base64,PHN2Zz4=', 'file:///etc/passwd',
  '//evil.example/x', '/relative/path', 'relative', '#frag', '?q=1', 'https://ok.example/a?b=1&c=2', 'http://ok.example/',
  'mailto:a@b.example', 'tel:+331', 'urn:x:y', '', ' ', 'https://', 'http://[::1]/', 'https://exa mple.example/',
];
const TAGS = [
  '<script>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<scr<script>ipt>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">', '<svg onload=alert(1)>', '<svg><script>alert(1)</script></svg>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="javascript:alert(1)"></iframe>', '<object data="javascript:alert(1)">', '<embed src=x>', '<style>*{}</style>', '<link rel=stylesheet href=x>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<form action="javascript:alert(1)"><button formaction=x>b</button></form>',
  '<a href="javascript:alert(1)">x</a>', '<a href=" &#14; javascript:alert(1)">x</a>', '<a HREF=JaVaScRiPt:alert(1)>x</a>', '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>', '<p onclick="x">p</p>', '<video poster=javascript:alert(1)>', '<base href="javascript:/">',
  '<template><script>alert(1)</script></template>', '<noscript><img src=x onerror=alert(1)></noscript>', '<textarea><script>x</script></textarea>',
  '<!--', '-->', '<!-- <script>alert(1)</script> -->', '<![CDATA[', ']]>', '<', '>', '"', "'", '&', '&amp;', '&lt;script&gt;', '&#0;', '&nbsp;', '</',
  '<p>', '</p>', '<br/>', '<a href="https://ok.example/">ok</a>', '<img src="/i.png" srcset="/a.png 1x, javascript:alert(1) 2x">',
];

const text = fc.string({ maxLength: 40 });
const url = fc.oneof(fc.constantFrom(...HOSTILE_URLS), fc.webUrl(), text);
const fragment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TAGS) }, { weight: 1, arbitrary: url }, { weight: 2, arbitrary: text });
/** An HTML fragment assembled from hostile pieces, sometimes with a link or image around a generated URL. */
const hostileHtml = fc
  .array(fc.oneof(fragment, url.map((u) => `<a href="${u}">l</a>`), url.map((u) => `<img src='${u}'>`), url.map((u) => `<a href=${u}>l</a>`)), { maxLength: 25 })
  .map((parts) => parts.join(''));

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
/** How a feed may carry a value: raw (possibly breaking the XML), escaped, or in CDATA. */
const carried = (v: fc.Arbitrary<string>) => fc.tuple(v, fc.constantFrom('raw', 'escaped', 'cdata')).map(([s, how]) => (how === 'raw' ? s : how === 'escaped' ? xmlEscape(s) : `<![CDATA[${s}]]>`));

const rssItem = fc
  .record({ title: carried(fragment), link: carried(url), description: carried(hostileHtml), enclosure: url, guid: carried(text) })
  .map((i) => `<item><title>${i.title}</title><link>${i.link}</link><description>${i.description}</description><enclosure url="${xmlEscape(i.enclosure)}" type="image/png"/><guid>${i.guid}</guid></item>`);
const atomEntry = fc
  .record({ title: carried(fragment), link: url, content: carried(hostileHtml), author: carried(text) })
  .map((e) => `<entry><title type="html">${e.title}</title><link rel="alternate" href="${xmlEscape(e.link)}"/><link rel="enclosure" href="${xmlEscape(e.link)}"/><content type="html">${e.content}</content><author><name>${e.author}</name></author></entry>`);
const jsonItem = fc
  .record({ url, external: url, html: hostileHtml, image: url, title: fragment })
  .map((i) => ({ id: i.title, url: i.url, external_url: i.external, content_html: i.html, image: i.image, title: i.title, attachments: [{ url: i.image, mime_type: 'image/png' }] }));

const feedBody = fc.oneof(
  fc.tuple(url, fc.array(rssItem, { maxLength: 4 }), fc.constantFrom('', '<?xml version="1.0"?>', '<!DOCTYPE rss [<!ENTITY x "y">]>', '<!-- c -->')).map(
    ([home, items, prolog]) => `${prolog}<rss version="2.0"><channel><title>t</title><link>${xmlEscape(home)}</link>${items.join('')}</channel></rss>`,
  ),
  fc.tuple(url, fc.array(atomEntry, { maxLength: 4 })).map(([home, entries]) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link href="${xmlEscape(home)}"/>${entries.join('')}</feed>`),
  fc.tuple(url, fc.array(jsonItem, { maxLength: 4 })).map(([home, items]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', home_page_url: home, items })),
  fc.string({ maxLength: 400, unit: 'binary' }),
  fc.array(fragment, { maxLength: 30 }).map((p) => p.join('')),
);

const FAILURES = new Set(['empty', 'not_a_feed', 'malformed', 'too_large', 'timeout']);
const WEB = /^https?:\/\//i;
const CONTENT_SCHEME = /^(?:https?:\/\/|mailto:|tel:)/i;

/** What a browser would find: elements, attributes, URL attributes of sanitised HTML. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('<script');
  const doc = parseHTML(`<html><body>${html}</body></html>`).document;
  for (const el of doc.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) problems.push(`${el.tagName} ${a.name}=`);
      if (/^(href|src|poster|cite|action|formaction|data|xlink:href)$/i.test(a.name) && !CONTENT_SCHEME.test(a.value)) problems.push(`${el.tagName} ${a.name}="${a.value}"`);
      if (/^srcset$/i.test(a.name)) for (const part of a.value.split(',')) if (part.trim() && !CONTENT_SCHEME.test(part.trim())) problems.push(`srcset "${part}"`);
    }
    if (/^(script|style|iframe|object|embed|form|base|meta|link|svg|math|template)$/i.test(el.tagName)) problems.push(`<${el.tagName.toLowerCase()}>`);
  }
  return problems;
}

function feedProblems(feed: NormalisedFeed): string[] {
  const problems: string[] = [];
  if (feed.feed.link !== null && !WEB.test(feed.feed.link)) problems.push(`feed link ${feed.feed.link}`);
  for (const it of feed.items) {
    for (const u of [it.url, it.canonicalUrl, ...it.enclosures.map((e) => e.url)]) if (u !== null && !WEB.test(u)) problems.push(`link ${u}`);
    if (it.contentHtml) problems.push(...htmlProblems(it.contentHtml));
  }
  return problems;
}

describe('fuzzing (fast-check)', () => {
  it('the parser never throws, answers ok or a known failure, and outputs only safe links and markup', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(feedBody, fc.constantFrom(null, 'application/rss+xml', 'application/feed+json', 'text/html'), fc.constantFrom(null, 'https://base.example/feed/', 'javascript:alert(1)'), async (body, contentType, base) => {
        const r = await parseFeed({ body: Buffer.from(body), contentType, url: base });
        if (!r.ok) {
          expect(FAILURES.has(r.kind)).toBe(true);
          expect(r.detail).toBeTruthy();
          return;
        }
        expect(feedProblems(r.feed)).toEqual([]);
      }),
      opts,
    );
  });

  it('the sanitiser never throws and never outputs script, event handlers or scriptable URLs', { timeout: 600_000 }, () => {
    const s = createSanitiser();
    fc.assert(
      fc.property(fc.oneof(hostileHtml, fc.string({ maxLength: 300, unit: 'binary' })), fc.constantFrom(null, 'https://base.example/a/', 'javascript:alert(1)//'), (html, base) => {
        const out = s.sanitise(html, base);
        expect(htmlProblems(out.html)).toEqual([]);
        expect(typeof s.toText(html)).toBe('string');
      }),
      opts,
    );
  });

  it('the URL policy only ever answers null or an absolute http(s) URL, and safeHref adds only paths on this site', () => {
    fc.assert(
      fc.property(fc.oneof(url, fc.string({ maxLength: 60, unit: 'binary' }), fc.tuple(fc.constantFrom(...HOSTILE_URLS), text).map(([a, b]) => a + b)), fc.constantFrom(null, 'https://base.example/x/', 'javascript:alert(1)'), (href, base) => {
        const u = webUrl(href, base);
        if (u !== null) {
          expect(u).toMatch(WEB);
          expect(new URL(u).href).toBe(u);
        }
        const h = safeHref(href);
        if (h !== null) expect(WEB.test(h) || /^\/(?![/\\])/.test(h)).toBe(true);
      }),
      { numRuns: RUNS * 10 },
    );
  });
});
