/**
 * The search contract: the same queries over the same fixture items (tests/fixtures/search/items.json) against
 * both backends — SQLite FTS5 and a real Meilisearch — must give the same result sets, facets and date orders.
 * Ranking by relevance may differ between engines, so sets are compared unordered unless the order is a date
 * order. Where the engines legitimately differ (typo tolerance), the case says so.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allDocuments } from '../../src/search/document.js';
import { createFtsBackend } from '../../src/search/fts.js';
import { createMeiliBackend } from '../../src/search/meili.js';
import { createMeiliIndex } from '../../src/search/meili-index.js';
import { parseQuery } from '../../src/search/query.js';
import type { SearchBackend, SearchFilters, SearchRequest, SortOrder } from '../../src/search/types.js';
import { testIndexName, testMeili } from '../helpers/meili.js';
import { loadFixture, type FixtureInstall } from './fixture.js';
import { anonymousReader, everyReader } from '../helpers/viewers.js';

// Meilisearch tasks can take seconds on a loaded machine: generous limits, no timing assertions.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

interface Case {
  name: string;
  q: string;
  filters?: SearchFilters;
  sort?: SortOrder;
  anonymous?: boolean;
  /** Expected fixture keys (a set, unless `ordered`). */
  expect: string[];
  ordered?: boolean;
  /** What Meilisearch answers instead, and why (FTS5 has no typo tolerance). */
  meili?: { expect: string[]; because: string };
}

const day = (d: string) => Date.parse(d);
const PUBLIC_ITEMS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'g1', 'g2', 'g3', 'g4', 'g5', 't1', 't2', 't3', 't4', 't5'];

const cases: Case[] = [
  { name: 'one word, members see the private topic too', q: 'glacier', expect: ['p1', 'g1', 'l1'] },
  { name: 'anonymous readers never see private topics', q: 'glacier', anonymous: true, expect: ['p1', 'g1'] },
  { name: 'two words, accents folded', q: 'energie solaire', expect: ['p2', 'p6'] },
  { name: 'accented query', q: 'Éoliennes', expect: ['p5'] },
  { name: 'case does not matter', q: 'QUANTUM', expect: ['t2'] },
  { name: 'phrase in quotes', q: '"transition énergétique"', expect: ['p2', 'p5'] },
  { name: 'excluded word', q: 'solar -coal', expect: ['g3', 't3', 't4'] },
  { name: 'excluded phrase', q: 'transition -"parc éolien"', expect: ['p2'] },
  { name: 'last word is a prefix', q: 'batter', expect: ['g5', 't1', 'l2'] },
  { name: 'stop words ignored', q: 'le glacier', expect: ['p1', 'g1', 'l1'] },
  { name: 'topic filter', q: 'solar', filters: { topic: 'tech' }, expect: ['t3', 't4'] },
  { name: 'language filter', q: 'glacier', filters: { lang: 'fr' }, expect: ['p1', 'l1'] },
  {
    name: 'source filter, newest first',
    q: '',
    filters: { source: 'greenwire' },
    expect: ['g5', 'g4', 'g3', 'g2', 'g1'],
    ordered: true,
  },
  {
    name: 'date range',
    q: '',
    filters: { from: day('2026-11-03'), to: day('2026-11-05') },
    expect: ['p3', 'p4', 'g3', 'g4', 't3', 't4'],
  },
  { name: 'sort by date', q: 'lithium', sort: 'date', expect: ['g5', 'l2', 't1'], ordered: true },
  { name: 'filters only, anonymous: every public item', q: '', anonymous: true, expect: PUBLIC_ITEMS },
  { name: 'only an exclusion', q: '-glacier', anonymous: true, expect: PUBLIC_ITEMS.filter((k) => k !== 'p1' && k !== 'g1') },
  { name: 'FTS5 operators are plain words', q: 'NEAR(glacier charbon)', expect: [] },
  { name: 'a star is not an operator', q: 'glacier*', expect: ['p1', 'g1', 'l1'] },
  { name: 'column filters are plain words', q: 'title:glacier', expect: [] },
  { name: 'unbalanced quote', q: '"transition énergétique', expect: ['p2', 'p5'] },
  { name: 'OR is not an operator', q: 'coal OR solar', expect: ['g2'] },
  {
    name: 'a typo',
    q: 'glaicer',
    expect: [],
    meili: { expect: ['p1', 'g1', 'l1'], because: 'Meilisearch tolerates one typo in words of 5+ letters; FTS5 matches exact tokens' },
  },
];

const meili = testMeili();
let fx: FixtureInstall;
const backends: Record<string, SearchBackend | null> = { fts5: null, meilisearch: null };

beforeAll(async () => {
  fx = loadFixture();
  backends.fts5 = createFtsBackend(fx.deps.sqlite);
  if (meili) {
    const conn = { url: meili.url, key: meili.key, index: testIndexName('contract') };
    await createMeiliIndex(conn).rebuild(allDocuments(fx.deps.sqlite));
    backends.meilisearch = createMeiliBackend(conn);
  }
});
afterAll(async () => {
  await fx?.close();
});

function request(c: Pick<Case, 'q' | 'filters' | 'sort' | 'anonymous'>, offset = 0, limit = 50): SearchRequest {
  return { query: parseQuery(c.q), filters: c.filters ?? {}, sort: c.sort ?? 'relevance', offset, limit, viewer: c.anonymous ? anonymousReader(fx.deps.sqlite) : everyReader() };
}

describe.each(['fts5', 'meilisearch'] as const)('search contract: %s', (name) => {
  const skip = name === 'meilisearch' && !meili;

  it.skipIf(skip).each(cases)('$name', async (c) => {
    const res = await backends[name]!.search(request(c));
    const keys = res.hits.map((h) => fx.keyOf(h.id));
    const want = name === 'meilisearch' && c.meili ? c.meili.expect : c.expect;
    if (c.ordered) expect(keys).toEqual(want);
    else expect([...keys].sort()).toEqual([...want].sort());
    expect(res.total).toBe(want.length);
    expect(res.backend).toBe(name);
  });

  it.skipIf(skip)('facet counts for topic, source, lang and tag', async () => {
    const res = await backends[name]!.search(request({ q: 'wind' }));
    expect(res.facets).toEqual({
      topic: { climat: 2, tech: 1 },
      source: { greenwire: 2, technews: 1 },
      lang: { en: 3 },
      tag: {},
    });
    const anon = await backends[name]!.search(request({ q: 'hydrogène', anonymous: true }));
    expect(anon.facets).toEqual({ topic: { climat: 1 }, source: { planete: 1 }, lang: { fr: 1 } });
  });

  it.skipIf(skip)('pages walk every result once, in the same order as one big page', async () => {
    const all = (await backends[name]!.search(request({ q: '', anonymous: true }))).hits.map((h) => h.id);
    const seen: number[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = await backends[name]!.search(request({ q: '', anonymous: true }, offset, 5));
      seen.push(...page.hits.map((h) => h.id));
      offset = page.nextOffset;
    }
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(PUBLIC_ITEMS.length);
  });

  it.skipIf(skip)('hits carry what a result needs; snippets mark matches; anonymous hits carry no curation data', async () => {
    const [hit] = (await backends[name]!.search(request({ q: 'quantum' }))).hits;
    expect(hit).toMatchObject({
      title: 'Quantum computer reaches new milestone',
      titleHtml: '<mark>Quantum</mark> computer reaches new milestone',
      url: 'https://example.org/t2',
      source: 'technews',
      sourceName: 'Tech News',
      topic: 'tech',
      lang: 'en',
      published: '2026-11-02T16:00:00.000Z',
      tags: [],
      signal: null,
      approved: false,
    });
    expect(hit!.snippet).toContain('<mark>quantum</mark>');
    const [anon] = (await backends[name]!.search(request({ q: 'quantum', anonymous: true }))).hits;
    expect(anon).not.toHaveProperty('tags');
    expect(anon).not.toHaveProperty('signal');
    expect(anon).not.toHaveProperty('approved');
  });
});
