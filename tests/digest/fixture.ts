/** A small network for digest tests: a public and a members-only topic, items, curators and members. */
import { approveItem } from '../../src/curation/approvals.js';
import { createSubscription, type NewSubscription } from '../../src/digest/subscriptions.js';
import { runDigests, type RunOptions } from '../../src/digest/run.js';
import type { Deps } from '../../src/deps.js';
import { createApp } from '../../src/http/app.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
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

/** Friday 20 November 2026, 10:00 UTC (11:00 in Paris, 05:00 in Montréal). */
export const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
export const HOUR = 3_600_000;

export function newsItem(n: number, host: string, title = `Item ${n} from ${host}`): NormalisedItem {
  return {
    guid: `${host}-${n}`,
    url: `https://${host}/${n}`,
    canonicalUrl: `https://${host}/${n}`,
    title,
    author: null,
    published: new Date(T0 - n * 60_000).toISOString(),
    summary: `Summary of ${title}`,
    contentHtml: `<p>Summary of ${title}</p>`,
    contentText: `Summary of ${title}`,
    categories: [],
    enclosures: [],
    lang: 'fr',
  };
}

export interface DigestNetwork {
  install: TestInstall;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof manualClock>;
  curator: TestUser;
  /** Adds items to a source (by slug); returns their ids in order. */
  seed(source: string, titles: string[]): number[];
  approve(itemId: number, note: string | null): void;
  member(email: string, topics?: Record<string, 'member' | 'curator'>): Promise<TestUser>;
  subscribe(s: Omit<NewSubscription, 'timeZone' | 'lang'> & Partial<Pick<NewSubscription, 'timeZone' | 'lang'>>): number;
  run(o?: RunOptions): ReturnType<typeof runDigests>;
  close(): Promise<void>;
}

export async function makeDigestNetwork(env: Record<string, string> = {}): Promise<DigestNetwork> {
  const install = makeTestInstall(FEEDS, { PUBLIC_URL: 'https://vigie.test', ...env });
  const clock = manualClock(T0);
  const deps = makeTestDeps(install, { clock });
  const curator = await addTestUser(deps.sqlite, { email: 'curator@vigie.test', displayName: 'Claire Curatrice', role: 'curator', topics: { sante: 'curator', interne: 'curator' } }, T0);
  let n = 0;
  return {
    install,
    deps,
    app: createApp(deps),
    clock,
    curator,
    seed(source, titles) {
      const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(source) as number;
      const host = `${source}.example`;
      deps.store.store(id, keyItems(titles.map((t) => newsItem(++n, host, t)), true), clock.now(), true);
      return titles.map((t) => deps.sqlite.prepare(`SELECT id FROM items WHERE source_id = ? AND title = ?`).pluck().get(id, t) as number);
    },
    approve(itemId, note) {
      const topicId = deps.sqlite.prepare(`SELECT st.topic_id FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE i.id = ?`).pluck().get(itemId) as number;
      approveItem(deps.sqlite, { id: curator.id, email: curator.email, displayName: curator.displayName }, itemId, topicId, note, clock.now());
    },
    member: (email, topics = {}) => addTestUser(deps.sqlite, { email, topics }, clock.now()),
    subscribe(s) {
      const r = createSubscription(deps.sqlite, { timeZone: 'Europe/Paris', lang: 'fr', ...s }, clock.now());
      if (!r.ok) throw new Error(r.message);
      return r.id;
    },
    run: (o = {}) => runDigests(deps, { backoffMs: 20, smtpTimeoutMs: 2_000, ...o }),
    async close() {
      await deps.close();
      install.cleanup();
    },
  };
}
