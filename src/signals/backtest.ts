import type { Sqlite } from '../db/client.js';
import { radarItemsPage } from '../db/items/radar-items.js';
import { topicIdsBySource } from '../db/sources/source-topics.js';
import { topicSlugsById } from '../db/topics/topic-ids.js';
import { dayOf } from './day.js';
import { toRadarItem } from './live.js';
import { replayItems } from './replay.js';
import type { PlacedItem, ReplayDay, ReplaySummary } from './replay.js';
import { HISTORY_DAYS } from './stats.js';

/**
 * `vigie signals backtest`: the replay over the network's own stored items. The items of the topic
 * (or of every topic, network-wide) published up to the end of `to` go through the same day loop
 * and engine as `replay` and the live radar, starting HISTORY_DAYS before `from` so the baseline
 * and the long memory are filled; the days from `from` to `to` are printed as replay prints them.
 */
export type BacktestOptions = { from: string; to: string; topicId: number | null; top: number };

const DAY_MS = 86_400_000;
const PAGE = 2000;

export async function backtest(
  sqlite: Sqlite,
  options: BacktestOptions,
  emit: (day: ReplayDay) => void,
  warn: (message: string) => void = () => {},
): Promise<ReplaySummary> {
  const from = dayOf(options.from);
  const to = dayOf(options.to);
  if (from === null || to === null) throw new Error('backtest needs --from and --to dates');
  const topicsOf = topicIdsBySource(sqlite);
  const slugs = topicSlugsById(sqlite);
  const network = options.topicId === null;
  async function* items(): AsyncIterable<PlacedItem> {
    let after = { at: (from! - HISTORY_DAYS) * DAY_MS - 1, id: 0 };
    const until = (to! + 1) * DAY_MS - 1;
    for (;;) {
      const rows = radarItemsPage(sqlite, { after, until, topicId: options.topicId, limit: PAGE });
      for (const row of rows) {
        if (!row.title && !row.text) continue;
        // Network-wide, items carry their topics (the topic spread), as in the live radar.
        const topics = network ? (topicsOf.get(row.sourceId) ?? []).map((t) => slugs.get(t) ?? String(t)) : [];
        yield { item: toRadarItem(row, topics), where: `item ${row.id}` };
      }
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { at: last.publishedAt, id: last.id };
    }
  }
  return replayItems(items(), { top: options.top, sourceKey: 'source', from: options.from, to: options.to, fill: true }, emit, warn);
}
