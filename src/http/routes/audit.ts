import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { annotationJson, listAnnotations } from '../../curation/annotations.js';
import { approvalJson, getApproval } from '../../curation/approvals.js';
import { listAudit } from '../../curation/audit.js';
import { flagJson, listFlags, strongestSignal } from '../../curation/flags.js';
import { itemRef, topicBySlug } from '../../curation/item-topics.js';
import { marksOf } from '../../curation/marks.js';
import { canActOn, isAdmin, topicRole } from '../../curation/permissions.js';
import { itemTagNames } from '../../curation/tags.js';
import { listAllTopics } from '../../curation/topics.js';
import { HttpError } from '../errors.js';
import { forbidden, holds, intParam, notFound, permit, readsItem, unauthenticated } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { AnnotationSchema, ApprovalSchema, AuditEntrySchema, FlagSchema, IdParam, ok, refusals } from './curation-schemas.js';

/** Who did what: an item's history (members of its topic) and the audit log (curators, of their topics). */
export function auditRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items/{id}/history',
      summary: "An item's full curation history, oldest first: actor (kept after the account is removed), action, time, content",
      middleware: [
        permit((c, user) => {
          if (!user) return unauthenticated;
          const ref = itemRef(deps.sqlite, intParam(c) ?? 0);
          if (!ref) return notFound('no such item');
          return canActOn(user, ref.topicIds, 'member') ? null : forbidden("only members of the item's topic see its history");
        }),
      ] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ history: z.array(AuditEntrySchema) })), ...refusals },
    }),
    (c) => c.json({ history: listAudit(deps.sqlite, { itemId: intParam(c)!, limit: 10_000 }).reverse() }, 200),
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
      const user = c.get('user')!;
      const q = c.req.valid('query');
      const topic = q.topic ? topicBySlug(deps.sqlite, q.topic) : null;
      if (q.topic && !topic) throw new HttpError(404, 'not_found', `no topic '${q.topic}'`, 'topic');
      if (topic && !canActOn(user, [topic.id], 'curator')) throw new HttpError(403, 'forbidden', `you are not a curator of '${topic.slug}'`);
      const visible = isAdmin(user) ? null : listAllTopics(deps.sqlite).filter((t) => topicRole(user, t.id) === 'curator').map((t) => t.id);
      const rows = listAudit(deps.sqlite, { itemId: q.item, userId: q.user, topicId: topic?.id, visibleTopicIds: visible, limit: q.limit + 1, before: q.before });
      const page = rows.slice(0, q.limit);
      return c.json({ entries: page, next: rows.length > q.limit ? page[page.length - 1]!.id : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items/{id}/curation',
      summary: 'Everything curated on an item that you may see: tags, signal, flags, annotations, approval, your marks',
      middleware: [permit(readsItem(deps))] as const,
      request: { params: IdParam },
      responses: {
        200: ok(
          z.object({
            tags: z.array(z.string()),
            signal: z.object({ status: z.enum(['watching', 'confirmed']), strength: z.number() }).nullable(),
            flags: z.array(FlagSchema),
            annotations: z.array(AnnotationSchema),
            approval: ApprovalSchema.nullable(),
            marks: z.array(z.enum(['star', 'later'])),
          }),
        ),
        404: refusals[404],
      },
    }),
    (c) => {
      const user = c.get('user') ?? null;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const internal = canActOn(user, ref.topicIds, 'member');
      const all = listFlags(deps.sqlite, { itemId: ref.id, internalTopicIds: null, internalNoTopic: true, limit: 1000 });
      const flags = internal ? all : all.filter((f) => f.public);
      const approval = getApproval(deps.sqlite, ref.id);
      return c.json(
        {
          tags: itemTagNames(deps.sqlite, ref.id),
          signal: strongestSignal(flags),
          flags: flags.map(flagJson),
          annotations: internal || approval ? listAnnotations(deps.sqlite, ref.id, internal).map(annotationJson) : [],
          approval: approval ? approvalJson(approval) : null,
          marks: user ? marksOf(deps.sqlite, user.id, ref.id) : [],
        },
        200,
      );
    },
  );
  return app;
}
