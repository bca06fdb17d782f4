import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
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
        const q = deps.sqlite.prepare(
          `SELECT (SELECT count(*) FROM sources WHERE deleted_at IS NULL) AS total,
                  (SELECT count(*) FROM sources WHERE deleted_at IS NULL AND enabled = 1) AS enabled,
                  (SELECT count(*) FROM sources WHERE deleted_at IS NULL AND enabled = 1 AND last_status = 'error') AS failing,
                  (SELECT count(*) FROM items WHERE deleted_at IS NULL) AS items,
                  (SELECT value FROM meta WHERE key = 'last_fetch_cycle') AS cycle`,
        ).get() as { total: number; enabled: number; failing: number; items: number; cycle: string | null };
        const cycle = q.cycle ? (JSON.parse(q.cycle) as { startedAt: number; finishedAt: number; sources: number; ok: number; errors: number; newItems: number }) : null;
        return c.json(
          {
            status: 'ok' as const,
            version,
            db: 'ok' as const,
            lastFetchCycle: cycle ? { ...cycle, startedAt: new Date(cycle.startedAt).toISOString(), finishedAt: new Date(cycle.finishedAt).toISOString() } : null,
            sources: { total: q.total, enabled: q.enabled, failing: q.failing },
            items: q.items,
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
