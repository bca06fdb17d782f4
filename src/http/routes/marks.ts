import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listMarked, marksOf, setMark } from '../../db/curation/marks.js';
import { canWrite } from '../../curation/permissions.js';
import { canReadItem, forbidden, intParam, itemFromPath, notFound, permit, unauthenticated } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { IdParam, ok, refusals } from './curation-schemas.js';

const Mark = z.enum(['star', 'later']);

/** Personal marks: star, save for later (any signed-in reader of the item; private to them). */
export function markRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const reader = permit((c, user) => {
    if (!user) return unauthenticated;
    if (!canWrite(user)) return forbidden('this token has the read scope');
    const ref = itemFromPath(deps, c);
    return ref && canReadItem(deps, user, ref) ? null : notFound('no such item');
  });
  const Params = z.object({ id: IdParam.shape.id, mark: Mark.openapi({ param: { name: 'mark', in: 'path' } }) });

  for (const [method, on] of [['put', true], ['delete', false]] as const) {
    app.openapi(
      createRoute({
        method,
        path: '/api/v1/items/{id}/marks/{mark}',
        summary: on ? 'Star an item or save it for later' : 'Remove a star / saved-for-later mark',
        middleware: [reader] as const,
        request: { params: Params },
        responses: { 200: ok(z.object({ marks: z.array(Mark) })), ...refusals },
      }),
      (c) => {
        const id = intParam(c)!;
        const userId = c.get('user')!.id;
        setMark(deps.sqlite, userId, id, c.req.valid('param').mark, on, now());
        return c.json({ marks: marksOf(deps.sqlite, userId, id) }, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/marks',
      summary: 'Your starred or saved-for-later items, most recent first',
      middleware: [permit((_c, user) => (user ? null : unauthenticated))] as const,
      request: { query: z.object({ mark: Mark.default('star'), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict() },
      responses: { 200: ok(z.object({ items: z.array(z.object({ item: z.number(), title: z.string().nullable(), url: z.string().nullable(), markedAt: z.string() })) })), ...refusals },
    }),
    (c) => {
      const q = c.req.valid('query');
      const rows = listMarked(deps.sqlite, requestViewer(c, deps), c.get('user')!.id, q.mark, q.limit);
      return c.json({ items: rows.map((r) => ({ item: r.itemId, title: r.title, url: r.url, markedAt: new Date(r.markedAt).toISOString() })) }, 200);
    },
  );
  return app;
}
