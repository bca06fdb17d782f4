import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canSeeSourceSecrets, redactUrl } from '../../access/index.js';
import { listSources } from '../../db/sources/list.js';
import { readableTopic } from '../../db/topics/list.js';
import { HttpError } from '../errors.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

const SourceHealth = z
  .object({
    slug: z.string(),
    name: z.string().nullable(),
    kind: z.string(),
    url: z.string().nullable().openapi({ description: "query values and userinfo shown to the source's curators and admins only" }),
    topics: z.array(z.string()),
    tags: z.array(z.string()),
    enabled: z.boolean(),
    origin: z.enum(['file', 'app', 'cli']),
    status: z.enum(['ok', 'not_modified', 'error']).nullable().openapi({ description: 'outcome of the last fetch; null = never fetched' }),
    error: z.string().nullable(),
    errorCount: z.number(),
    lastFetch: z.string().nullable(),
    lastSuccess: z.string().nullable(),
    nextDue: z.string(),
    intervalMinutes: z.number().nullable(),
    itemCount: z.number(),
  })
  .openapi('SourceHealth');

export function sourceRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sources',
      summary: 'Sources (of topics you may read) with their health: last fetch, status, error, next due',
      request: { query: z.object({ topic: z.string().max(64).optional() }).strict() },
      responses: {
        200: { description: 'sources', content: { 'application/json': { schema: z.object({ sources: z.array(SourceHealth) }) } } },
        404: { description: 'no such topic (or not one you may read)' },
      },
    }),
    (c) => {
      const { topic } = c.req.valid('query');
      const viewer = requestViewer(c, deps);
      const t = topic === undefined ? undefined : readableTopic(deps.sqlite, viewer, topic);
      if (t === null) throw new HttpError(404, 'not_found', `no topic '${topic}'`, 'topic');
      const rows = listSources(deps.sqlite, viewer, { topic: t?.slug });
      return c.json(
        {
          sources: rows.map((r) => ({
            slug: r.slug,
            name: r.name ?? r.feedTitle,
            kind: r.kind,
            url: canSeeSourceSecrets(viewer, r.topicIds) ? r.url : redactUrl(r.url),
            topics: r.topics,
            tags: r.tags,
            enabled: r.enabled,
            origin: r.origin,
            status: r.status,
            error: r.error,
            errorCount: r.errorCount,
            lastFetch: iso(r.lastFetchAt),
            lastSuccess: iso(r.lastSuccessAt),
            nextDue: new Date(r.nextFetchAt).toISOString(),
            intervalMinutes: r.intervalMs == null ? null : Math.round(r.intervalMs / 60_000),
            itemCount: r.itemCount,
          })),
        },
        200,
      );
    },
  );
  return app;
}
