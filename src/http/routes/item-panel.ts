import type { PanelData } from '../../../web/views/curation-panel.js';
import type { AuthUser } from '../../accounts/types.js';
import { canReadCuration, curatesTopic, isSignedIn } from '../../access/rule.js';
import type { Viewer } from '../../access/viewer.js';
import { readItemCuration } from '../../curation/item-curation.js';
import { topicSlugs, type ItemRef } from '../../curation/item-topics.js';
import { canContribute, canCurate } from '../../curation/permissions.js';
import { listReadableHistory } from '../../db/audit/audit-log.js';
import type { Sqlite } from '../../db/client.js';

/**
 * What the curation panel shows this reader: the curation of the item's topics they read (signed-in readers of the
 * topic), else only what was published there (src/access decides, in each owner query).
 */
export function panelData(sqlite: Sqlite, v: Viewer, user: AuthUser | null, ref: ItemRef): PanelData {
  const internal = isSignedIn(v) && (ref.topicIds.length ? ref.topicIds.some((t) => canReadCuration(v, t, false)) : canReadCuration(v, null, false));
  const cur = readItemCuration(sqlite, v, ref.id, 50);
  const slugs = topicSlugs(sqlite);
  const approvals = cur.approvals.map((a) => ({ topic: a.topic, note: a.note, by: a.approvedBy, at: a.approvedAt, canRemove: user !== null && canCurate(user, [a.topicId]) }));
  return {
    itemId: ref.id,
    internal,
    canContribute: canContribute(user, ref.topicIds),
    canCurate: canCurate(user, ref.topicIds),
    tags: cur.tags,
    flags: cur.flags.map((f) => ({ id: f.id, strength: f.strength, rationale: f.rationale, status: f.status, statusReason: f.statusReason, public: f.public, author: f.author.name, createdAt: f.createdAt })),
    notes: cur.annotations.map((n) => ({ id: n.id, html: n.bodyHtml, visibility: n.visibility, author: n.author, createdAt: n.createdAt })),
    approvals,
    approveTopics: user && canCurate(user, ref.topicIds) ? ref.topicIds.filter((t) => curatesTopic(v, t)).map((t) => slugs.get(t) ?? String(t)) : [],
    history: internal
      ? listReadableHistory(sqlite, v, { itemId: ref.id, limit: 50 }).map((e) => ({ id: e.id, action: e.action, actor: e.actor.name ?? e.actor.email, at: Date.parse(e.at), detail: auditDetail(e.detail) }))
      : null,
  };
}

/** The part of an audit entry worth reading in a list: rationale, note, tags, status change. */
function auditDetail(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(d.tags)) parts.push(d.tags.join(', '));
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} → ${d.to}`);
  for (const k of ['rationale', 'reason', 'note', 'body']) if (typeof d[k] === 'string' && d[k]) parts.push(`« ${String(d[k]).slice(0, 140)} »`);
  return parts.join(' ');
}
