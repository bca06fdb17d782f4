/**
 * A small published network for the republication tests: two public topics and a members-only one, items with
 * hostile titles, a curator per topic, and the real HTTP server on 127.0.0.1.
 */
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
import type { Deps } from '../../src/deps.js';
import { manualClock } from '../../src/lib/clock.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { startAppServer } from '../helpers/server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

export const FEEDS = `topics:
  - { slug: sante, name: Santé publique, description: "Veille santé & environnement" }
  - { slug: climat, name: Climat }
  - { slug: interne, name: Interne, public: false }
sources:
  - { slug: who, kind: feed, url: "https://who.example/feed.xml", name: "W.H.O. <News>", topic: sante }
  - { slug: meteo, kind: feed, url: "https://meteo.example/feed", topic: climat }
  - { slug: memo, kind: feed, url: "https://memo.example/feed", topic: interne }
`;

export const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);

/** Everything a feed must survive: markup, CDATA end, control characters, RTL text, emoji, quotes, ampersands. */
export const HOSTILE_TITLE = '<script>alert("x")</script> ]]> end \u0001\u0008\u001f bell \u202Eعربي שלום 🦊🏳️‍🌈 & "quotes" \'single\'';

export function newsItem(n: number, host: string, over: Partial<NormalisedItem> = {}): NormalisedItem {
  return {
    guid: `${host}-${n}`,
    url: `https://${host}/article/${n}?a=1&b=2`,
    canonicalUrl: `https://${host}/article/${n}`,
    title: `Item ${n} from ${host}`,
    author: `Author ${n}`,
    published: new Date(T0 - n * 3_600_000).toISOString(),
    summary: `Summary ${n} of an article.`,
    contentHtml: `<p>Summary ${n}</p>`,
    contentText: `Summary ${n}`,
    categories: [],
    enclosures: [],
    lang: 'fr',
    ...over,
  };
}

export interface PublishNet {
  install: TestInstall;
  deps: Deps;
  clock: ReturnType<typeof manualClock>;
  url: string;
  curator: TestUser;
  /** Item ids by source slug, in insertion order. */
  items: Record<'who' | 'meteo' | 'memo', number[]>;
  /** Authenticated API call through the real server (bearer token). */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  approve(itemId: number, note?: string | null): Promise<void>;
  unpublish(itemId: number): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function makePublishNet(env: Record<string, string> = {}, perSource = 3): Promise<PublishNet> {
  const install = makeTestInstall(FEEDS, { PUBLIC_URL: 'https://veille.example.org/', ...env });
  const clock = manualClock(T0);
  const deps = makeTestDeps(install, { clock });
  const seed = (slug: string, host: string, extra: Partial<NormalisedItem>[] = []) => {
    const id = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
    const list = Array.from({ length: perSource }, (_, i) => newsItem(i + 1, host, extra[i] ?? {}));
    deps.store.store(id, keyItems(list, true), T0, true);
    return deps.sqlite.prepare(`SELECT id FROM items WHERE source_id = ? ORDER BY id`).pluck().all(id) as number[];
  };
  const items = {
    who: seed('who', 'who.example', [{ title: HOSTILE_TITLE, author: 'Dr <b>Ève</b> & co', summary: 'Text with ]]> and <tags> & \u0002 controls' }]),
    meteo: seed('meteo', 'meteo.example'),
    memo: seed('memo', 'memo.example'),
  };
  const curator = await addTestUser(deps.sqlite, { email: 'curator@vigie.test', displayName: 'Claire Curatrice', role: 'curator', topics: { '*': 'curator' } }, T0);
  const server = await startAppServer(deps);
  const token = curator.token('curate');
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    install,
    deps,
    clock,
    url: server.url,
    curator,
    items,
    api,
    async approve(itemId, note = null) {
      clock.advance(60_000);
      const res = await api('PUT', `/api/v1/items/${itemId}/approval`, { note });
      if (res.status !== 200) throw new Error(`approve ${itemId}: ${res.status} ${await res.text()}`);
    },
    async unpublish(itemId) {
      clock.advance(60_000);
      const res = await api('DELETE', `/api/v1/items/${itemId}/approval`);
      if (res.status !== 200) throw new Error(`unpublish ${itemId}: ${res.status} ${await res.text()}`);
    },
    get: (path, headers = {}) => fetch(`${server.url}${path}`, { headers }),
    async close() {
      await server.close();
      await deps.close();
      install.cleanup();
    },
  };
}
