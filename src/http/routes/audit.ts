import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canReadItem, canReadTopic, curatesTopic } from '../../access/rule.js';
import { annotationJson } from '../../curation/annotations.js';
import { approvalJson } from '../../curation/approvals.js';
import { flagJson } from '../../curation/flags.js';
import { readItemCuration } from '../../curation/item-curation.js';
import { itemRef, topicBySlug } from '../../curation/item-topics.js';
import { marksOf } from '../../db/curation/marks.js';
import { listCuratedAudit, listReadableHistory } from '../../db/audit/audit-log.js';
import { HttpError } from '../errors.js';
import { holds, intParam, notFound, permit, readsItem, unauthenticated } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { AnnotationSchema, ApprovalSchema, AuditEntrySchema, FlagSchema, IdParam, ok, refusals } from './curation-schemas.js';

/** Who did what: an item's history (signed-in readers of its topics) and the audit log (curators, of their topics). */
export function auditRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items/{id}/history',
      summary: "An item's curation history, oldest first: actor (kept after the account is removed), action, time, content — the entries of the topics whose curation you read",
      middleware: [
        permit((c, user) => {
          if (!user) return unauthenticated;
          const ref = itemRef(deps.sqlite, intParam(c) ?? 0);
          return ref && canReadItem(requestViewer(c, deps), ref.topicIds) ? null : notFound('no such item');
        }),
      ] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ history: z.array(AuditEntrySchema) })), ...refusals },
    }),
    (c) => c.json({ history: listReadableHistory(deps.sqlite, requestViewer(c, deps), { itemId: intParam(c)!, limit: 10_000 }).reverse() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The audit log, newest first (curators: their topics; admins: everything)',
      middleware: [permit(holds('curator'))] as const,
      request: {
        query: z
          .object({
            item: z.coerce.number().int().positive().optional(),
            user: z.coerce.number().int().positive().optional(),
            topic: z.string().max(64).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            before: z.coerce.number().int().positive().optional(),
          })
          .strict(),
      },
      responses: { 200: ok(z.object({ entries: z.array(AuditEntrySchema), next: z.number().nullable() })), ...refusals },
    }),
    (c) => {
      const v = requestViewer(c, deps);
      const q = c.req.valid('query');
      const topic = q.topic ? topicBySlug(deps.sqlite, q.topic) : null;
      if (q.topic && (!topic || !canReadTopic(v, topic.id))) throw new HttpError(404, 'not_found', `no topic '${q.topic}'`, 'topic');
      if (topic && !curatesTopic(v, topic.id)) throw new HttpError(403, 'forbidden', `you are not a curator of '${topic.slug}'`);
      const rows = listCuratedAudit(deps.sqlite, v, { itemId: q.item, userId: q.user, topicId: topic?.id, limit: q.limit + 1, before: q.before });
      const page = rows.slice(0, q.limit);
      return c.json({ entries: page, next: rows.length > q.limit ? page[page.length - 1]!.id : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items/{id}/curation',
      summary: 'Everything curated on an item that you may read: tags, signal, flags, annotations, approvals, your marks',
      description:
        'Curation belongs to the topic it was made in: signed-in readers of that topic read it; anonymous readers read only what is published (an approval in a public topic with its tags and public notes, a flag made public).',
      middleware: [permit(readsItem(deps))] as const,
      request: { params: IdParam },
      responses: {
        200: ok(
          z.object({
            tags: z.array(z.string()),
            signal: z.object({ status: z.enum(['watching', 'confirmed']), strength: z.number() }).nullable(),
            flags: z.array(FlagSchema),
            annotations: z.array(AnnotationSchema),
            approval: ApprovalSchema.nullable().openapi({ description: 'the newest approval you may read' }),
            approvals: z.array(ApprovalSchema).openapi({ description: 'one per topic the item is approved in (that you may read)' }),
            marks: z.array(z.enum(['star', 'later'])),
          }),
        ),
        404: refusals[404],
      },
    }),
    (c) => {
      const user = c.get('user') ?? null;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const cur = readItemCuration(deps.sqlite, requestViewer(c, deps), ref.id);
      return c.json(
        {
          tags: cur.tags,
          signal: cur.signal,
          flags: cur.flags.map(flagJson),
          annotations: cur.annotations.map(annotationJson),
          approval: cur.approvals[0] ? approvalJson(cur.approvals[0]) : null,
          approvals: cur.approvals.map(approvalJson),
          marks: user ? marksOf(deps.sqlite, user.id, ref.id) : [],
        },
        200,
      );
    },
  );
  return app;
}
