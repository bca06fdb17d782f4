import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { RadarPage, type RadarScope } from '../../../web/views/radar.js';
import { ForbiddenPage } from '../../../web/views/forbidden.js';
import type { AuthUser } from '../../accounts/types.js';
import { topicBySlug, topicSlugs } from '../../curation/item-topics.js';
import { canActAnywhere, canActOn, canCurate } from '../../curation/permissions.js';
import { listAllTopics } from '../../curation/topics.js';
import { userLocale } from '../../db/accounts/prefs.js';
import { acceptSuggestion, dismissSuggestion, muteSuggestion, type DecideResult } from '../../signals/decide.js';
import { getSuggestion, listSuggestions, type StoredSuggestion } from '../../db/radar/suggestions.js';
import { HttpError } from '../errors.js';
import { localeMiddleware } from '../middleware/locale.js';
import { forbidden, holds, intParam, notFound, permit, unauthenticated } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { IdParam, jsonBody, ok, refusals, Slug } from './curation-schemas.js';
import { pageUser, toLogin, viewContext, type PageEnv } from './pages-context.js';

const Example = z.object({ itemId: z.number().nullable(), title: z.string(), url: z.string().optional(), source: z.string(), date: z.string() });
const SuggestionSchema = z
  .object({
    id: z.number(),
    day: z.string().openapi({ example: '2026-03-02' }),
    topic: z.string().nullable().openapi({ description: 'null = network-wide' }),
    label: z.string(),
    terms: z.array(z.string()),
    score: z.number(),
    sources: z.number().openapi({ description: 'distinct sources carrying the main term in the last 7 days' }),
    counts: z.array(z.number()).openapi({ description: 'distinct sources per day, 28 days ending on `day` (the sparkline)' }),
    expected: z.number().openapi({ description: 'sources per day the 8 weeks before predicted' }),
    firstSeen: Example,
    carriers: z.array(z.string()),
    topics: z.array(z.string()),
    examples: z.array(Example).openapi({ description: 'three representative items' }),
  })
  .openapi('RadarSuggestion');

/** The scope of a suggestion for permissions: its topic, or none (network-wide: global curators and admins). */
const scopeOf = (s: { topicId: number | null }) => (s.topicId === null ? [] : [s.topicId]);

/** The signal radar: today's suggestions and the curators' accept / dismiss / mute, as JSON and as a page. */
export function signalRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const json = (s: StoredSuggestion, slugs: Map<number, string>) => ({
    id: s.id, day: s.day, topic: s.topicId === null ? null : (slugs.get(s.topicId) ?? null), label: s.label, score: s.score, sources: s.sources,
    ...s.evidence,
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/signals/suggestions',
      summary: "The radar's latest suggestions for a topic (or network-wide without `topic`), with their evidence (curators of the topic)",
      middleware: [
        permit((c, user) => {
          if (!user) return unauthenticated;
          if (!canActAnywhere(user, 'curator')) return forbidden('only curators of a topic may see its radar');
          const slug = c.req.query('topic');
          const topic = slug ? topicBySlug(deps.sqlite, slug) : null;
          if (slug && !topic) return notFound(`no topic '${slug}'`);
          return canActOn(user, topic ? [topic.id] : [], 'curator') ? null : forbidden(topic ? `you are not a curator of '${slug}'` : 'only admins and curators of every topic see the network-wide radar');
        }),
      ] as const,
      request: { query: z.object({ topic: Slug.optional(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected YYYY-MM-DD' }).optional() }).strict() },
      responses: { 200: ok(z.object({ day: z.string().nullable(), suggestions: z.array(SuggestionSchema) })), ...refusals },
    }),
    (c) => {
      const q = c.req.valid('query');
      const topicId = q.topic ? topicBySlug(deps.sqlite, q.topic)!.id : null;
      const { day, suggestions } = listSuggestions(deps.sqlite, topicId, q.day);
      const slugs = topicSlugs(deps.sqlite);
      return c.json({ day, suggestions: suggestions.map((s) => json(s, slugs)) }, 200);
    },
  );

  /** Curators of the suggestion's topic (or network-wide curators), refused before the body is read. */
  const onSuggestion = permit((c, user) => {
    const early = holds('curator')(c, user);
    if (early) return early;
    const id = intParam(c);
    const s = id === null ? null : getSuggestion(deps.sqlite, id);
    if (!s) return notFound('no such suggestion');
    return canCurate(user, scopeOf(s)) ? null : forbidden("you are not a curator of this suggestion's topic");
  });
  const refuse = (r: Extract<DecideResult, { ok: false }>): never => {
    throw new HttpError(r.kind === 'not_found' ? 404 : 409, r.kind === 'not_found' ? 'not_found' : 'conflict', r.detail);
  };
  const Decided = z.object({ suggestion: z.number(), action: z.enum(['accepted', 'dismissed', 'muted']), term: z.string(), flag: z.number().nullable() });
  const actionRoute = (action: 'accept' | 'dismiss' | 'mute', summary: string, body: z.ZodType) =>
    createRoute({
      method: 'post',
      path: `/api/v1/signals/suggestions/{id}/${action}`,
      summary,
      middleware: [onSuggestion] as const,
      request: { params: IdParam, ...jsonBody(body) },
      responses: { 200: ok(Decided), ...refusals, 409: { description: 'already decided, or its items are gone' } },
    });

  app.openapi(
    actionRoute(
      'accept',
      'Accept: creates a weak-signal flag over the representative items, the evidence in its rationale (as POST /api/v1/flags)',
      z.object({ strength: z.number().int().min(1).max(3).optional(), note: z.string().trim().min(1).max(2000).optional() }).strict(),
    ),
    (c) => {
      const b = c.req.valid('json') as { strength?: number; note?: string };
      const r = acceptSuggestion(deps.sqlite, c.get('user')!, intParam(c)!, b, now());
      if (!r.ok) return refuse(r);
      return c.json({ suggestion: r.suggestion.id, action: 'accepted' as const, term: r.suggestion.term, flag: r.flagId }, 200);
    },
  );
  app.openapi(actionRoute('dismiss', 'Dismiss: not suggested again unless it grows much further (3x its score now)', z.object({}).strict()), (c) => {
    const r = dismissSuggestion(deps.sqlite, c.get('user')!, intParam(c)!, now());
    if (!r.ok) return refuse(r);
    return c.json({ suggestion: r.suggestion.id, action: 'dismissed' as const, term: r.suggestion.term, flag: null }, 200);
  });
  app.openapi(actionRoute('mute', "Mute the suggestion's term: never suggested again for its topic", z.object({}).strict()), (c) => {
    const r = muteSuggestion(deps.sqlite, c.get('user')!, intParam(c)!, now());
    if (!r.ok) return refuse(r);
    return c.json({ suggestion: r.suggestion.id, action: 'muted' as const, term: r.suggestion.term, flag: null }, 200);
  });

  app.route('/', radarPage(deps));
  return app;
}

/** GET /signals/radar: today's suggestions of one scope the curator may act on, with the actions as forms. */
function radarPage(deps: AppDeps) {
  const app = new OpenAPIHono<PageEnv>();
  app.use('/signals/radar', localeMiddleware({ userLocale: (id) => userLocale(deps.sqlite, id) }));
  app.get('/signals/radar', (c: Context<PageEnv>) => {
    const user: AuthUser | null = pageUser(c);
    if (!user) return toLogin(c);
    const ctx = viewContext(deps, c);
    const scopes: RadarScope[] = [];
    if (canActOn(user, [], 'curator')) scopes.push({ slug: '', name: ctx.t('radar.network') });
    for (const t of listAllTopics(deps.sqlite)) if (canActOn(user, [t.id], 'curator')) scopes.push({ slug: t.slug, name: t.name });
    if (!scopes.length) return c.html(<ForbiddenPage ctx={ctx} message={ctx.t('radar.forbidden')} />, 403);
    const wanted = c.req.query('topic') ?? scopes[0]!.slug;
    const scope = scopes.find((s) => s.slug === wanted) ?? scopes[0]!;
    const topicId = scope.slug ? topicBySlug(deps.sqlite, scope.slug)!.id : null;
    const { day, suggestions } = listSuggestions(deps.sqlite, topicId);
    return c.html(<RadarPage ctx={ctx} scopes={scopes} scope={scope.slug} day={day} suggestions={suggestions} />);
  });
  return app;
}
