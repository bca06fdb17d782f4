/**
 * A small network for the live radar: two topics, twelve sources on `sante` and four on `climat`,
 * 70 days of everyday items stored through the real ingestion store, and a new topic ("quantum
 * tomato harvest") that six `sante` sources take up in the last four days.
 */
import { keyItems } from '../../src/ingest/dedupe.js';
import type { NormalisedItem } from '../../src/model/item.js';
import type { Deps } from '../../src/deps.js';
import { createApp } from '../../src/http/app.js';
import { manualClock } from '../../src/lib/clock.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const SANTE = Array.from({ length: 12 }, (_, i) => `s${i}`);
const CLIMAT = Array.from({ length: 4 }, (_, i) => `c${i}`);
export const FEEDS = `topics:
  - { slug: sante, name: Santé }
  - { slug: climat, name: Climat }
sources:
${SANTE.map((s) => `  - { slug: ${s}, kind: feed, url: "https://${s}.example/feed", topic: sante }`).join('\n')}
${CLIMAT.map((s) => `  - { slug: ${s}, kind: feed, url: "https://${s}.example/feed", topic: climat }`).join('\n')}
`;

const DAY = 86_400_000;
const EVERYDAY = ['hospital', 'budget', 'vaccine', 'report', 'staff', 'patients', 'council', 'weather', 'forecast', 'policy', 'school', 'clinic', 'survey', 'doctors', 'nurses', 'funding'];

function item(host: string, n: number, at: number, title: string): NormalisedItem {
  return {
    guid: `${host}-${n}`, url: `https://${host}/${n}`, canonicalUrl: `https://${host}/${n}`, title, author: null,
    published: new Date(at).toISOString(), summary: null, contentHtml: null, contentText: null, categories: [], enclosures: [], lang: 'en',
  };
}

/** Stores 70 days of items ending on the day of `end` (ms), the new topic in its last four days. */
export function seedItems(deps: Pick<Deps, 'sqlite' | 'store'>, end: number): void {
  const first = Math.floor(end / DAY) * DAY - 69 * DAY;
  const sourceId = (slug: string) => deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = ?`).pluck().get(slug) as number;
  [...SANTE, ...CLIMAT].forEach((slug, k) => {
    const items: NormalisedItem[] = [];
    for (let d = 0; d < 70; d++) {
      const words = [0, 1, 2].map((j) => EVERYDAY[(d * 7 + k * 3 + j * 5) % EVERYDAY.length]);
      items.push(item(`${slug}.example`, d, first + d * DAY + 9 * 3_600_000, `${words.join(' ')} update`));
    }
    const emerging = SANTE.indexOf(slug);
    if (emerging >= 0 && emerging < 6) {
      const d = 66 + (emerging % 3);
      // Each desk writes its own headline (the same words, word for word, would be one template).
      const town = ['Arles', 'Bergen', 'Cork', 'Dijon', 'Essen', 'Faro'][emerging];
      items.push(item(`${slug}.example`, 1000, first + d * DAY + 10 * 3_600_000, `Quantum tomato harvest ${emerging % 2 ? 'spreads to new farms' : 'reported by growers'} in ${town}`));
    }
    deps.store.store(sourceId(slug), keyItems(items, true), end, true);
  });
}

export const NOW = Date.UTC(2026, 2, 10, 22, 0, 0);

export interface RadarNetwork {
  install: TestInstall;
  deps: ReturnType<typeof makeTestDeps>;
  app: ReturnType<typeof createApp>;
  users: { admin: TestUser; curator: TestUser; member: TestUser; other: TestUser };
  close(): Promise<void>;
}

/** `curator` curates sante, `member` is a member of sante, `other` curates climat. */
export async function makeRadarNetwork(): Promise<RadarNetwork> {
  const install = makeTestInstall(FEEDS);
  const deps = makeTestDeps(install, { clock: manualClock(NOW) });
  seedItems(deps, NOW);
  const users = {
    admin: await addTestUser(deps.sqlite, { email: 'admin@example.org', role: 'admin' }, NOW),
    curator: await addTestUser(deps.sqlite, { email: 'cur@example.org', topics: { sante: 'curator' } }, NOW),
    member: await addTestUser(deps.sqlite, { email: 'mem@example.org', topics: { sante: 'member' } }, NOW),
    other: await addTestUser(deps.sqlite, { email: 'other@example.org', topics: { climat: 'curator' } }, NOW),
  };
  return {
    install, deps, app: createApp(deps), users,
    async close() {
      await deps.close();
      install.cleanup();
    },
  };
}
