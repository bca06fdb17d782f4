import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canReadCuration } from '../../access/rule.js';
import { annotationJson, createAnnotation, deleteAnnotation, updateAnnotation } from '../../curation/annotations.js';
import { itemRef } from '../../curation/item-topics.js';
import { getAnnotation, listReadableAnnotations } from '../../db/curation/annotations.js';
import { actingTopic, canActOn } from '../../curation/permissions.js';
import { forbidden, holds, intParam, notFound, onItem, permit, readsItem } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { AnnotationSchema, IdParam, jsonBody, ok, refusals } from './curation-schemas.js';

const Body = z.string().trim().min(1).max(20_000).openapi({ description: 'markdown; rendered and sanitised on save' });
const Visibility = z.enum(['topic', 'public']).openapi({ description: "'topic': members of the topic only; 'public': shown with the item once republished" });

/** Notes on items: markdown, rendered safely, private to the topic or public with the republished item. */
export function annotationRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  /** The author edits; the author or a curator of the item's topic deletes. */
  const onAnnotation = (curatorMay: boolean) =>
    permit((c, user) => {
      const early = holds('member')(c, user);
      if (early) return early;
      const id = intParam(c);
      const a = id === null ? null : getAnnotation(deps.sqlite, id);
      // A note of a topic whose curation the reader does not read does not exist for them.
      if (!a || !canReadCuration(requestViewer(c, deps), a.topicId, false)) return notFound('no such annotation');
      if (a.authorId === user!.id && canActOn(user, itemRef(deps.sqlite, a.itemId)?.topicIds ?? [], 'member')) return null;
      if (curatorMay && canActOn(user, a.topicId !== null ? [a.topicId] : (itemRef(deps.sqlite, a.itemId)?.topicIds ?? []), 'curator')) return null;
      return forbidden(curatorMay ? 'only its author or a curator of the topic may delete this annotation' : 'only its author may edit this annotation');
    });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/items/{id}/annotations',
      summary: 'Annotate an item (members of its topic)',
      middleware: [permit(onItem(deps, 'member'))] as const,
      request: { params: IdParam, ...jsonBody(z.object({ body: Body, visibility: Visibility.default('topic') }).strict()) },
      responses: { 201: ok(z.object({ annotation: AnnotationSchema }), 'annotated'), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const b = c.req.valid('json');
      const id = createAnnotation(deps.sqlite, user, { itemId: ref.id, topicId: actingTopic(user, ref.topicIds, 'member'), body: b.body, visibility: b.visibility }, now());
      return c.json({ annotation: annotationJson(getAnnotation(deps.sqlite, id)!) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items/{id}/annotations',
      summary: "An item's annotations you may read: those of its topics for their signed-in readers; public notes of items approved in a public topic for everyone",
      middleware: [permit(readsItem(deps))] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ annotations: z.array(AnnotationSchema) })), 404: refusals[404] },
    }),
    (c) => c.json({ annotations: listReadableAnnotations(deps.sqlite, requestViewer(c, deps), intParam(c)!).map(annotationJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/annotations/{id}',
      summary: 'Edit your annotation',
      middleware: [onAnnotation(false)] as const,
      request: { params: IdParam, ...jsonBody(z.object({ body: Body.optional(), visibility: Visibility.optional() }).strict()) },
      responses: { 200: ok(z.object({ annotation: AnnotationSchema })), ...refusals },
    }),
    (c) => {
      const id = intParam(c)!;
      updateAnnotation(deps.sqlite, c.get('user')!, id, c.req.valid('json'), now());
      return c.json({ annotation: annotationJson(getAnnotation(deps.sqlite, id)!) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/annotations/{id}',
      summary: 'Delete an annotation (its author, or a curator of the topic)',
      middleware: [onAnnotation(true)] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ deleted: z.literal(true) })), ...refusals },
    }),
    (c) => {
      deleteAnnotation(deps.sqlite, c.get('user')!, intParam(c)!, now());
      return c.json({ deleted: true as const }, 200);
    },
  );
  return app;
}
