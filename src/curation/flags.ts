import type { Sqlite } from '../db/client.js';
import { getFlag, insertFlag, setFlagPublic, setFlagStatus, type Flag, type FlagStatus } from '../db/curation/flags.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';
import { emitFlag } from '../db/outbound/emit.js';

export type { Flag, FlagFilter, FlagStatus } from '../db/curation/flags.js';

/** Creates one flag covering one or several items (what the radar's "accept" creates). */
export function createFlag(sqlite: Sqlite, actor: Actor, f: { itemIds: number[]; topicId: number | null; strength: number; rationale: string }, now: number): number {
  return sqlite.transaction(() => {
    const id = insertFlag(sqlite, { topicId: f.topicId, strength: f.strength, rationale: f.rationale, authorId: actor.id, itemIds: f.itemIds }, now);
    for (const itemId of f.itemIds) {
      writeAudit(sqlite, actor, { action: 'flag.create', itemId, topicId: f.topicId, targetType: 'flag', targetId: id, detail: { strength: f.strength, rationale: f.rationale, items: f.itemIds } }, now);
    }
    touchItems(sqlite, f.itemIds, now);
    emitFlag(sqlite, { event: 'flag.created', flagId: id, topicId: f.topicId, itemIds: f.itemIds, rationale: f.rationale, strength: f.strength, now });
    return id;
  })();
}

/** Changes a flag's status (with the reason) and/or its visibility; every item it covers is reindexed. */
export function updateFlag(sqlite: Sqlite, actor: Actor, id: number, u: { status?: FlagStatus; reason?: string; public?: boolean }, now: number): void {
  sqlite.transaction(() => {
    const before = getFlag(sqlite, id)!;
    if (u.status !== undefined) setFlagStatus(sqlite, id, { status: u.status, reason: u.reason ?? null, byId: actor.id }, now);
    if (u.public !== undefined) setFlagPublic(sqlite, id, u.public, now);
    const detail: Record<string, unknown> = {};
    if (u.status !== undefined) Object.assign(detail, { from: before.status, to: u.status, reason: u.reason ?? null });
    if (u.public !== undefined) detail.public = u.public;
    const action = u.status !== undefined ? 'flag.status' : 'flag.visibility';
    for (const itemId of before.items) writeAudit(sqlite, actor, { action, itemId, topicId: before.topicId, targetType: 'flag', targetId: id, detail }, now);
    touchItems(sqlite, before.items, now);
    if (u.status === 'confirmed' && before.status !== 'confirmed') {
      emitFlag(sqlite, { event: 'flag.confirmed', flagId: id, topicId: before.topicId, itemIds: before.items, rationale: before.rationale, strength: before.strength, now });
    }
  })();
}

const statusRank: Record<FlagStatus, number> = { dismissed: 0, watching: 1, confirmed: 2 };

/** An item's signal for search: its strongest live (not dismissed) flag — highest strength, confirmed before watching. */
export function strongestSignal(flags: readonly Pick<Flag, 'status' | 'strength'>[]): { status: Exclude<FlagStatus, 'dismissed'>; strength: number } | null {
  let best: { status: Exclude<FlagStatus, 'dismissed'>; strength: number } | null = null;
  for (const f of flags) {
    if (f.status === 'dismissed') continue;
    if (!best || f.strength > best.strength || (f.strength === best.strength && statusRank[f.status] > statusRank[best.status])) {
      best = { status: f.status, strength: f.strength };
    }
  }
  return best;
}

export function flagJson(f: Flag) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: f.id,
    topic: f.topic,
    strength: f.strength,
    rationale: f.rationale,
    status: f.status,
    statusReason: f.statusReason,
    statusBy: f.statusBy ? f.statusBy.name : null,
    statusAt: iso(f.statusAt),
    public: f.public,
    author: f.author.name,
    createdAt: iso(f.createdAt)!,
    items: f.items,
  };
}
