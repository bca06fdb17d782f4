/**
 * Social kinds end to end from feeds.yaml: local HTTP servers on 127.0.0.1 replay the APIs' documented responses
 * (tests/fixtures/social), the real fetcher and pipeline store items in a real SQLite file. What a curator notices:
 * posts become items with author, text, links and media; unknown accounts, rate limits and changed APIs show up as
 * readable source errors; Reddit's end of RSS is named as such.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import { manualClock } from '../../src/lib/clock.js';
import { respond, startFeedServer, type FeedServer, type RouteHandler } from '../helpers/feed-server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FIX = join(import.meta.dirname, '../fixtures/social');
const fixture = (name: string) => readFileSync(join(FIX, name));
const json = (name: string): RouteHandler => respond.body(fixture(name), 'application/json; charset=utf-8');
const NOW = Date.parse('2026-11-20T12:00:00Z');

let install: TestInstall | undefined;
let deps: Deps | undefined;
let server: FeedServer | undefined;

afterEach(async () => {
  await deps?.close();
  await server?.close();
  install?.cleanup();
  deps = undefined;
  server = undefined;
  install = undefined;
});

async function setup(routes: Record<string, RouteHandler>, sourceYaml: (base: string) => string) {
  server = await startFeedServer({ routes });
  install = makeTestInstall(`topics:\n  - { slug: t, name: T }\nsources:\n${sourceYaml(server.url)}`);
  deps = makeTestDeps(install, { clock: manualClock(NOW), random: () => 0.5 });
  return deps;
}

const itemsOf = (slug: string) =>
  deps!.sqlite
    .prepare(`SELECT i.* FROM items i JOIN sources s ON s.id = i.source_id WHERE s.slug = ? ORDER BY i.published_at DESC`)
    .all(slug) as Record<string, string | number | null>[];
const sourceRow = (slug: string) => deps!.sqlite.prepare(`SELECT * FROM sources WHERE slug = ?`).get(slug) as Record<string, unknown>;

describe('mastodon', () => {
  const routes = {
    '/api/v1/accounts/lookup': json('mastodon-account.json'),
    '/api/v1/accounts/1/statuses': json('mastodon-statuses.json'),
  };

  it("stores an account's public posts with author, links, media and tags; replies left out; boosts show the boosted post", async () => {
    const d = await setup(routes, (u) => `  - { slug: gargron, kind: mastodon, instance: "${u}", handle: "@Gargron", topic: t }\n`);
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'ok', new: 3 });
    const items = itemsOf('gargron');
    expect(items.map((i) => i.url)).toEqual([
      'https://mastodon.social/@Gargron/103270115826048977'.replace('77', '76'),
      'https://mastodon.social/@Gargron/103270115826048975',
      'https://example.social/@ocha/1',
    ]);
    const [media, guardian, boost] = items as [Record<string, string>, Record<string, string>, Record<string, string>];
    expect(guardian.author).toBe('Eugen');
    expect(guardian.title).toBe('"I lost my inheritance with one wrong digit on my sort code"');
    expect(guardian.content_html).toContain('href="https://www.theguardian.com/money/2019/dec/07/');
    expect(guardian.lang).toBe('en');
    expect(guardian.published_at).toBe(Date.parse('2019-12-08T03:48:33.901Z'));
    expect(media.content_html).toContain('<img src="https://files.mastodon.social/media_attachments/files/022/345/792/original/57859aede991da25.jpeg" alt="test media description"');
    expect(media.content_html).not.toMatch(/<script|alert\(/);
    expect(JSON.parse(media.categories ?? 'null')).toEqual(['mastodon']);
    expect(JSON.parse(media.enclosures ?? 'null')).toEqual([{ url: 'https://files.mastodon.social/media_attachments/files/022/345/792/original/57859aede991da25.jpeg', type: 'image/jpeg', length: null }]);
    expect(boost.author).toBe('OCHA (boosted by Eugen)');
    expect(boost.title).toBe('CW: Long thread');
    expect(sourceRow('gargron').feed_title).toBe('Eugen (@Gargron@127.0.0.1:' + server!.port + ')');
    // The same statuses again: nothing new.
    const again = await runFetchCycle(d, { force: true });
    expect(again.sources[0]).toMatchObject({ status: 'ok', new: 0, unchanged: 3 });
  });

  it('falls back to the public RSS of a hashtag when the instance refuses anonymous API calls', async () => {
    const d = await setup(
      { '/api/v1/timelines/tag/humanitarian': respond.status(401, { body: '{"error":"This method requires an authenticated user"}' }), '/tags/humanitarian.rss': respond.body(fixture('mastodon-tag.rss'), 'application/rss+xml') },
      (u) => `  - { slug: tag, kind: mastodon, instance: "${u}", hashtag: "#humanitarian", topic: t }\n`,
    );
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'ok', new: 1 });
    expect(itemsOf('tag')[0]).toMatchObject({ url: 'https://mastodon.example/@ngo/111222333444555666' });
  });

  it.each([
    ['an unknown account', { '/api/v1/accounts/lookup': respond.status(404, { body: '{"error":"Record not found"}' }) }, /account @nobody on 127\.0\.0\.1:\d+ not found \(HTTP 404/],
    ['a rate limit', { '/api/v1/accounts/lookup': respond.status(429, { headers: { 'retry-after': '600' }, body: '{"error":"Too many requests"}' }) }, /account @nobody.*429|rate/i],
    ['a changed API', { '/api/v1/accounts/lookup': respond.body('{"identifier": 1}', 'application/json') }, /not in the expected shape \(id: .*\); has it changed\?/],
  ])('reports %s as a source error a curator can read', async (_what, r, message) => {
    const d = await setup(r, (u) => `  - { slug: nobody, kind: mastodon, instance: "${u}", handle: "nobody", topic: t }\n`);
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]!.status).toBe('error');
    expect(sourceRow('nobody').last_error).toMatch(message);
    expect(itemsOf('nobody')).toHaveLength(0);
  });

  it('waits at least as long as Retry-After asks after a rate limit', async () => {
    const d = await setup({ '/api/v1/accounts/lookup': respond.status(429, { headers: { 'retry-after': '7200' } }) }, (u) => `  - { slug: busy, kind: mastodon, instance: "${u}", handle: "x", topic: t }\n`);
    await runFetchCycle(d, { force: true });
    expect(sourceRow('busy').next_fetch_at as number).toBeGreaterThanOrEqual(NOW + 7_200_000);
  });
});

describe('bluesky', () => {
  it("stores an account's posts with facets as links, images, link cards, and reposts credited", async () => {
    const d = await setup({ '/xrpc/app.bsky.feed.getAuthorFeed': json('bluesky-author-feed.json') }, (u) => `  - { slug: bsky, kind: bluesky, handle: "bsky.app", appview: "${u}", topic: t }\n`);
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'ok', new: 3 });
    expect(server!.lastHeaders('/xrpc/app.bsky.feed.getAuthorFeed')).toBeDefined();
    const [release, report2, repost] = itemsOf('bsky') as Record<string, string>[];
    expect(release!.url).toBe('https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l');
    expect(release!.title).toBe('Déjà vu? 🦋 New in this release: pinned posts and more. Read the notes → bsky.social/about/blog… #release');
    expect(release!.content_html).toContain('<a href="https://bsky.social/about/blog/10-09-2024-release">bsky.social/about/blog…</a>');
    expect(release!.content_html).toContain('<a href="https://bsky.app/hashtag/release">#release</a>');
    expect(release!.content_html).toContain('alt="Screenshot of the new feature"');
    expect(JSON.parse(release!.categories ?? 'null')).toEqual(['release']);
    expect(release!.lang).toBe('en');
    expect(report2!.content_html).toContain('href="https://bsky.social/about/blog/moderation-report?utm_source=bsky"');
    expect(repost!.author).toBe('AT Protocol Developers (reposted by Bluesky)');
  });

  it('reports an unknown account and a changed API clearly', async () => {
    const d = await setup(
      {
        '/xrpc/app.bsky.feed.getAuthorFeed': (req, res) => {
          const actor = new URL(req.url ?? '/', 'http://x').searchParams.get('actor');
          if (actor === 'ghost.example') return respond.status(400, { headers: { 'content-type': 'application/json' }, body: '{"error":"InvalidRequest","message":"Profile not found"}' })(req, res);
          return respond.body('{"posts": []}', 'application/json')(req, res);
        },
      },
      (u) => `  - { slug: ghost, kind: bluesky, handle: "ghost.example", appview: "${u}", topic: t }\n  - { slug: changed, kind: bluesky, handle: "changed.example", appview: "${u}", topic: t }\n`,
    );
    await runFetchCycle(d, { force: true });
    expect(sourceRow('ghost').last_error).toMatch(/Bluesky account ghost\.example not found/);
    expect(sourceRow('changed').last_error).toMatch(/not in the expected shape \(feed: .*\); has it changed\?/);
  });
});

describe('youtube', () => {
  it("stores a channel's videos with thumbnail, description and link", async () => {
    const d = await setup({ '/feeds/videos.xml': respond.body(fixture('youtube-channel.xml'), 'text/xml; charset=UTF-8') }, (u) => `  - { slug: unhcr, kind: youtube, channel: "UCN0oMXCyK3ek_Bbwn6zxYSg", base_url: "${u}", topic: t }\n`);
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'ok', new: 2 });
    const [amina] = itemsOf('unhcr') as Record<string, string>[];
    expect(amina).toMatchObject({ title: 'Life in a refugee camp: a day with Amina', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', author: 'UNHCR, the UN Refugee Agency', guid: 'yt:video:dQw4w9WgXcQ' });
    expect(amina!.content_html).toContain('<img src="https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"');
    expect(amina!.content_html).toContain('<a href="https://www.unhcr.org/refugee-day">');
    expect(amina!.summary).toBe('World Refugee Day 2024. Learn more: https://www.unhcr.org/refugee-day & share.');
  });

  it('reports a channel that does not exist', async () => {
    const d = await setup({}, (u) => `  - { slug: gone, kind: youtube, playlist: "PLxxxxxxxxxxxxxxxx", base_url: "${u}", topic: t }\n`);
    await runFetchCycle(d, { force: true });
    expect(sourceRow('gone').last_error).toMatch(/YouTube playlist PLxxxxxxxxxxxxxxxx not found \(HTTP 404/);
  });
});

describe('reddit', () => {
  it("stores a subreddit's feed entries", async () => {
    const d = await setup({ '/r/humanitarian/new/.rss': respond.body(fixture('reddit-frontpage.rss'), 'application/rss+xml') }, (u) => `  - { slug: rh, kind: reddit, subreddit: "r/humanitarian", base_url: "${u}", topic: t }\n`);
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]!.status).toBe('ok');
    expect(report.sources[0]!.new).toBeGreaterThan(10);
    expect(itemsOf('rh').some((i) => i.title === 'The water is too deep, so he improvises')).toBe(true);
  });

  it.each([
    ['HTTP 403', respond.status(403)],
    ['HTTP 410', respond.status(410)],
    ['an HTML page instead of a feed', respond.body('<!doctype html><html><body>RSS is gone</body></html>')],
  ])('says plainly that Reddit may have ended its public RSS when the feed answers %s', async (what, handler) => {
    const d = await setup({ '/r/humanitarian/new/.rss': handler }, (u) => `  - { slug: rh, kind: reddit, subreddit: "humanitarian", base_url: "${u}", topic: t }\n`);
    await runFetchCycle(d, { force: true });
    const err = sourceRow('rh').last_error as string;
    expect(err).toContain(`r/humanitarian: Reddit did not serve the subreddit's feed (${what})`);
    expect(err).toContain('Reddit announced the end of its public RSS feeds for 2026-11-13');
  });
});
