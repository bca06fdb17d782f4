import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/client.js';
import { getSavedSearch } from '../db/curation/saved-searches.js';
import { normaliseTag } from '../curation/tags.js';
import { tagNameExists } from '../db/curation/tags.js';
import { insertSubscription, markUnsubscribed, setSchedule, subscriptionByToken, updateSubscriptionRow, getSubscription, type DigestLang, type Subscription, type SubscriptionKind } from '../db/digests/subscriptions.js';
import { topicBySlug } from '../curation/item-topics.js';
import { isTimeZone, nextDue, type Frequency } from './schedule.js';

export type { DigestLang, Subscription, SubscriptionKind } from '../db/digests/subscriptions.js';
export { getSubscription, listOfficialDigests, listSubscriptions, subscriptionByToken, dueSubscriptions, pauseSubscription } from '../db/digests/subscriptions.js';

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
    const t = topicBySlug(sqlite, String(s.target ?? ''));
    return t ? { topicId: t.id, tagName: null, savedSearchId: null, label: t.slug } : missing('topic', `unknown topic '${s.target}'`);
  }
  if (s.kind === 'tag') {
    const name = normaliseTag(String(s.target ?? ''));
    const found = tagNameExists(sqlite, name);
    return found ? { topicId: null, tagName: name, savedSearchId: null, label: name } : missing('tag', `no tag '${name}' exists`);
  }
  const ss = Number.isSafeInteger(Number(s.target)) ? getSavedSearch(sqlite, Number(s.target)) : null;
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
  const id = insertSubscription(
    sqlite,
    { userId: s.userId, kind: s.kind, topicId: target.topicId, tagName: target.tagName, savedSearchId: target.savedSearchId, label: target.label, frequency, day, hour, timeZone: s.timeZone, lang: s.lang, official: s.official === true, token: randomBytes(24).toString('base64url'), nextDueAt: nextDue({ frequency, day, hour, timeZone: s.timeZone }, now), authorId: s.authorId ?? s.userId },
    now,
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
  updateSubscriptionRow(sqlite, id, { ...next, lang: p.lang ?? cur.lang, status, pausedReason: reason, nextDueAt: nextDue(next, now) }, now);
  return { ok: true };
}

/** One-click unsubscribe: idempotent (a second click finds it already done). */
export function unsubscribe(sqlite: Sqlite, token: string, now: number): Subscription | null {
  const sub = subscriptionByToken(sqlite, token);
  if (!sub) return null;
  markUnsubscribed(sqlite, sub.id, now);
  return { ...sub, status: 'unsubscribed' };
}

/** Moves the schedule past a period (built, or empty and skipped). */
export function advanceSchedule(sqlite: Sqlite, sub: Pick<Subscription, 'id' | 'frequency' | 'day' | 'hour' | 'timeZone'>, periodEnd: number, now: number): void {
  setSchedule(sqlite, sub.id, periodEnd, nextDue(sub, Math.max(now, periodEnd)), now);
}
