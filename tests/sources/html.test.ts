/**
 * `kind: html` end to end: a page without a feed served on 127.0.0.1, read with the CSS selectors of feeds.yaml.
 * What a curator notices: entries become items; a page that changes without new entries adds nothing; a selector
 * that stops matching is reported as an error (not as "no news"); huge pages and redirect loops fail cleanly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import { manualClock } from '../../src/lib/clock.js';
import { redirectChain, respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const PAGE = readFileSync(join(import.meta.dirname, '../fixtures/html/actualites.html'), 'utf8');
const NOW = Date.parse('2026-11-20T12:00:00Z');
const SELECTORS = `{ entry: "article.news", title: ".news-title", link: ".news-title a", date: "time", summary: ".chapo" }`;

let install: TestInstall | undefined;
let deps: Deps | undefined;
let server: FeedServer | undefined;

afterEach(async () => {
  await deps?.close();
  await server?.close();
  install?.cleanup();
  deps = server = install = undefined;
});

async function setup(path = '/fr/actualites/', selectors = SELECTORS, routes = {}) {
  server = await startFeedServer({ files: { '/fr/actualites/': PAGE }, routes });
  install = makeTestInstall(`topics:\n  - { slug: t, name: T }\nsources:\n  - { slug: urd, kind: html, url: "${server.url}${path}", topic: t, selectors: ${selectors} }\n`);
  deps = makeTestDeps(install, { clock: manualClock(NOW), random: () => 0.5 });
  return deps;
}

const items = () => deps!.sqlite.prepare(`SELECT * FROM items ORDER BY published_at DESC`).all() as Record<string, string | number | null>[];
const source = () => deps!.sqlite.prepare(`SELECT * FROM sources WHERE slug = 'urd'`).get() as Record<string, string | number | null>;

describe('kind: html', () => {
  it('turns the entries of a page into items: title, absolute link, date, sanitised summary', async () => {
    const d = await setup();
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'ok', new: 3 });
    const [seisme, formation, rapport] = items();
    expect(seisme).toMatchObject({
      title: 'Évaluation de la réponse au séisme',
      url: `${server!.url}/fr/actualites/evaluation-reponse-seisme/`,
      published_at: Date.parse('2026-11-18T08:30:00Z'),
    });
    expect(seisme!.content_html).not.toMatch(/script|javascript:/);
    expect(seisme!.summary).toMatch(/^Notre équipe publie l'évaluation en temps réel/);
    expect(formation!.url).toBe(`${server!.url}/fr/actualites/formation-redevabilite.html`);
    expect(rapport!.canonical_url).toBe('https://partenaire.example.org/rapport?id=7');
    expect(source().feed_title).toBe('Actualités — Groupe Exemple');
  });

  it('adds nothing when the page changed without new entries, and only the new entry when one appears', async () => {
    const d = await setup();
    await runFetchCycle(d, { force: true });
    server!.setFile('/fr/actualites/', PAGE.replace('BANNER', 'autre bandeau').replace('AGO', '3 heures'));
    const unchanged = await runFetchCycle(d, { force: true });
    expect(unchanged.sources[0]).toMatchObject({ status: 'ok', new: 0 });
    const added = PAGE.replace(
      '<div class="news-list">',
      '<div class="news-list"><article class="news"><h2 class="news-title"><a href="/fr/actualites/nouveau/">Nouvelle publication</a></h2><time datetime="2026-11-19">19 nov.</time><p class="chapo">Tout neuf.</p></article>',
    );
    server!.setFile('/fr/actualites/', added);
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]).toMatchObject({ status: 'ok', new: 1 });
    expect(items()[0]!.title).toBe('Nouvelle publication');
  });

  it('reports a selector that stops matching as a source error, keeping the items already stored', async () => {
    const d = await setup();
    await runFetchCycle(d, { force: true });
    server!.setFile('/fr/actualites/', PAGE.replaceAll('class="news"', 'class="post"'));
    const report = await runFetchCycle(d, { force: true });
    expect(report.sources[0]!.status).toBe('error');
    expect(source().last_error).toMatch(/selector entry 'article\.news' matches nothing on .*: the page has changed \(this is not "no news"\)/);
    expect(items()).toHaveLength(3);
  });

  it('reports a field selector that matches in no entry', async () => {
    const d = await setup('/fr/actualites/', `{ entry: "article.news", title: "h3.titre" }`);
    await runFetchCycle(d, { force: true });
    expect(source().last_error).toMatch(/selector title 'h3\.titre' matches in none of the 3 entries/);
  });

  it('refuses a 50 MB page and an endless redirect with readable errors', async () => {
    const d = await setup('/huge', SELECTORS, { '/huge': respond.endless({ contentLength: 50 * 1024 * 1024, contentType: 'text/html' }) });
    await runFetchCycle(d, { force: true });
    expect(source().last_error).toMatch(/MB|too large|limit/i);
    await deps!.close();
    await server!.close();
    install!.cleanup();
    const d2 = await setup('/loop/0', SELECTORS, redirectChain('/loop', 2, '/loop/0'));
    await runFetchCycle(d2, { force: true });
    expect(source().last_status).toBe('error');
    expect(source().last_error).toMatch(/redirect/i);
  });
});
