/** Feed auto-discovery against the Atom autodiscovery suite (relative, <base>, uppercase, extra rel tokens, UTF-16…). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../src/curation/discover.js';
import { decodeBody } from '../../src/parse/decode.js';

const dir = join(import.meta.dirname, '../fixtures/curation/feed-discovery');
const cases = readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { page: string; originalPageUrl: string; description: string; expectedFeedUrlEndsWith: string });

describe('discoverFeeds', () => {
  it.each(cases.map((c) => [c.page, c.description, c] as const))('%s: %s', (_page, _d, c) => {
    const html = decodeBody(readFileSync(join(dir, c.page)), 'text/html').text;
    const found = discoverFeeds(html, c.originalPageUrl);
    expect(found[0]?.url).toMatch(new RegExp(`${c.expectedFeedUrlEndsWith.replace(/[.]/g, '\\.')}$`));
  });

  it('ignores non-feed links and non-http schemes, and prefers Atom/RSS over generic XML', () => {
    const html = `<link rel="stylesheet" href="/a.css"><link rel="alternate" type="text/xml" href="/generic.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"><link rel="ALTERNATE feed" type="Application/RSS+XML" title="News" href=" /rss ">`;
    expect(discoverFeeds(html, 'https://site.example/blog/')).toEqual([
      { url: 'https://site.example/rss', type: 'application/rss+xml', title: 'News' },
      { url: 'https://site.example/generic.xml', type: 'text/xml', title: null },
    ]);
  });
});
