import { Hono } from 'hono';
import type { PanelData } from '../../../web/views/curation-panel.js';
import { ItemPage, NotFoundPage } from '../../../web/views/item.js';
import type { AuthUser } from '../../accounts/types.js';
import { listAnnotations } from '../../curation/annotations.js';
import { getApproval } from '../../curation/approvals.js';
import { listAudit } from '../../curation/audit.js';
import { listFlags } from '../../curation/flags.js';
import { itemRef, type ItemRef } from '../../curation/item-topics.js';
import { canContribute, canCurate, canSeeAudit, canSeeInternal } from '../../curation/permissions.js';
import { itemTagNames } from '../../curation/tags.js';
import type { Sqlite } from '../../db/client.js';
import { clusterSiblings } from '../../db/items/cluster.js';
import { getItem } from '../../db/items/get.js';
import { markRead } from '../../db/reading/reads.js';
import type { AppDeps } from '../types.js';
import { requestViewer } from '../viewer.js';
import { pageUser, readAllowed, toLogin, viewContext, type PageEnv } from './pages-context.js';

/** What the curation panel shows this reader: internal curation for members of the item's topic only. */
export function panelData(sqlite: Sqlite, user: AuthUser | null, ref: ItemRef): PanelData {
  const internal = canSeeInternal(user, ref.topicIds);
  const approval = getApproval(sqlite, ref.id);
  const flags = listFlags(sqlite, { itemId: ref.id, internalTopicIds: internal ? null : [], internalNoTopic: internal, limit: 50 });
  return {
    itemId: ref.id,
    internal,
    canContribute: canContribute(user, ref.topicIds),
    canCurate: canCurate(user, ref.topicIds),
    tags: internal ? itemTagNames(sqlite, ref.id) : [],
    flags: flags.map((f) => ({ id: f.id, strength: f.strength, rationale: f.rationale, status: f.status, statusReason: f.statusReason, public: f.public, author: f.author.name, createdAt: f.createdAt })),
    notes: internal || approval ? listAnnotations(sqlite, ref.id, internal).map((n) => ({ id: n.id, html: n.bodyHtml, visibility: n.visibility, author: n.author, createdAt: n.createdAt })) : [],
    approval: approval ? { note: approval.note, by: approval.approvedBy, at: approval.approvedAt } : null,
    history: canSeeAudit(user, ref.topicIds)
      ? listAudit(sqlite, { itemId: ref.id, limit: 50 }).map((e) => ({ id: e.id, action: e.action, actor: e.actor.name ?? e.actor.email, at: Date.parse(e.at), detail: auditDetail(e.detail) }))
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

export function itemPageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();
  app.get('/items/:id{[0-9]+}', (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const ctx = viewContext(deps, c);
    const viewer = requestViewer(c, deps);
    const item = getItem(deps.sqlite, viewer, Number(c.req.param('id')));
    const ref = item ? itemRef(deps.sqlite, item.id) : null;
    if (!item || !ref) return c.html(<NotFoundPage ctx={ctx} />, 404);
    if (user) markRead(deps.sqlite, user.id, item.id, deps.clock.now());
    const siblings = clusterSiblings(deps.sqlite, viewer, item.id, item.clusterId);
    return c.html(<ItemPage ctx={ctx} item={item} panel={panelData(deps.sqlite, user, ref)} siblings={siblings} />);
  });
  return app;
}
