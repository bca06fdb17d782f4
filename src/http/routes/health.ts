import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { countLiveItems } from '../../db/items/count.js';
import { getMeta } from '../../db/meta/meta.js';
import { sourceHealthCounts } from '../../db/sources/health-counts.js';
import { readPackageVersion } from '../../lib/paths.js';
import type { AppDeps, AppEnv } from '../types.js';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    db: z.enum(['ok', 'error']),
    lastFetchCycle: z
      .object({ startedAt: z.string(), finishedAt: z.string(), sources: z.number(), ok: z.number(), errors: z.number(), newItems: z.number() })
      .nullable(),
    sources: z.object({ total: z.number(), enabled: z.number(), failing: z.number() }),
    items: z.number(),
    search: z.object({
      backend: z.enum(['meilisearch', 'fts5']).openapi({ description: 'the engine answering searches now' }),
      setting: z.enum(['auto', 'meilisearch', 'fts5']),
      meilisearch: z.enum(['ok', 'down', 'building', 'not_configured', 'unavailable']),
      detail: z.string().optional(),
      outbox: z.object({ pending: z.number(), oldestPendingAgeMs: z.number().nullable().openapi({ description: 'index lag' }) }),
    }),
  })
  .openapi('Health');

export function healthRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const version = readPackageVersion();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness and health: database, last fetch cycle, sources',
      responses: { 200: { description: 'healthy', content: { 'application/json': { schema: Health } } }, 503: { description: 'unhealthy' } },
    }),
    (c) => {
      try {
        const sources = sourceHealthCounts(deps.sqlite);
        const items = countLiveItems(deps.sqlite);
        const lastCycle = getMeta(deps.sqlite, 'last_fetch_cycle');
        const cycle = lastCycle ? (JSON.parse(lastCycle) as { startedAt: number; finishedAt: number; sources: number; ok: number; errors: number; newItems: number }) : null;
        return c.json(
          {
            status: 'ok' as const,
            version,
            db: 'ok' as const,
            lastFetchCycle: cycle ? { ...cycle, startedAt: new Date(cycle.startedAt).toISOString(), finishedAt: new Date(cycle.finishedAt).toISOString() } : null,
            sources,
            items,
            search: deps.search.status(),
          },
          200,
        );
      } catch (err) {
        deps.log.error({ err }, 'health check failed');
        return c.json({ status: 'degraded', db: 'error', error: { code: 'db_error', message: 'the database cannot be read' } }, 503);
      }
    },
  );
  return app;
}
