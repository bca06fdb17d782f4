import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listItems } from '../../db/queries/list-items.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { AppDeps, AppEnv } from '../types.js';

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
    cluster: z.object({ id: z.number(), sources: z.number().openapi({ description: 'distinct sources reporting this story' }) }),
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
      },
    }),
    (c) => {
      const q = c.req.valid('query');
      const page = listItems(deps.sqlite, {
        topic: q.topic,
        source: q.source,
        since: q.since ? Date.parse(q.since) : undefined,
        limit: q.limit,
        cursor: q.cursor ? decodeCursor(q.cursor)! : undefined,
        publicTopicsOnly: !c.get('user'),
      });
      return c.json(
        {
          items: page.items.map((r) => ({
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
          })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
        200,
      );
    },
  );
  return app;
}
