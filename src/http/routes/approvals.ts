import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuthUser } from '../../accounts/types.js';
import { curatesTopic } from '../../access/rule.js';
import { approvalJson, approveItem, unpublishItem } from '../../curation/approvals.js';
import { itemRef, topicBySlug, topicSlugs, type ItemRef } from '../../curation/item-topics.js';
import { canActOn } from '../../curation/permissions.js';
import { approvalTopicsOf, getApproval, listReadableApprovals } from '../../db/curation/approvals.js';
import { HttpError } from '../errors.js';
import { intParam, onItem, permit } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { ApprovalSchema, IdParam, jsonBody, ok, refusals, Slug } from './curation-schemas.js';

const TopicChoice = Slug.optional().openapi({ description: "the topic the approval is made in (needed when you curate several of the item's topics)" });

/** Approval for republication in one topic, with a public note (curators of that topic), and unpublishing. */
export function approvalRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();

  /**
   * The topic a curator acts in: the one named, else the only one of the item's topics they curate (among
   * `candidates` when given: the topics it is approved in). Several and none named: they must say which.
   */
  function actingTopic(user: AuthUser, viewerCurates: (t: number) => boolean, ref: ItemRef, named: string | undefined, candidates?: readonly number[]): number {
    if (named) {
      const t = topicBySlug(deps.sqlite, named);
      if (!t || !ref.topicIds.includes(t.id)) throw new HttpError(400, 'invalid_request', `the item is not in topic '${named}'`, 'topic');
      if (!canActOn(user, [t.id], 'curator')) throw new HttpError(403, 'forbidden', `you are not a curator of '${named}'`);
      return t.id;
    }
    if (!ref.topicIds.length) throw new HttpError(409, 'no_topic', "this item's source has no topic: give the source a topic before approving it");
    const mine = ref.topicIds.filter((t) => viewerCurates(t) && (!candidates || candidates.includes(t)));
    if (mine.length === 1) return mine[0]!;
    if (!mine.length) throw new HttpError(404, 'not_found', 'this item is not approved in a topic you curate');
    const slugs = topicSlugs(deps.sqlite);
    throw new HttpError(400, 'invalid_request', `you curate several of this item's topics (${mine.map((t) => slugs.get(t)).join(', ')}): name one`, 'topic');
  }

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/items/{id}/approval',
      summary: 'Approve an item for republication in one of its topics, with a public note (curators of that topic)',
      description: 'The approval publishes only in that topic, and only while the topic is public.',
      middleware: [permit(onItem(deps, 'curator'))] as const,
      request: { params: IdParam, ...jsonBody(z.object({ note: z.string().trim().max(5000).nullable().default(null), topic: TopicChoice }).strict()) },
      responses: { 200: ok(z.object({ approval: ApprovalSchema })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const v = requestViewer(c, deps);
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const b = c.req.valid('json');
      const topicId = actingTopic(user, (t) => curatesTopic(v, t), ref, b.topic);
      approveItem(deps.sqlite, user, ref.id, topicId, b.note || null, now());
      return c.json({ approval: approvalJson(getApproval(deps.sqlite, ref.id, topicId)!) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/items/{id}/approval',
      summary: 'Unpublish an item from one topic (curators of it)',
      middleware: [permit(onItem(deps, 'curator'))] as const,
      request: { params: IdParam, query: z.object({ topic: TopicChoice }).strict() },
      responses: { 200: ok(z.object({ approved: z.literal(false) })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const v = requestViewer(c, deps);
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const topicId = actingTopic(user, (t) => curatesTopic(v, t), ref, c.req.valid('query').topic, approvalTopicsOf(deps.sqlite, ref.id));
      if (!unpublishItem(deps.sqlite, user, ref.id, topicId, now())) throw new HttpError(404, 'not_found', 'this item is not approved in this topic');
      return c.json({ approved: false as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/approvals',
      summary: 'Approvals you may read, newest first (anonymous readers: those published in public topics)',
      request: { query: z.object({ topic: Slug.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict() },
      responses: { 200: ok(z.object({ approvals: z.array(ApprovalSchema) })), 400: refusals[400] },
    }),
    (c) => {
      const q = c.req.valid('query');
      const topic = q.topic ? topicBySlug(deps.sqlite, q.topic) : null;
      if (q.topic && !topic) return c.json({ approvals: [] }, 200);
      const rows = listReadableApprovals(deps.sqlite, requestViewer(c, deps), { topicId: topic?.id, limit: q.limit });
      return c.json({ approvals: rows.map(approvalJson) }, 200);
    },
  );
  return app;
}
