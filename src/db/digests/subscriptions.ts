/** Digest subscriptions (owner of `digest_subscriptions`). */
import type { Sqlite } from '../client.js';

export type SubscriptionKind = 'topic' | 'tag' | 'saved_search' | 'signals';
export type DigestLang = 'fr' | 'en';
export type DigestFrequency = 'daily' | 'weekly' | 'monthly';

export interface Subscription {
  id: number;
  userId: number;
  email: string;
  kind: SubscriptionKind;
  topicId: number | null;
  topicSlug: string | null;
  topicPublic: boolean;
  tagName: string | null;
  savedSearchId: number | null;
  label: string;
  frequency: DigestFrequency;
  day: number;
  hour: number;
  timeZone: string;
  lang: DigestLang;
  official: boolean;
  status: 'active' | 'paused' | 'unsubscribed';
  pausedReason: string | null;
  token: string;
  nextDueAt: number;
  lastPeriodEnd: number | null;
  createdAt: number;
}

const SELECT = `SELECT s.id, s.user_id AS userId, u.email, s.kind, s.topic_id AS topicId, t.slug AS topicSlug, coalesce(t.public, 0) AS topicPublic,
  s.tag_name AS tagName, s.saved_search_id AS savedSearchId, s.label, s.frequency, s.day, s.hour, s.time_zone AS timeZone, s.lang,
  s.official, s.status, s.paused_reason AS pausedReason, s.token, s.next_due_at AS nextDueAt, s.last_period_end AS lastPeriodEnd, s.created_at AS createdAt
  FROM digest_subscriptions s JOIN users u ON u.id = s.user_id LEFT JOIN topics t ON t.id = s.topic_id`;

type Row = Omit<Subscription, 'topicPublic' | 'official'> & { topicPublic: number; official: number };
const fromRow = (r: Row): Subscription => ({ ...r, topicPublic: r.topicPublic === 1, official: r.official === 1 });

export function getSubscription(sqlite: Sqlite, id: number): Subscription | null {
  const r = sqlite.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

export function subscriptionByToken(sqlite: Sqlite, token: string): Subscription | null {
  const r = sqlite.prepare(`${SELECT} WHERE s.token = ?`).get(token) as Row | undefined;
  return r ? fromRow(r) : null;
}

/** A member's subscriptions (unsubscribed ones are kept for the archive but not listed). */
export function listSubscriptions(sqlite: Sqlite, userId: number): Subscription[] {
  return (sqlite.prepare(`${SELECT} WHERE s.user_id = ? AND s.status != 'unsubscribed' ORDER BY s.id`).all(userId) as Row[]).map(fromRow);
}

/** Official digests of the topics (callers show each to the readers of its topic). */
export function listOfficialDigests(sqlite: Sqlite): Subscription[] {
  return (sqlite.prepare(`${SELECT} WHERE s.official = 1 AND s.status != 'unsubscribed' ORDER BY t.slug, s.id`).all() as Row[]).map(fromRow);
}

/** Subscriptions due at `now` (all active ones when `all`). */
export function dueSubscriptions(sqlite: Sqlite, now: number, all: boolean): Subscription[] {
  return (sqlite.prepare(`${SELECT} WHERE s.status = 'active' AND u.deleted_at IS NULL AND (@all = 1 OR s.next_due_at <= @now) ORDER BY s.id`).all({ now, all: all ? 1 : 0 }) as Row[]).map(fromRow);
}

/** Whether any subscription of a live account is due (most worker ticks find none and write nothing). */
export function anySubscriptionDue(sqlite: Sqlite, now: number): boolean {
  return sqlite.prepare(`SELECT 1 FROM digest_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.status = 'active' AND s.next_due_at <= ? AND u.deleted_at IS NULL LIMIT 1`).get(now) !== undefined;
}

export interface SubscriptionRow {
  userId: number;
  kind: SubscriptionKind;
  topicId: number | null;
  tagName: string | null;
  savedSearchId: number | null;
  label: string;
  frequency: DigestFrequency;
  day: number;
  hour: number;
  timeZone: string;
  lang: DigestLang;
  official: boolean;
  token: string;
  nextDueAt: number;
  authorId: number | null;
}

export function insertSubscription(sqlite: Sqlite, s: SubscriptionRow, now: number): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO digest_subscriptions (user_id, kind, topic_id, tag_name, saved_search_id, label, frequency, day, hour, time_zone, lang, official, token, next_due_at, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.userId, s.kind, s.topicId, s.tagName, s.savedSearchId, s.label, s.frequency, s.day, s.hour, s.timeZone, s.lang, s.official ? 1 : 0, s.token, s.nextDueAt, s.authorId, now, now).lastInsertRowid,
  );
}

export function updateSubscriptionRow(
  sqlite: Sqlite,
  id: number,
  u: { frequency: DigestFrequency; day: number; hour: number; timeZone: string; lang: DigestLang; status: Subscription['status']; pausedReason: string | null; nextDueAt: number },
  now: number,
): void {
  sqlite
    .prepare(`UPDATE digest_subscriptions SET frequency = ?, day = ?, hour = ?, time_zone = ?, lang = ?, status = ?, paused_reason = ?, next_due_at = ?, updated_at = ? WHERE id = ?`)
    .run(u.frequency, u.day, u.hour, u.timeZone, u.lang, u.status, u.pausedReason, u.nextDueAt, now, id);
}

/** Pauses with a reason the member reads (deleted target, hard bounce). */
export function pauseSubscription(sqlite: Sqlite, id: number, reason: string, now: number): void {
  sqlite.prepare(`UPDATE digest_subscriptions SET status = 'paused', paused_reason = ?, updated_at = ? WHERE id = ? AND status = 'active'`).run(reason, now, id);
}

export function markUnsubscribed(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE digest_subscriptions SET status = 'unsubscribed', updated_at = ? WHERE id = ? AND status != 'unsubscribed'`).run(now, id);
}

/** Moves the schedule past a period (built, or empty and skipped). */
export function setSchedule(sqlite: Sqlite, id: number, periodEnd: number, nextDueAt: number, now: number): void {
  sqlite.prepare(`UPDATE digest_subscriptions SET last_period_end = ?, next_due_at = ?, updated_at = ? WHERE id = ?`).run(periodEnd, nextDueAt, now, id);
}
