/**
 * Who may do what: pure functions over the identity a request carries (no I/O), checked by every route before
 * it validates input or looks anything up. Admin is global; curator and member are per topic (a membership with
 * no topic covers every topic).
 */
import type { AuthUser, GlobalRole, TopicRole } from '../accounts/types.js';

type Who = AuthUser | null | undefined;
export type Level = 'member' | 'curator';

const rank: Record<TopicRole | 'admin', number> = { member: 1, curator: 2, admin: 3 };

/** The role the user holds in a topic (admin everywhere), or null. */
export function topicRole(user: Who, topicId: number | null): TopicRole | 'admin' | null {
  if (!user) return null;
  if (user.role === 'admin') return 'admin';
  let best: TopicRole | null = null;
  for (const m of user.memberships) {
    if (m.topicId !== null && m.topicId !== topicId) continue;
    if (!best || rank[m.role] > rank[best]) best = m.role;
  }
  return best;
}

function atLeast(role: TopicRole | 'admin' | null, level: Level): boolean {
  return role !== null && rank[role] >= rank[level];
}

/** Writes need a session or a token with the curate scope. */
export function canWrite(user: Who): user is AuthUser {
  return Boolean(user) && user!.scope !== 'read';
}

export function isAdmin(user: Who): boolean {
  return user?.role === 'admin';
}

/** Holds `level` somewhere: the cheap check made before any lookup. */
export function canActAnywhere(user: Who, level: Level): boolean {
  if (!user) return false;
  return user.role === 'admin' || user.memberships.some((m) => atLeast(m.role, level));
}

/** Holds `level` in one of the topics (an item belongs to its source's topics; none = network-wide only). */
export function canActOn(user: Who, topicIds: readonly number[], level: Level): boolean {
  if (!topicIds.length) return atLeast(topicRole(user, null), level);
  return topicIds.some((t) => atLeast(topicRole(user, t), level));
}

/** The topic in which the action is recorded: the first of the item's topics where the user holds the level. */
export function actingTopic(user: Who, topicIds: readonly number[], level: Level): number | null {
  return topicIds.find((t) => atLeast(topicRole(user, t), level)) ?? null;
}

export const canContribute = (user: Who, topicIds: readonly number[]) => canWrite(user) && canActOn(user, topicIds, 'member');
export const canCurate = (user: Who, topicIds: readonly number[]) => canWrite(user) && canActOn(user, topicIds, 'curator');

/** Public topics are readable by anyone when public reading is on; members-only topics by their members. */
export function canReadTopic(user: Who, topic: { id: number; public: boolean }, publicRead: boolean): boolean {
  if (topicRole(user, topic.id) !== null) return true;
  return topic.public && (publicRead || Boolean(user));
}

/** Private annotations, unpublished flags, members and audit: members of the topic only. */
export function canSeeInternal(user: Who, topicIds: readonly number[]): boolean {
  return canActOn(user, topicIds, 'member');
}

export function canSeeAudit(user: Who, topicIds: readonly number[]): boolean {
  return canActOn(user, topicIds, 'curator');
}

/** Admins invite anyone; curators invite members and curators into their own topics. */
export function canInvite(user: Who, role: GlobalRole, topicId: number | null): boolean {
  if (!canWrite(user)) return false;
  if (isAdmin(user)) return true;
  if (role === 'admin' || topicId === null) return false;
  return atLeast(topicRole(user, topicId), 'curator');
}

export function canManageMembers(user: Who, topicId: number): boolean {
  return canWrite(user) && atLeast(topicRole(user, topicId), 'curator');
}

export function canManageUsers(user: Who): boolean {
  return canWrite(user) && isAdmin(user);
}

export function canCreateTopic(user: Who): boolean {
  return canManageUsers(user);
}
