import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createSavedSearch, deleteSavedSearch, getSavedSearch, listSavedSearches, savedSearchJson, updateSavedSearch } from '../../db/curation/saved-searches.js';
import { intParam, notFound, permit, signedIn } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { IdParam, jsonBody, ok, refusals } from './curation-schemas.js';

/** The search API's parameters, as a saved search keeps them. */
export const SearchQuery = z
  .object({
    q: z.string().max(500).optional(),
    topic: z.string().max(64).optional(),
    source: z.string().max(64).optional(),
    tag: z.union([z.string().max(64), z.array(z.string().max(64)).max(20)]).optional(),
    signal: z.enum(['watching', 'confirmed', 'any']).optional(),
    approved: z.boolean().optional(),
    lang: z.string().max(16).optional(),
    since: z.string().max(64).optional(),
    until: z.string().max(64).optional(),
    sort: z.enum(['relevance', 'newest']).optional(),
  })
  .strict()
  .openapi('SearchQuery');

const SavedSearchSchema = z.object({ id: z.number(), name: z.string(), query: SearchQuery, createdAt: z.string(), updatedAt: z.string() }).openapi('SavedSearch');
const Name = z.string().trim().min(1).max(100);

/** Named searches a member keeps and reuses (digests can subscribe to them). Private to their owner. */
export function savedSearchRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const owned = (write: boolean) =>
    permit((c, user) => {
      const denial = signedIn(write)(c, user);
      if (denial) return denial;
      const id = intParam(c);
      const s = id === null ? null : getSavedSearch(deps.sqlite, id);
      return s && s.userId === user!.id ? null : notFound('no such saved search');
    });

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/saved-searches', summary: 'Your saved searches', middleware: [permit(signedIn())] as const, responses: { 200: ok(z.object({ savedSearches: z.array(SavedSearchSchema) })), 401: refusals[401] } }),
    (c) => c.json({ savedSearches: listSavedSearches(deps.sqlite, c.get('user')!.id).map(savedSearchJson) as z.infer<typeof SavedSearchSchema>[] }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/saved-searches',
      summary: 'Save a search under a name',
      middleware: [permit(signedIn(true))] as const,
      request: jsonBody(z.object({ name: Name, query: SearchQuery }).strict()),
      responses: { 201: ok(z.object({ savedSearch: SavedSearchSchema }), 'saved'), ...refusals },
    }),
    (c) => c.json({ savedSearch: savedSearchJson(createSavedSearch(deps.sqlite, c.get('user')!.id, c.req.valid('json'), now())) as z.infer<typeof SavedSearchSchema> }, 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/saved-searches/{id}',
      summary: 'Rename a saved search or change its query',
      middleware: [owned(true)] as const,
      request: { params: IdParam, ...jsonBody(z.object({ name: Name.optional(), query: SearchQuery.optional() }).strict()) },
      responses: { 200: ok(z.object({ savedSearch: SavedSearchSchema })), ...refusals },
    }),
    (c) => c.json({ savedSearch: savedSearchJson(updateSavedSearch(deps.sqlite, intParam(c)!, c.req.valid('json'), now())) as z.infer<typeof SavedSearchSchema> }, 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/saved-searches/{id}',
      summary: 'Delete a saved search',
      middleware: [owned(true)] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ deleted: z.literal(true) })), ...refusals },
    }),
    (c) => {
      deleteSavedSearch(deps.sqlite, intParam(c)!);
      return c.json({ deleted: true as const }, 200);
    },
  );
  return app;
}
