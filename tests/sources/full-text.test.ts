/**
 * `full_text: true`: a feed of summaries whose article pages are served on 127.0.0.1 (a real Le Monde page from
 * Readability's test suite). What a reader notices: the item carries the article's text; a page that fails keeps the
 * summary; articles are not fetched again on every change of the feed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import { manualClock } from '../../src/lib/clock.js';
import { respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const ARTICLE = readFileSync(join(import.meta.dirname, '../fixtures/html/readability/lemonde-1/source.html'));
const NOW = Date.parse('2026-11-20T12:00:00Z');

const feed = (base: string, extra = '') => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Résumés</title><link>${base}/</link>
${extra}
<item><title>Renseignement</title><link>${base}/article/renseignement.html</link><guid>a1</guid><description>Le texte est adopté.</description><pubDate>Tue, 05 May 2015 18:00:00 GMT</pubDate></item>
<item><title>Introuvable</title><link>${base}/article/absent.html</link><guid>a2</guid><description>Résumé seul.</description></item>
<item><title>Un PDF</title><link>${base}/article/rapport.pdf</link><guid>a3</guid><description>Le rapport.</description></item>
</channel></rss>`;

let install: TestInstall | undefined;
let deps: Deps | undefined;
let server: FeedServer | undefined;

afterEach(async () => {
  await deps?.close();
  await server?.close();
  install?.cleanup();
});

it('replaces summaries with the article text, keeps the summary when a page fails, and does not refetch stored articles', async () => {
  server = await startFeedServer({
    routes: {
      '/article/renseignement.html': respond.body(ARTICLE, 'text/html; charset=utf-8'),
      '/article/rapport.pdf': respond.body(Buffer.from('%PDF-1.4'), 'application/pdf'),
    },
  });
  server.setFile('/feed.xml', feed(server.url));
  install = makeTestInstall(`topics:\n  - { slug: t, name: T }\nsources:\n  - { slug: resumes, kind: feed, url: "${server.url}/feed.xml", topic: t, full_text: true }\n`);
  deps = makeTestDeps(install, { clock: manualClock(NOW), random: () => 0.5 });

  const report = await runFetchCycle(deps, { force: true });
  expect(report.sources[0]).toMatchObject({ status: 'ok', new: 3 });
  const byGuid = (g: string) => deps!.sqlite.prepare(`SELECT * FROM items WHERE guid = ?`).get(g) as Record<string, string>;
  const article = byGuid('a1');
  expect(article.content_text).toContain('Les députés ont, sans surprise, adopté à une large majorité (438 contre 86');
  expect(article.content_text!.length).toBeGreaterThan(3000);
  expect(article.summary).toBe('Le texte est adopté.');
  expect(article.content_html).not.toMatch(/<script|<iframe|onclick/i);
  expect(byGuid('a2').content_text).toBe('Résumé seul.');
  expect(byGuid('a3').content_text).toBe('Le rapport.');

  // The feed changes (new ETag, one more entry): only the new entry's page is fetched; stored text stays.
  server.setFile('/feed.xml', feed(server.url, `<item><title>Nouveau</title><link>${server.url}/article/nouveau.html</link><guid>a4</guid><description>Neuf.</description></item>`));
  const again = await runFetchCycle(deps, { force: true });
  expect(again.sources[0]).toMatchObject({ status: 'ok', new: 1, updated: 0 });
  expect(server.requests('/article/renseignement.html')).toBe(1);
  expect(server.requests('/article/nouveau.html')).toBe(1);
  expect(byGuid('a1').content_text).toContain('Les députés ont, sans surprise');
});
