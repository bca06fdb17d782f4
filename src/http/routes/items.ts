import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getItem } from '../../db/items/get.js';
import { listItems, type ItemRow } from '../../db/items/list.js';
import { sourceReadable } from '../../db/sources/list.js';
import { readableTopic } from '../../db/topics/list.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { HttpError } from '../errors.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';

export const ItemSummary = z
  .object({
    id: z.number(),
    source: z.string(),
    sourceName: z.string().nullable(),
    topic: z.string().nullable().openapi({ description: "the source's first topic" }),
    topics: z.array(z.string()),
    title: z.string().nullable(),
    url: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    author: z.string().nullable(),
    published: z.string().openapi({ description: 'ISO 8601; the first-seen time when the feed gives no date' }),
    firstSeen: z.string(),
    summary: z.string().nullable(),
    lang: z.string().nullable(),
    categories: z.array(z.string()),
    enclosures: z.array(z.object({ url: z.string(), type: z.string().nullable(), length: z.number().nullable() })),
    cluster: z.object({ id: z.number(), sources: z.number().openapi({ description: 'distinct sources reporting this story (that you may read)' }) }),
  })
  .openapi('ItemSummary');

const Query = z
  .object({
    topic: z.string().max(64).optional(),
    source: z.string().max(64).optional(),
    since: z
      .string()
      .max(64)
      .refine((v) => Number.isFinite(Date.parse(v)), { message: 'expected an ISO 8601 date such as 2026-11-01 or 2026-11-01T08:00:00Z' })
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(200)
      .refine((v) => decodeCursor(v) !== null, { message: 'not a cursor returned by this API' })
      .optional(),
  })
  .strict();

const ItemDetail = ItemSummary.extend({ contentHtml: z.string().nullable().openapi({ description: 'sanitised at ingest' }), contentText: z.string().nullable() }).openapi('ItemDetail');
const NotFound = { description: 'no such item, topic or source (or not one you may read)', content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } };

function toSummary(r: ItemRow) {
  return {
    id: r.id,
    source: r.source,
    sourceName: r.sourceName,
    topic: r.topics[0] ?? null,
    topics: r.topics,
    title: r.title,
    url: r.url,
    canonicalUrl: r.canonicalUrl,
    author: r.author,
    published: new Date(r.publishedAt).toISOString(),
    firstSeen: new Date(r.firstSeenAt).toISOString(),
    summary: r.summary,
    lang: r.lang,
    categories: r.categories,
    enclosures: r.enclosures,
    cluster: { id: r.clusterId, sources: r.clusterSize },
  };
}

export function itemRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items',
      summary: 'Items, newest first, with cursor pagination',
      request: { query: Query },
      responses: {
        200: {
          description: 'a page of items',
          content: { 'application/json': { schema: z.object({ items: z.array(ItemSummary), nextCursor: z.string().nullable() }) } },
        },
        404: NotFound,
      },
    }),
    (c) => {
      const q = c.req.valid('query');
      const viewer = requestViewer(c, deps);
      const topic = q.topic === undefined ? undefined : readableTopic(deps.sqlite, viewer, q.topic);
      if (topic === null) throw new HttpError(404, 'not_found', `no topic '${q.topic}'`, 'topic');
      if (q.source !== undefined && !sourceReadable(deps.sqlite, viewer, q.source)) throw new HttpError(404, 'not_found', `no source '${q.source}'`, 'source');
      const page = listItems(deps.sqlite, viewer, {
        topic: topic?.slug,
        source: q.source,
        since: q.since ? Date.parse(q.since) : undefined,
        limit: q.limit,
        cursor: q.cursor ? decodeCursor(q.cursor)! : undefined,
      });
      return c.json({ items: page.items.map(toSummary), nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/items/{id}',
      summary: 'One item with its content (404 when it does not exist or you may not read it)',
      request: { params: z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/, { message: 'expected an item id' }).openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 200: { description: 'the item', content: { 'application/json': { schema: z.object({ item: ItemDetail }) } } }, 404: NotFound },
    }),
    (c) => {
      const viewer = requestViewer(c, deps);
      const id = Number(c.req.valid('param').id);
      const row = listItems(deps.sqlite, viewer, { id, limit: 1 }).items[0];
      const detail = row ? getItem(deps.sqlite, viewer, id) : null;
      if (!row || !detail) throw new HttpError(404, 'not_found', 'no such item');
      return c.json({ item: { ...toSummary(row), contentHtml: detail.contentHtml, contentText: detail.contentText } }, 200);
    },
  );
  return app;
}
