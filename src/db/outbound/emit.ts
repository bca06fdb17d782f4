/**
 * Outbound events, queued in the transaction of what caused them (an approval, a flag), like the search outbox:
 * one delivery per enabled channel of the topic that wants the event, keyed so the same event never goes out twice.
 * Approvals are cross-posted by the network's accounts when their topic is public; an unpublishing deletes that post.
 */
import type { Sqlite } from '../client.js';
import { eventItem } from '../items/event-item.js';
import { channelsFor } from './channels.js';
import { enqueueDelivery } from './deliveries.js';

export interface TopicEvent {
  event: string;
  topicId: number;
  /** What makes this event one event (e.g. `item:12`): with the event name, the idempotency key. */
  key: string;
  data: object;
  /** For item.unpublished on social channels: the approval whose post to delete. */
  deleteOf?: string;
  /** False when the topic is members-only: the network's social accounts never hear of it. */
  topicPublic: boolean;
  now: number;
}

const SOCIAL = new Set(['mastodon', 'bluesky']);

/** Queues the event for every enabled channel of the topic that wants it; returns how many deliveries were queued. */
export function emitTopicEvent(sqlite: Sqlite, e: TopicEvent): number {
  let n = 0;
  for (const ch of channelsFor(sqlite, e.topicId, e.event)) {
    if (!e.topicPublic && SOCIAL.has(ch.kind)) continue;
    const payload: Record<string, unknown> = { data: e.data, ...(e.deleteOf ? { deleteOf: e.deleteOf } : {}) };
    if (enqueueDelivery(sqlite, { channelId: ch.id, event: e.event, eventKey: `${e.event}:${e.key}`, payload, now: e.now })) n++;
  }
  return n;
}

/** The approval's event key, which unpublishing names to delete its post. */
export const approvalKey = (itemId: number, topicId: number) => `item.approved:item:${itemId}:topic:${topicId}`;

export function emitApproved(sqlite: Sqlite, e: { itemId: number; topicId: number | null; note: string | null; now: number }): void {
  if (e.topicId === null) return;
  const it = eventItem(sqlite, e.itemId, e.topicId);
  if (!it) return;
  const key = approvalKey(e.itemId, e.topicId).slice('item.approved:'.length);
  emitTopicEvent(sqlite, { event: 'item.approved', topicId: e.topicId, key, data: { ...it, note: e.note }, topicPublic: it.topic.public, now: e.now });
}

export function emitUnpublished(sqlite: Sqlite, e: { itemId: number; topicId: number | null; now: number }): void {
  if (e.topicId === null) return;
  const it = eventItem(sqlite, e.itemId, e.topicId);
  if (!it) return;
  // Each unpublishing is its own event (an item may be approved, withdrawn and approved again).
  emitTopicEvent(sqlite, { event: 'item.unpublished', topicId: e.topicId, key: `item:${e.itemId}:topic:${e.topicId}:at:${e.now}`, data: it, deleteOf: approvalKey(e.itemId, e.topicId), topicPublic: it.topic.public, now: e.now });
}

export function emitFlag(sqlite: Sqlite, e: { event: 'flag.created' | 'flag.confirmed'; flagId: number; topicId: number | null; itemIds: number[]; rationale: string; strength: number; now: number }): void {
  if (e.topicId === null || !e.itemIds.length) return;
  const it = eventItem(sqlite, e.itemIds[0]!, e.topicId);
  if (!it) return;
  emitTopicEvent(sqlite, { event: e.event, topicId: e.topicId, key: `flag:${e.flagId}`, data: { ...it, rationale: e.rationale, strength: e.strength, flag: e.flagId, items: e.itemIds }, topicPublic: it.topic.public, now: e.now });
}
