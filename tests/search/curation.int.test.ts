/**
 * Curation data in search: tags, signal status (strongest live flag) and approval, read from the curation tables
 * into the documents and filterable on both backends by signed-in members; anonymous requests never see them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDocuments } from '../../src/search/document.js';
import { createFtsBackend } from '../../src/search/fts.js';
import { createMeiliBackend } from '../../src/search/meili.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { parseQuery } from '../../src/search/query.js';
import type { SearchBackend, SearchFilters } from '../../src/search/types.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { loadFixture, type FixtureInstall } from './fixture.js';
import { anonymousReader, everyReader } from '../helpers/viewers.js';

// Meilisearch tasks can take seconds on a loaded machine: generous limits, no timing assertions.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const meili = testMeili();
let fx: FixtureInstall;
const backends: Record<string, SearchBackend | null> = { fts5: null, meilisearch: null };

beforeAll(async () => {
  const env = meili ? meiliEnv(meili, 'curation') : {};
  fx = loadFixture(env);
  const db = fx.deps.sqlite;
  const now = fx.deps.clock.now();
  const climat = db.prepare(`SELECT id FROM topics WHERE slug = 'climat'`).pluck().get() as number;
  const tag = (name: string) => Number(db.prepare(`INSERT INTO tags (topic_id, name, created_at) VALUES (?, ?, ?)`).run(climat, name, now).lastInsertRowid);
  const [urgent, arctic] = [tag('urgent'), tag('arctique')];
  const flag = (status: string, strength: number, items: string[]) => {
    const id = Number(db.prepare(`INSERT INTO flags (strength, rationale, status, created_at, updated_at) VALUES (?, 'why', ?, ?, ?)`).run(strength, status, now, now).lastInsertRowid);
    for (const k of items) db.prepare(`INSERT INTO flag_items (flag_id, item_id) VALUES (?, ?)`).run(id, fx.ids[k]);
  };
  db.transaction(() => {
    for (const [k, t] of [['p4', arctic], ['g4', arctic], ['p4', urgent], ['p1', urgent]] as const) {
      db.prepare(`INSERT INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?)`).run(fx.ids[k], t, now);
    }
    flag('watching', 3, ['p4']);
    flag('confirmed', 2, ['p4', 'g1']);
    flag('dismissed', 3, ['g1']);
    // An approval is made in one of the item's topics (approvals are per item and topic).
    db.prepare(`INSERT INTO approvals (item_id, topic_id, created_at) SELECT i.id, min(st.topic_id), ? FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE i.id = ?`).run(now, fx.ids.g4);
    // As the curation code does in the same transaction: the changed items go to the outbox.
    for (const k of ['p1', 'p4', 'g1', 'g4']) db.prepare(`INSERT INTO outbox (entity, entity_id, op, created_at) VALUES ('item', ?, 'upsert', ?)`).run(fx.ids[k], now);
  })();
  backends.fts5 = createFtsBackend(db);
  if (meili) {
    await createOutboxDrain(fx.deps).drain({ owner: 't' });
    backends.meilisearch = createMeiliBackend({ url: meili.url, key: meili.key, index: env.MEILI_INDEX! });
  }
});
afterAll(async () => {
  await fx?.close();
});

it('documents carry tags, the strongest live signal and the approval', () => {
  const docs = buildDocuments(fx.deps.sqlite, [fx.ids.p4!, fx.ids.g1!, fx.ids.g4!, fx.ids.t1!]);
  expect(docs.get(fx.ids.p4!)).toMatchObject({ tags: expect.arrayContaining(['urgent', 'arctique']), signal: 'watching', approved: false });
  expect(docs.get(fx.ids.g1!)).toMatchObject({ tags: [], signal: 'confirmed', approved: false });
  expect(docs.get(fx.ids.g4!)).toMatchObject({ tags: ['arctique'], signal: null, approved: true });
  expect(docs.get(fx.ids.t1!)).toMatchObject({ tags: [], signal: null, approved: false });
});

describe.each(['fts5', 'meilisearch'] as const)('curation filters on %s', (name) => {
  const run = (filters: SearchFilters, anonymous = false) =>
    backends[name]!.search({ query: parseQuery(''), filters, sort: 'date', offset: 0, limit: 50, viewer: anonymous ? anonymousReader(fx.deps.sqlite) : everyReader() });
  const keys = async (filters: SearchFilters) => (await run(filters)).hits.map((h) => fx.keyOf(h.id)).sort();

  it.skipIf(name === 'meilisearch' && !meili)('filters by tag and signal, counts tags as a facet', async () => {
    expect(await keys({ tag: 'arctique' })).toEqual(['g4', 'p4']);
    expect(await keys({ tag: 'urgent' })).toEqual(['p1', 'p4']);
    expect(await keys({ signal: 'confirmed' })).toEqual(['g1']);
    expect(await keys({ signal: 'watching' })).toEqual(['p4']);
    expect((await run({ topic: 'climat' })).facets.tag).toEqual({ arctique: 2, urgent: 2 });
    const anon = await run({ topic: 'climat' }, true);
    expect(anon.facets).not.toHaveProperty('tag');
    expect(anon.hits.every((h) => !('tags' in h) && !('signal' in h))).toBe(true);
  });
});
