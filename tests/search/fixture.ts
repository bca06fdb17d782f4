/** The search fixture (tests/fixtures/search/items.json) stored through the real item store into a test install. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../src/deps.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
import { manualClock } from '../../src/lib/clock.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

export interface FixtureItem {
  key: string;
  source: string;
  published: string;
  title: string;
  summary: string;
  content: string;
}
interface Fixture {
  topics: { slug: string; name: string; public: boolean }[];
  sources: { slug: string; name: string; topic: string; lang: string }[];
  items: FixtureItem[];
}

export const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/search/items.json'), 'utf8')) as Fixture;
export const NOW = Date.parse('2026-11-20T12:00:00Z');

export function feedsYaml(): string {
  const topics = fixture.topics.map((t) => `  - { slug: ${t.slug}, name: "${t.name}", public: ${t.public} }`);
  const sources = fixture.sources.map((s) => `  - { slug: ${s.slug}, name: "${s.name}", kind: feed, url: "http://127.0.0.1:9/${s.slug}.xml", topic: ${s.topic}, lang: ${s.lang} }`);
  return `topics:\n${topics.join('\n')}\nsources:\n${sources.join('\n')}\n`;
}

export function normalised(it: Pick<FixtureItem, 'key' | 'title' | 'summary' | 'content' | 'published'>): NormalisedItem {
  return {
    guid: it.key,
    url: `https://example.org/${it.key}`,
    canonicalUrl: `https://example.org/${it.key}`,
    title: it.title,
    author: null,
    published: it.published,
    summary: it.summary,
    contentHtml: `<p>${it.content}</p>`,
    contentText: it.content,
    categories: [],
    enclosures: [],
    lang: null,
  };
}

export function sourceId(deps: Deps, slug: string): number {
  return deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
}

/** Stores items of one source through the real store (items + outbox rows + FTS rows in one transaction). */
export function storeItems(deps: Deps, source: string, items: Pick<FixtureItem, 'key' | 'title' | 'summary' | 'content' | 'published'>[], now = NOW): number[] {
  const r = deps.store.store(sourceId(deps, source), keyItems(items.map(normalised), true), now, true);
  return [...r.inserted, ...r.updated];
}

export interface FixtureInstall {
  install: TestInstall;
  deps: Deps;
  /** Item id by fixture key. */
  ids: Record<string, number>;
  /** Fixture key by item id. */
  keyOf: (id: number) => string;
  close(): Promise<void>;
}

export function loadFixture(extraEnv: Record<string, string> = {}): FixtureInstall {
  const install = makeTestInstall(feedsYaml(), extraEnv);
  const deps = makeTestDeps(install, { clock: manualClock(NOW) });
  const ids: Record<string, number> = {};
  for (const s of fixture.sources) {
    const items = fixture.items.filter((i) => i.source === s.slug);
    const stored = storeItems(deps, s.slug, items);
    items.forEach((it, n) => (ids[it.key] = stored[n]!));
  }
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return {
    install,
    deps,
    ids,
    keyOf: (id) => byId.get(id) ?? `#${id}`,
    async close() {
      await deps.close();
      install.cleanup();
    },
  };
}
