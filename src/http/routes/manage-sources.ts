import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { topicBySlug } from '../../curation/item-topics.js';
import { canActOn } from '../../curation/permissions.js';
import { addSourceByUrl, deleteSource, managedSource, setSourceEnabled } from '../../curation/sources.js';
import { HttpError } from '../errors.js';
import { forbidden, holds, notFound, permit } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { jsonBody, ok, refusals, Slug } from './curation-schemas.js';

const SlugParam = z.object({ slug: z.string().max(64).openapi({ param: { name: 'slug', in: 'path' } }) });

/**
 * Sources managed in the app by curators: add by URL (feed auto-discovery), pause/resume, delete (curated items
 * stay). Sources declared in feeds.yaml are changed in the file, which wins.
 */
export function manageSourceRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const curatorOfSource = permit((c, user) => {
    const early = holds('curator')(c, user);
    if (early) return early;
    const s = managedSource(deps.sqlite, c.req.param('slug') ?? '');
    if (!s) return notFound('no such source');
    return canActOn(user, s.topicIds, 'curator') ? null : forbidden("you are not a curator of this source's topic");
  });
  const fileWins = (slug: string) => new HttpError(409, 'declared_in_file', `source '${slug}' is declared in feeds.yaml: change it there (the file wins)`);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/sources',
      summary: 'Add a source by URL (curators of the topic): a feed, or a page advertising one with <link rel=alternate>',
      middleware: [permit(holds('curator'))] as const,
      request: jsonBody(z.object({ url: z.url({ protocol: /^https?$/ }).max(2048), topic: Slug, name: z.string().trim().min(1).max(200).optional() }).strict()),
      responses: {
        201: ok(z.object({ source: z.string(), created: z.literal(true), feedUrl: z.string(), discoveredFrom: z.string().nullable() }), 'added'),
        200: ok(z.object({ source: z.string(), created: z.literal(false), feedUrl: z.string(), discoveredFrom: z.string().nullable() }), 'already there'),
        ...refusals,
        422: refusals[400],
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const topic = topicBySlug(deps.sqlite, b.topic);
      if (!topic) throw new HttpError(404, 'not_found', `no topic '${b.topic}'`, 'topic');
      const user = c.get('user')!;
      if (!canActOn(user, [topic.id], 'curator')) throw new HttpError(403, 'forbidden', `you are not a curator of '${topic.slug}'`);
      const r = await addSourceByUrl(deps, user, { url: b.url, topicId: topic.id, topicSlug: topic.slug, name: b.name }, now());
      if (!r.ok) throw new HttpError(422, r.code, r.message, 'url');
      const body = { source: r.slug, feedUrl: r.feedUrl, discoveredFrom: r.discoveredFrom };
      return r.created ? c.json({ ...body, created: true as const }, 201) : c.json({ ...body, created: false as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/sources/{slug}',
      summary: 'Pause or resume a source added in the app (curators of its topic)',
      middleware: [curatorOfSource] as const,
      request: { params: SlugParam, ...jsonBody(z.object({ enabled: z.boolean() }).strict()) },
      responses: { 200: ok(z.object({ source: z.string(), enabled: z.boolean() })), ...refusals, 409: refusals[400] },
    }),
    (c) => {
      const s = managedSource(deps.sqlite, c.req.valid('param').slug)!;
      if (s.origin === 'file') throw fileWins(s.slug);
      const { enabled } = c.req.valid('json');
      setSourceEnabled(deps.sqlite, c.get('user')!, s, enabled, now());
      return c.json({ source: s.slug, enabled }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/sources/{slug}',
      summary: 'Delete a source (curators of its topic): fetching stops, uncurated items go, curated items stay',
      middleware: [curatorOfSource] as const,
      request: { params: SlugParam },
      responses: { 200: ok(z.object({ source: z.string(), removedItems: z.number(), keptItems: z.number() })), ...refusals, 409: refusals[400] },
    }),
    (c) => {
      const s = managedSource(deps.sqlite, c.req.valid('param').slug)!;
      if (s.origin === 'file') throw fileWins(s.slug);
      return c.json({ source: s.slug, ...deleteSource(deps.sqlite, c.get('user')!, s, now()) }, 200);
    },
  );
  return app;
}
