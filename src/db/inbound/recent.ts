/** Owner of `inbound_emails` (reads for the flood limits). */
import type { Sqlite } from '../client.js';

const HOUR = 3_600_000;

/** Messages from `sender` to this source in the last hour (held ones not counted). */
export function recentFromSender(sqlite: Sqlite, sourceId: number, sender: string | null, now: number): number {
  return sqlite
    .prepare(`SELECT count(*) FROM inbound_emails WHERE source_id = ? AND sender IS ? AND received_at > ? AND status != 'held'`)
    .pluck()
    .get(sourceId, sender, now - HOUR) as number;
}

/** Messages to this source from anyone in the last hour (held ones not counted). */
export function recentForSource(sqlite: Sqlite, sourceId: number, now: number): number {
  return sqlite.prepare(`SELECT count(*) FROM inbound_emails WHERE source_id = ? AND received_at > ? AND status != 'held'`).pluck().get(sourceId, now - HOUR) as number;
}
