/**
 * The visibility rule as plain functions over a viewer: the same decisions the SQL predicates and the search filter
 * in this folder make, for places that hold one object (an item page, a digest issue, a source).
 */
import type { Viewer } from './viewer.js';

export function canReadTopic(v: Viewer, topicId: number): boolean {
  return v.topics === 'all' || v.topics.has(topicId);
}

/** An item is readable when at least one of its topics is (an item without a topic: 'all' viewers only). */
export function canReadItem(v: Viewer, itemTopicIds: readonly number[]): boolean {
  return v.topics === 'all' || itemTopicIds.some((t) => (v.topics as ReadonlySet<number>).has(t));
}

export function curatesTopic(v: Viewer, topicId: number): boolean {
  return v.curates === 'all' || v.curates.has(topicId);
}

export const isSignedIn = (v: Viewer): boolean => v.kind === 'person';

/**
 * Curation (tags, flags, notes, approvals, history) belongs to the topic it was made in: its signed-in readers see
 * it; anyone who reads the topic sees what was published there (an approval in a public topic, a flag or note made
 * public). Network-wide curation (no topic) is seen by 'all' viewers, or by anyone when published.
 */
export function canReadCuration(v: Viewer, topicId: number | null, published: boolean): boolean {
  if (v.kind === 'system') return true;
  const topicOk = topicId === null ? v.topics === 'all' || published : canReadTopic(v, topicId);
  return topicOk && (published || isSignedIn(v));
}

/** The secret parts of a source's URL (query values, userinfo): its topics' curators and admins. */
export function canSeeSourceSecrets(v: Viewer, sourceTopicIds: readonly number[]): boolean {
  if (v.isAdmin) return true;
  return sourceTopicIds.some((t) => curatesTopic(v, t));
}

/** A digest issue is readable by its subscriber and admins. */
export function canReadDigestIssue(v: Viewer, subscriberId: number | null): boolean {
  return v.isAdmin || (v.userId !== null && v.userId === subscriberId);
}

/** Drops what a URL may hide (userinfo, query values): how a source's URL is shown to non-curators and in OPML. */
export function redactUrl(raw: string | null): string | null {
  if (raw === null) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw.replace(/\?.*$/s, '');
  }
  u.username = '';
  u.password = '';
  const keys = [...new Set(u.searchParams.keys())];
  u.search = '';
  u.hash = '';
  return keys.length ? `${u.toString()}?${keys.map((k) => `${encodeURIComponent(k)}=…`).join('&')}` : u.toString();
}
