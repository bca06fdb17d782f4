import type { Sqlite } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { dayOf, isoDay } from './day.js';
import { applyDecisions } from './decisions.js';
import { createRadar } from './radar.js';
import type { Radar } from './radar.js';
import type { RadarItem } from './types.js';
import { radarItemsPage } from '../db/items/radar-items.js';
import type { RadarItemRow } from '../db/items/radar-items.js';
import { decisionsFor, markRun, saveSuggestions } from '../db/radar/suggestions.js';
import { topicIdsBySource } from '../db/sources/source-topics.js';
import { topicSlugsById } from '../db/topics/topic-ids.js';

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
const DAY_MS = 86_400_000;

export function createLiveRadar(): LiveRadar {
  return { network: createRadar(), topics: new Map(), lastItemId: 0, items: 0 };
}

type ItemRow = RadarItemRow;

// Items read per query; between pages the event loop runs, so a server hosting the worker stays responsive.
const PAGE = 2000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Feeds the items added since the last call (published within the retention period); returns how many. */
export async function feedNewItems(sqlite: Sqlite, live: LiveRadar, now: number): Promise<number> {
  const topicsOf = topicIdsBySource(sqlite);
  const slugs = topicSlugsById(sqlite);
  const since = (Math.floor(now / DAY_MS) - RETENTION_DAYS + 1) * DAY_MS;
  let fed = 0;
  let maxId = live.lastItemId;
  let cursor = { at: since - 1, id: 0 };
  for (;;) {
    const rows = radarItemsPage(sqlite, { minId: live.lastItemId, until: now, after: cursor, limit: PAGE });
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

/** A stored item as the radar reads it (live and in `vigie signals backtest`). */
export function toRadarItem(row: ItemRow, topics: readonly string[]): RadarItem {
  const item: RadarItem = {
    id: String(row.id),
    date: new Date(row.publishedAt).toISOString(),
    title: row.title ?? '',
    text: row.text ?? '',
    source: row.source,
    topics,
  };
  if (row.url) item.url = row.url;
  return item;
}

function addRow(live: LiveRadar, row: ItemRow, topicIds: readonly number[], slugs: ReadonlyMap<number, string>): void {
  const item = toRadarItem(row, topicIds.map((t) => slugs.get(t) ?? String(t)));
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
  const topicIds = [...topicSlugsById(deps.sqlite).keys()];
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
