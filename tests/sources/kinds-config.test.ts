/**
 * The feeds.yaml side of the new kinds: the shipped commented examples are valid once uncommented, and mistakes are
 * reported with file:line and the field at fault.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { parseFeedsYaml } from '../../src/config/feeds.js';

const SHIPPED = readFileSync(join(import.meta.dirname, '../../feeds.yaml'), 'utf8');

function problems(yaml: string): string {
  try {
    parseFeedsYaml(`topics:\n  - { slug: t, name: T }\nsources:\n${yaml}`, 'feeds.yaml', {});
    return '';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return `${err.message}\n${JSON.stringify(err)}`;
  }
}

describe('feeds.yaml kinds', () => {
  it('accepts the commented examples of the shipped feeds.yaml once uncommented', () => {
    const at = SHIPPED.indexOf('  # More kinds');
    const uncommented = SHIPPED.slice(0, at) + SHIPPED.slice(at).replace(/^ {2}# (- | {2}[a-z]+:)/gm, '  $1');
    const config = parseFeedsYaml(uncommented, 'feeds.yaml', {});
    expect(new Set(config.sources.map((s) => s.kind))).toEqual(new Set(['feed', 'newsletter', 'mastodon', 'bluesky', 'youtube', 'reddit', 'html']));
  });

  it.each([
    ['a mastodon source without instance', '  - { slug: m, kind: mastodon, handle: "@x", topic: t }', /sources\[0\] \(m\)\.instance/],
    ['a mastodon source with both handle and hashtag', '  - { slug: m, kind: mastodon, instance: "a.example", handle: "@x", hashtag: "y", topic: t }', /give either handle or hashtag/],
    ['a youtube source with a malformed channel id', '  - { slug: y, kind: youtube, channel: "unhcr", topic: t }', /expected a channel id/],
    ['an html source without entry selector', '  - { slug: h, kind: html, url: "https://a.example/", selectors: { title: "h2" }, topic: t }', /selectors\.entry/],
    ['a newsletter with a bad sender', '  - { slug: n, kind: newsletter, senders: ["not an address"], topic: t }', /expected an address or @domain/],
    ['an unknown kind', '  - { slug: g, kind: gopher, topic: t }', /unknown kind "gopher" \(supported: feed, newsletter, mastodon, bluesky, youtube, reddit, html\)/],
  ])('reports %s', (_what, yaml, message) => {
    expect(problems(yaml)).toMatch(message);
  });
});
