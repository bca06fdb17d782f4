import type { Sqlite } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { dayOf, isoDay } from './day.js';
import { applyDecisions } from './decisions.js';
import { createRadar } from './radar.js';
import type { Radar } from './radar.js';
import { decisionsFor, markRun, saveSuggestions } from './store.js';

/**
 * The live radar: the same engine as `vigie signals replay`, fed from the items in SQLite. One
 * engine network-wide and one per topic (a term emerging among a topic's sources may be noise for
 * the whole network, and the reverse). `feedNewItems` adds the items not seen yet; a fresh
 * LiveRadar rebuilds from the last RETENTION_DAYS of items, which is what the CLI does each run
 * while the worker keeps one between runs (see README.md for the cost of each).
 */
export type LiveRadar = { network: Radar; topics: Map<number, Radar>; lastItemId: number; items: number };
export type LiveDeps = { sqlite: Sqlite; clock: Clock; log: Logger };
export type RadarRun = { day: string; fed: number; scopes: { topicId: number | null; suggestions: number }[] };

/** Window (7 days) + baseline (56 days): older items cannot change today's scores. */
export const RETENTION_DAYS = 63;
// Enough of an item's text to catch its subject without letting long articles swamp titles.
const TEXT_CHARS = 600;
const DAY_MS = 86_400_000;

export function createLiveRadar(): LiveRadar {
  return { network: createRadar(), topics: new Map(), lastItemId: 0, items: 0 };
}

type ItemRow = { id: number; title: string | null; text: string | null; url: string | null; publishedAt: number; sourceId: number; source: string };

// Items read per query; between pages the event loop runs, so a server hosting the worker stays responsive.
const PAGE = 2000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Feeds the items added since the last call (published within the retention period); returns how many. */
export async function feedNewItems(sqlite: Sqlite, live: LiveRadar, now: number): Promise<number> {
  const topicsOf = new Map<number, number[]>();
  for (const r of sqlite.prepare(`SELECT source_id AS sourceId, topic_id AS topicId FROM source_topics`).all() as { sourceId: number; topicId: number }[]) {
    const list = topicsOf.get(r.sourceId) ?? [];
    list.push(r.topicId);
    topicsOf.set(r.sourceId, list);
  }
  const slugs = new Map((sqlite.prepare(`SELECT id, slug FROM topics`).all() as { id: number; slug: string }[]).map((t) => [t.id, t.slug]));
  const since = (Math.floor(now / DAY_MS) - RETENTION_DAYS + 1) * DAY_MS;
  // Keyset pages in date order: (published_at, id) after the last row read.
  const page = sqlite.prepare(
    `SELECT i.id, i.title, substr(COALESCE(i.content_text, i.summary), 1, ${TEXT_CHARS}) AS text, i.url,
       i.published_at AS publishedAt, i.source_id AS sourceId, s.slug AS source
     FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.id > @lastId AND i.deleted_at IS NULL AND i.published_at <= @now
       AND (i.published_at > @at OR (i.published_at = @at AND i.id > @id))
     ORDER BY i.published_at, i.id LIMIT ${PAGE}`,
  );
  let fed = 0;
  let maxId = live.lastItemId;
  let cursor = { at: since - 1, id: 0 };
  for (;;) {
    const rows = page.all({ lastId: live.lastItemId, now, ...cursor }) as ItemRow[];
    for (const row of rows) {
      maxId = Math.max(maxId, row.id);
      if (!row.title && !row.text) continue;
      addRow(live, row, topicsOf.get(row.sourceId) ?? [], slugs);
      fed++;
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    cursor = { at: last.publishedAt, id: last.id };
    await yieldToLoop();
  }
  live.lastItemId = maxId;
  live.items += fed;
  return fed;
}

function addRow(live: LiveRadar, row: ItemRow, topicIds: readonly number[], slugs: ReadonlyMap<number, string>): void {
  const item = {
    id: String(row.id),
    date: new Date(row.publishedAt).toISOString(),
    title: row.title ?? '',
    text: row.text ?? '',
    source: row.source,
    topics: topicIds.map((t) => slugs.get(t) ?? String(t)),
    ...(row.url ? { url: row.url } : {}),
  };
  live.network.addItem(item);
  for (const t of topicIds) {
    let radar = live.topics.get(t);
    if (!radar) live.topics.set(t, (radar = createRadar()));
    radar.addItem({ ...item, topics: [] });
  }
}

/**
 * Feeds new items, then computes today's suggestions network-wide and for every topic, leaves
 * out what curators decided on, and stores them (replacing today's previous run).
 */
export async function runRadar(deps: LiveDeps, live: LiveRadar = createLiveRadar(), options: { top?: number } = {}): Promise<RadarRun> {
  const now = deps.clock.now();
  const top = options.top ?? 10;
  const fed = await feedNewItems(deps.sqlite, live, now);
  const day = isoDay(dayOf(new Date(now).toISOString())!);
  const scopes: RadarRun['scopes'] = [];
  const topicIds = (deps.sqlite.prepare(`SELECT id FROM topics`).pluck().all() as number[]);
  for (const topicId of [null, ...topicIds]) {
    const radar = topicId === null ? live.network : live.topics.get(topicId);
    // Ask for more than shown, since decisions may remove some.
    const raw = radar ? radar.suggest(day, { top: top * 3 }) : [];
    const kept = applyDecisions(raw, decisionsFor(deps.sqlite, topicId)).slice(0, top);
    saveSuggestions(deps.sqlite, day, topicId, kept, now);
    scopes.push({ topicId, suggestions: kept.length });
    await yieldToLoop();
  }
  markRun(deps.sqlite, day, now);
  deps.log.info({ job: 'radar', day, fed, items: live.items, scopes: scopes.filter((s) => s.suggestions > 0) }, 'radar run');
  return { day, fed, scopes };
}
