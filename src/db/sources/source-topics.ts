import type { Sqlite } from '../client.js';

/** Every source's topic ids (sources in no topic are absent). */
export function topicIdsBySource(sqlite: Sqlite): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const rows = sqlite.prepare(`SELECT source_id AS sourceId, topic_id AS topicId FROM source_topics ORDER BY source_id, topic_id`).all() as { sourceId: number; topicId: number }[];
  for (const r of rows) {
    const list = out.get(r.sourceId);
    if (list) list.push(r.topicId);
    else out.set(r.sourceId, [r.topicId]);
  }
  return out;
}
