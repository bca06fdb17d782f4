/** A small network for curation tests: two public topics, one members-only, items in each, and one user per role. */
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
import type { Deps } from '../../src/deps.js';
import { createApp } from '../../src/http/app.js';
import { manualClock } from '../../src/lib/clock.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

export const FEEDS = `topics:
  - { slug: sante, name: Santé }
  - { slug: climat, name: Climat }
  - { slug: interne, name: Interne, public: false }
sources:
  - { slug: who, kind: feed, url: "https://who.example/feed", topic: sante }
  - { slug: meteo, kind: feed, url: "https://meteo.example/feed", topic: climat }
  - { slug: memo, kind: feed, url: "https://memo.example/feed", topic: interne }
`;

export const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);

export function newsItem(n: number, host: string): NormalisedItem {
  return {
    guid: `${host}-${n}`,
    url: `https://${host}/${n}`,
    canonicalUrl: `https://${host}/${n}`,
    title: `Item ${n} from ${host}`,
    author: null,
    published: new Date(T0 - n * 3_600_000).toISOString(),
    summary: `Summary ${n}`,
    contentHtml: `<p>Summary ${n}</p>`,
    contentText: `Summary ${n}`,
    categories: [],
    enclosures: [],
    lang: 'fr',
  };
}

export interface Network {
  install: TestInstall;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof manualClock>;
  /** One item per source. */
  items: { sante: number; climat: number; interne: number };
  users: { admin: TestUser; curator: TestUser; member: TestUser; other: TestUser };
  close(): Promise<void>;
}

/** `other` is a curator of climat: a member/curator of another topic than the items of sante. */
export async function makeNetwork(env: Record<string, string> = {}): Promise<Network> {
  const install = makeTestInstall(FEEDS, env);
  const clock = manualClock(T0);
  const deps = makeTestDeps(install, { clock });
  const seed = (slug: string, host: string) => {
    const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
    deps.store.store(id, keyItems([newsItem(1, host)], true), T0, true);
    return deps.sqlite.prepare(`SELECT id FROM items WHERE source_id = ?`).pluck().get(id) as number;
  };
  const items = { sante: seed('who', 'who.example'), climat: seed('meteo', 'meteo.example'), interne: seed('memo', 'memo.example') };
  const users = {
    admin: await addTestUser(deps.sqlite, { email: 'admin@vigie.test', displayName: 'Ada Admin', role: 'admin' }, T0),
    curator: await addTestUser(deps.sqlite, { email: 'curator@vigie.test', displayName: 'Claire Curatrice', role: 'curator', topics: { sante: 'curator' } }, T0),
    member: await addTestUser(deps.sqlite, { email: 'member@vigie.test', displayName: 'Marc Membre', topics: { sante: 'member' } }, T0),
    other: await addTestUser(deps.sqlite, { email: 'other@vigie.test', displayName: 'Olga Autre', role: 'curator', topics: { climat: 'curator' } }, T0),
  };
  return {
    install,
    deps,
    app: createApp(deps),
    clock,
    items,
    users,
    async close() {
      await deps.close();
      install.cleanup();
    },
  };
}

export function outboxCount(deps: Deps, itemId: number): number {
  return deps.sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity = 'item' AND entity_id = ? AND op = 'upsert'`).pluck().get(itemId) as number;
}
