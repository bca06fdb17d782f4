import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/client.js';
import { normaliseTag } from '../curation/tags.js';
import { isTimeZone, nextDue, type Frequency } from './schedule.js';

export type SubscriptionKind = 'topic' | 'tag' | 'saved_search' | 'signals';
export type DigestLang = 'fr' | 'en';

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
  frequency: Frequency;
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

export interface NewSubscription {
  userId: number;
  kind: SubscriptionKind;
  /** Topic slug, tag name or saved search id, as the member named it. */
  target?: string | number | null;
  frequency?: Frequency;
  day?: number;
  hour?: number;
  timeZone: string;
  lang: DigestLang;
  official?: boolean;
  authorId?: number | null;
}

export type SubscriptionFailure = { ok: false; code: 'invalid' | 'not_found'; message: string; field: string };

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

/** Official digests of the topics, shown to everyone who may read the topic. */
export function listOfficialDigests(sqlite: Sqlite): Subscription[] {
  return (sqlite.prepare(`${SELECT} WHERE s.official = 1 AND s.status != 'unsubscribed' ORDER BY t.slug, s.id`).all() as Row[]).map(fromRow);
}

/** Subscriptions due at `now` (all active ones when `all`). */
export function dueSubscriptions(sqlite: Sqlite, now: number, all: boolean): Subscription[] {
  return (sqlite.prepare(`${SELECT} WHERE s.status = 'active' AND u.deleted_at IS NULL AND (@all = 1 OR s.next_due_at <= @now) ORDER BY s.id`).all({ now, all: all ? 1 : 0 }) as Row[]).map(fromRow);
}

export const isEmail = (s: string) => s.length <= 254 && /^[^\s@<>()",;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(s);

/** Checks the cadence fields; the failure names the field. */
export function checkCadence(c: { frequency?: Frequency; day?: number; hour?: number; timeZone?: string }): SubscriptionFailure | null {
  const bad = (field: string, message: string): SubscriptionFailure => ({ ok: false, code: 'invalid', message, field });
  if (c.timeZone !== undefined && !isTimeZone(c.timeZone)) return bad('timeZone', `unknown time zone '${c.timeZone}' (expected an IANA name such as Europe/Paris)`);
  if (c.hour !== undefined && (!Number.isInteger(c.hour) || c.hour < 0 || c.hour > 23)) return bad('hour', 'the hour must be a whole number from 0 to 23');
  if (c.day !== undefined) {
    const max = c.frequency === 'monthly' ? 28 : 7;
    if (!Number.isInteger(c.day) || c.day < 1 || c.day > max) return bad('day', c.frequency === 'monthly' ? 'the day of the month must be from 1 to 28' : 'the day of the week must be from 1 (Monday) to 7 (Sunday)');
  }
  return null;
}

/** Resolves what the subscription points at; the label names it later even if it is deleted. */
function resolveTarget(sqlite: Sqlite, s: NewSubscription): { topicId: number | null; tagName: string | null; savedSearchId: number | null; label: string } | SubscriptionFailure {
  const missing = (field: string, message: string): SubscriptionFailure => ({ ok: false, code: 'not_found', message, field });
  if (s.kind === 'signals') return { topicId: null, tagName: null, savedSearchId: null, label: 'signals' };
  if (s.kind === 'topic') {
    const t = sqlite.prepare(`SELECT id, slug FROM topics WHERE slug = ?`).get(String(s.target ?? '')) as { id: number; slug: string } | undefined;
    return t ? { topicId: t.id, tagName: null, savedSearchId: null, label: t.slug } : missing('topic', `unknown topic '${s.target}'`);
  }
  if (s.kind === 'tag') {
    const name = normaliseTag(String(s.target ?? ''));
    const found = sqlite.prepare(`SELECT 1 FROM tags WHERE name = ? LIMIT 1`).get(name);
    return found ? { topicId: null, tagName: name, savedSearchId: null, label: name } : missing('tag', `no tag '${name}' exists`);
  }
  const ss = sqlite.prepare(`SELECT id, name, user_id AS userId FROM saved_searches WHERE id = ?`).get(Number(s.target)) as { id: number; name: string; userId: number } | undefined;
  return ss && ss.userId === s.userId ? { topicId: null, tagName: null, savedSearchId: ss.id, label: ss.name } : missing('savedSearch', `no saved search ${s.target} of yours`);
}

export function createSubscription(sqlite: Sqlite, s: NewSubscription, now: number): { ok: true; id: number } | SubscriptionFailure {
  const frequency = s.frequency ?? 'daily';
  const day = s.day ?? 1;
  const hour = s.hour ?? 8;
  const invalid = checkCadence({ frequency, day, hour, timeZone: s.timeZone });
  if (invalid) return invalid;
  const target = resolveTarget(sqlite, s);
  if ('ok' in target) return target;
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO digest_subscriptions (user_id, kind, topic_id, tag_name, saved_search_id, label, frequency, day, hour, time_zone, lang, official, token, next_due_at, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.userId, s.kind, target.topicId, target.tagName, target.savedSearchId, target.label, frequency, day, hour, s.timeZone, s.lang, s.official ? 1 : 0, randomBytes(24).toString('base64url'), nextDue({ frequency, day, hour, timeZone: s.timeZone }, now), s.authorId ?? s.userId, now, now).lastInsertRowid,
  );
  return { ok: true, id };
}

export interface SubscriptionPatch {
  frequency?: Frequency;
  day?: number;
  hour?: number;
  timeZone?: string;
  lang?: DigestLang;
  paused?: boolean;
}

export function updateSubscription(sqlite: Sqlite, id: number, p: SubscriptionPatch, now: number): { ok: true } | SubscriptionFailure {
  const cur = getSubscription(sqlite, id);
  if (!cur) return { ok: false, code: 'not_found', message: 'no such subscription', field: 'id' };
  const next = { frequency: p.frequency ?? cur.frequency, day: p.day ?? (p.frequency && p.frequency !== cur.frequency ? 1 : cur.day), hour: p.hour ?? cur.hour, timeZone: p.timeZone ?? cur.timeZone };
  const invalid = checkCadence(next);
  if (invalid) return invalid;
  const status = p.paused === undefined ? cur.status : p.paused ? 'paused' : 'active';
  const reason = p.paused === undefined ? cur.pausedReason : null;
  sqlite
    .prepare(`UPDATE digest_subscriptions SET frequency = ?, day = ?, hour = ?, time_zone = ?, lang = ?, status = ?, paused_reason = ?, next_due_at = ?, updated_at = ? WHERE id = ?`)
    .run(next.frequency, next.day, next.hour, next.timeZone, p.lang ?? cur.lang, status, reason, nextDue(next, now), now, id);
  return { ok: true };
}

/** Pauses with a reason the member reads (deleted target, hard bounce). */
export function pauseSubscription(sqlite: Sqlite, id: number, reason: string, now: number): void {
  sqlite.prepare(`UPDATE digest_subscriptions SET status = 'paused', paused_reason = ?, updated_at = ? WHERE id = ? AND status = 'active'`).run(reason, now, id);
}

/** One-click unsubscribe: idempotent (a second click finds it already done). */
export function unsubscribe(sqlite: Sqlite, token: string, now: number): Subscription | null {
  const sub = subscriptionByToken(sqlite, token);
  if (!sub) return null;
  sqlite.prepare(`UPDATE digest_subscriptions SET status = 'unsubscribed', updated_at = ? WHERE id = ? AND status != 'unsubscribed'`).run(now, sub.id);
  return { ...sub, status: 'unsubscribed' };
}

/** Moves the schedule past a period (built, or empty and skipped). */
export function advanceSchedule(sqlite: Sqlite, sub: Pick<Subscription, 'id' | 'frequency' | 'day' | 'hour' | 'timeZone'>, periodEnd: number, now: number): void {
  sqlite
    .prepare(`UPDATE digest_subscriptions SET last_period_end = ?, next_due_at = ?, updated_at = ? WHERE id = ?`)
    .run(periodEnd, nextDue(sub, Math.max(now, periodEnd)), now, sub.id);
}
