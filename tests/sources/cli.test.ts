/**
 * The source-checking commands as a user runs them (bin/vigie.js over dist/): `vigie extract`, `vigie discover`,
 * `vigie source test` and `vigie source inbox`, with their JSON shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { vigie } from '../helpers/cli.js';
import { makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FIX = join(import.meta.dirname, '../fixtures/html');
let server: FeedServer;
let install: TestInstall;

beforeAll(async () => {
  server = await startFeedServer({
    routes: {
      '/news/': respond.body(readFileSync(join(FIX, 'actualites.html'))),
      '/site/': respond.body('<html><head><link rel="alternate" type="application/atom+xml" title="Atom" href="/site/atom.xml"><link rel="alternate" type="application/rss+xml" href="/site/down.xml"></head></html>'),
      '/site/atom.xml': respond.body(readFileSync(join(FIX, 'feed-discovery/html4-001.xml')), 'application/atom+xml'),
      '/site/down.xml': respond.status(500),
    },
  });
  install = makeTestInstall(
    `topics:\n  - { slug: t, name: T }\nsources:\n  - { slug: news, kind: html, url: "${server.url}/news/", topic: t, selectors: { entry: "article.news", title: ".news-title", date: "time", summary: ".chapo" } }\n  - { slug: lettre, kind: newsletter, topic: t }\n`,
    { INBOUND_DOMAIN: 'veille.example' },
  );
});
afterAll(async () => {
  await server.close();
  install.cleanup();
});

describe('vigie extract', () => {
  it('prints the article with exactly the documented fields', async () => {
    const r = await vigie(['extract', join(FIX, 'readability/lemonde-1/source.html'), '--url', 'https://www.lemonde.fr/article.html', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['title', 'byline', 'excerpt', 'siteName', 'lang', 'publishedTime', 'contentHtml', 'contentText']);
    expect(out).toMatchObject({ title: "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée", siteName: 'Le Monde.fr', lang: 'fr' });
  });

  it('exits 1 with a message on a page without content', async () => {
    const r = await vigie(['extract', join(FIX, 'feed-discovery/html4-001.xml'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/vigie extract: /);
  });
});

describe('vigie discover', () => {
  it('prints the feeds best first, the one that does not answer listed unverified', async () => {
    const r = await vigie(['discover', `${server.url}/site/`, '--json'], install.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      feeds: [
        { url: `${server.url}/site/atom.xml`, type: 'atom', title: 'Atom', verified: true },
        { url: `${server.url}/site/down.xml`, type: 'rss', title: null, verified: false },
      ],
    });
  });
});

describe('vigie source', () => {
  it('test SLUG prints what the source would add without storing anything', async () => {
    const r = await vigie(['source', 'test', 'news', '--json'], install.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; new: number; items: { status: string; title: string }[] };
    expect(out).toMatchObject({ source: 'news', kind: 'html', status: 'ok', new: 3, updated: 0, unchanged: 0 });
    expect(out.items.map((i) => [i.status, i.title])).toContainEqual(['new', 'Évaluation de la réponse au séisme']);
    const db = new Database(install.config.dbFile, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('inbox SLUG shows the address to subscribe newsletters with', async () => {
    const r = await vigie(['source', 'inbox', 'lettre', '--json'], install.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ source: 'lettre', address: 'lettre@veille.example', messages: [] });
  });

  it('refuses an unknown source', async () => {
    const r = await vigie(['source', 'test', 'nope'], install.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown source 'nope'/);
  });
});
