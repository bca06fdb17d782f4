import type { Sqlite } from '../client.js';

export type ChannelKind = 'webhook' | 'slack' | 'matrix' | 'ntfy' | 'mastodon' | 'bluesky';

export interface ChannelRow {
  id: number;
  topicId: number | null;
  userId: number | null;
  kind: ChannelKind;
  name: string | null;
  url: string;
  token: string | null;
  room: string | null;
  handle: string | null;
  secret: string | null;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: number;
}

const COLUMNS = `id, topic_id AS topicId, user_id AS userId, kind, name, url, token, room, handle, secret, events, enabled,
  disabled_reason AS disabledReason, consecutive_failures AS consecutiveFailures, created_at AS createdAt`;

type Raw = Omit<ChannelRow, 'events' | 'enabled'> & { events: string; enabled: number };
const row = (r: Raw): ChannelRow => ({ ...r, events: JSON.parse(r.events) as string[], enabled: r.enabled === 1 });

export function insertChannel(
  sqlite: Sqlite,
  c: { topicId: number | null; userId: number | null; kind: ChannelKind; name: string | null; url: string; token: string | null; room: string | null; handle: string | null; secret: string | null; events: string[]; authorId: number; now: number },
): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO channels (topic_id, user_id, kind, name, url, token, room, handle, secret, events, author_id, created_at, updated_at)
         VALUES (@topicId, @userId, @kind, @name, @url, @token, @room, @handle, @secret, @events, @authorId, @now, @now)`,
      )
      .run({ ...c, events: JSON.stringify(c.events) }).lastInsertRowid,
  );
}

export function getChannel(sqlite: Sqlite, id: number): ChannelRow | null {
  const r = sqlite.prepare(`SELECT ${COLUMNS} FROM channels WHERE id = ?`).get(id) as Raw | undefined;
  return r ? row(r) : null;
}

export function listTopicChannels(sqlite: Sqlite, topicId: number): ChannelRow[] {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM channels WHERE topic_id = ? ORDER BY id`).all(topicId) as Raw[]).map(row);
}

/** Enabled channels of a topic that want an event. */
export function channelsFor(sqlite: Sqlite, topicId: number, event: string): ChannelRow[] {
  return (
    sqlite.prepare(`SELECT ${COLUMNS} FROM channels WHERE topic_id = ? AND enabled = 1 AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?) ORDER BY id`).all(topicId, event) as Raw[]
  ).map(row);
}

export function deleteChannel(sqlite: Sqlite, id: number): boolean {
  return sqlite.prepare(`DELETE FROM channels WHERE id = ?`).run(id).changes > 0;
}

export function setChannelEnabled(sqlite: Sqlite, id: number, enabled: boolean, reason: string | null, now: number): void {
  sqlite.prepare(`UPDATE channels SET enabled = ?, disabled_reason = ?, consecutive_failures = CASE WHEN ? = 1 THEN 0 ELSE consecutive_failures END, updated_at = ? WHERE id = ?`).run(enabled ? 1 : 0, reason, enabled ? 1 : 0, now, id);
}

/** Counts a failed delivery; returns the new count. */
export function countChannelFailure(sqlite: Sqlite, id: number, now: number): number {
  sqlite.prepare(`UPDATE channels SET consecutive_failures = consecutive_failures + 1, updated_at = ? WHERE id = ?`).run(now, id);
  return sqlite.prepare(`SELECT consecutive_failures FROM channels WHERE id = ?`).pluck().get(id) as number;
}

export function resetChannelFailures(sqlite: Sqlite, id: number): void {
  sqlite.prepare(`UPDATE channels SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures != 0`).run(id);
}
