import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { approvalJson, approveItem, getApproval, listApprovals, unpublishItem } from '../../curation/approvals.js';
import { itemRef, topicBySlug } from '../../curation/item-topics.js';
import { actingTopic, canActOn } from '../../curation/permissions.js';
import { HttpError } from '../errors.js';
import { intParam, onItem, permit } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { ApprovalSchema, IdParam, jsonBody, ok, refusals, Slug } from './curation-schemas.js';

/** Approval for republication, with a public note (curators of the item's topic), and unpublishing. */
export function approvalRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/items/{id}/approval',
      summary: 'Approve an item for republication, with a public note (curators)',
      middleware: [permit(onItem(deps, 'curator'))] as const,
      request: { params: IdParam, ...jsonBody(z.object({ note: z.string().trim().max(5000).nullable().default(null) }).strict()) },
      responses: { 200: ok(z.object({ approval: ApprovalSchema })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      approveItem(deps.sqlite, user, ref.id, actingTopic(user, ref.topicIds, 'curator'), c.req.valid('json').note || null, now());
      return c.json({ approval: approvalJson(getApproval(deps.sqlite, ref.id)!) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/items/{id}/approval',
      summary: 'Unpublish an item (curators)',
      middleware: [permit(onItem(deps, 'curator'))] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ approved: z.literal(false) })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      if (!unpublishItem(deps.sqlite, user, ref.id, actingTopic(user, ref.topicIds, 'curator'), now())) throw new HttpError(404, 'not_found', 'this item is not approved');
      return c.json({ approved: false as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/approvals',
      summary: 'Approved items, newest approval first (public topics for anonymous readers)',
      request: { query: z.object({ topic: Slug.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict() },
      responses: { 200: ok(z.object({ approvals: z.array(ApprovalSchema) })), 400: refusals[400] },
    }),
    (c) => {
      const q = c.req.valid('query');
      const topic = q.topic ? topicBySlug(deps.sqlite, q.topic) : null;
      if (q.topic && !topic) return c.json({ approvals: [] }, 200);
      const user = c.get('user') ?? null;
      const rows = listApprovals(deps.sqlite, { topicId: topic?.id, limit: q.limit }).filter((a) => {
        const ref = itemRef(deps.sqlite, a.itemId);
        return ref !== null && (ref.public || canActOn(user, ref.topicIds, 'member'));
      });
      return c.json({ approvals: rows.map(approvalJson) }, 200);
    },
  );
  return app;
}
