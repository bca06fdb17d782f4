import type { Sqlite } from '../client.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryRow {
  id: number;
  channelId: number;
  event: string;
  eventKey: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  response: string | null;
  remoteId: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

const COLUMNS = `id, channel_id AS channelId, event, event_key AS eventKey, payload, status, attempts, next_attempt_at AS nextAttemptAt,
  response, remote_id AS remoteId, created_at AS createdAt, delivered_at AS deliveredAt`;
type Raw = Omit<DeliveryRow, 'payload'> & { payload: string };
const row = (r: Raw): DeliveryRow => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> });

/** Queues one delivery; the same (channel, event key) twice is one delivery. Returns whether it was new. */
export function enqueueDelivery(sqlite: Sqlite, d: { channelId: number; event: string; eventKey: string; payload: Record<string, unknown>; now: number }): boolean {
  return (
    sqlite
      .prepare(`INSERT OR IGNORE INTO deliveries (channel_id, event, event_key, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(d.channelId, d.event, d.eventKey, JSON.stringify(d.payload), d.now, d.now).changes > 0
  );
}

/**
 * Claims up to `limit` due deliveries for `owner` until `until`: pending, due, and not claimed by a live holder.
 * The claim re-checks all three in the UPDATE, so two workers never hold one delivery.
 */
export function claimDueDeliveries(sqlite: Sqlite, owner: string, now: number, until: number, limit: number): DeliveryRow[] {
  return sqlite.transaction(() => {
    const ids = sqlite
      .prepare(`SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?`)
      .pluck()
      .all(now, now, limit) as number[];
    const claim = sqlite.prepare(`UPDATE deliveries SET claimed_by = ?, claimed_until = ? WHERE id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)`);
    const got = ids.filter((id) => claim.run(owner, until, id, now).changes === 1);
    if (!got.length) return [];
    return (sqlite.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(got)) as Raw[]).map(row);
  })();
}

export function renewDeliveryClaim(sqlite: Sqlite, id: number, owner: string, until: number): boolean {
  return sqlite.prepare(`UPDATE deliveries SET claimed_until = ? WHERE id = ? AND claimed_by = ?`).run(until, id, owner).changes === 1;
}

export function markDelivered(sqlite: Sqlite, id: number, owner: string, r: { response: string; remoteId: string | null; now: number }): void {
  sqlite
    .prepare(`UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, response = ?, remote_id = ?, delivered_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?`)
    .run(r.response, r.remoteId, r.now, id, owner);
}

export function markAttemptFailed(sqlite: Sqlite, id: number, owner: string, r: { response: string; retryAt: number | null }): void {
  sqlite
    .prepare(
      `UPDATE deliveries SET attempts = attempts + 1, response = ?, status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = COALESCE(?, next_attempt_at), claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?`,
    )
    .run(r.response, r.retryAt, r.retryAt, id, owner);
}

export function listDeliveries(sqlite: Sqlite, channelId: number, limit: number): DeliveryRow[] {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE channel_id = ? ORDER BY id DESC LIMIT ?`).all(channelId, limit) as Raw[]).map(row);
}

/** The delivered post of an earlier event on the channel (to delete it), or null. */
export function deliveredRemoteId(sqlite: Sqlite, channelId: number, eventKey: string): string | null {
  return (sqlite.prepare(`SELECT remote_id FROM deliveries WHERE channel_id = ? AND event_key = ? AND status = 'delivered'`).pluck().get(channelId, eventKey) as string | null | undefined) ?? null;
}

/**
 * A pending delivery that has not gone out yet is cancelled (an approval withdrawn before it was posted): unless
 * another live worker holds it (then it is going out, and the withdrawal deletes the post afterwards).
 */
export function cancelPending(sqlite: Sqlite, channelId: number, eventKey: string, owner: string, now: number): boolean {
  return (
    sqlite
      .prepare(
        `UPDATE deliveries SET status = 'cancelled', response = 'withdrawn before it was sent', claimed_by = NULL, claimed_until = NULL
         WHERE channel_id = ? AND event_key = ? AND status = 'pending' AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?)`,
      )
      .run(channelId, eventKey, owner, now).changes > 0
  );
}

/** Whether a delivery is still pending and ours (it may have been cancelled since it was claimed). */
export function stillOurs(sqlite: Sqlite, id: number, owner: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM deliveries WHERE id = ? AND status = 'pending' AND claimed_by = ?`).pluck().get(id, owner) === 1;
}
