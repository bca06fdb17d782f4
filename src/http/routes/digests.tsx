import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { negotiateLocale } from '../../../web/i18n/index.js';
import type { AuthUser } from '../../accounts/types.js';
import { canCurate, canReadTopic, isAdmin } from '../../curation/permissions.js';
import { digestModel, listIssues } from '../../digest/issues.js';
import { previewDigest } from '../../digest/preview.js';
import { isTimeZone } from '../../digest/schedule.js';
import { createSubscription, getSubscription, listOfficialDigests, listSubscriptions, unsubscribe, updateSubscription, type Subscription } from '../../digest/subscriptions.js';
import { HttpError } from '../errors.js';
import { intParam, notFound, permit, signedIn } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { IdParam, jsonBody, ok, refusals } from './curation-schemas.js';

const Frequency = z.enum(['daily', 'weekly', 'monthly']);
const Lang = z.enum(['fr', 'en']);
const TimeZone = z.string().max(64).refine(isTimeZone, { message: 'unknown time zone (expected an IANA name such as Europe/Paris)' });
const Hour = z.number().int().min(0).max(23);
const Day = z.number().int().min(1).max(28).openapi({ description: 'weekly: 1 (Monday) to 7; monthly: 1 to 28' });

const SubscriptionSchema = z
  .object({
    id: z.number(),
    kind: z.enum(['topic', 'tag', 'saved_search', 'signals']),
    label: z.string(),
    topic: z.string().nullable(),
    tag: z.string().nullable(),
    savedSearch: z.number().nullable(),
    frequency: Frequency,
    day: z.number(),
    hour: z.number(),
    timeZone: z.string(),
    lang: Lang,
    official: z.boolean(),
    status: z.enum(['active', 'paused', 'unsubscribed']),
    pausedReason: z.string().nullable(),
    nextDueAt: z.string(),
    webUrl: z.string(),
    feedUrl: z.string().openapi({ description: 'Atom feed of the digests (private key included when the digest is not public)' }),
  })
  .openapi('DigestSubscription');

const NewSubscriptionSchema = z
  .object({
    kind: z.enum(['topic', 'tag', 'saved_search', 'signals']),
    topic: z.string().max(64).optional(),
    tag: z.string().max(64).optional(),
    savedSearch: z.number().int().positive().optional(),
    frequency: Frequency.optional(),
    day: Day.optional(),
    hour: Hour.optional(),
    timeZone: TimeZone.optional(),
    lang: Lang.optional(),
    official: z.boolean().optional().openapi({ description: "a topic's official digest (curators of the topic)" }),
  })
  .strict()
  .openapi('NewDigestSubscription');

const PatchSchema = z.object({ frequency: Frequency.optional(), day: Day.optional(), hour: Hour.optional(), timeZone: TimeZone.optional(), lang: Lang.optional(), paused: z.boolean().optional() }).strict();

/** Public when the digest is about a public topic; otherwise readable by its owner, admins, or with its feed key. */
export function digestIsPublic(sub: Subscription, publicRead: boolean): boolean {
  return sub.kind === 'topic' && sub.topicPublic && publicRead;
}

export function subscriptionJson(sub: Subscription, publicUrl: string, publicRead: boolean) {
  const web = `${publicUrl}/digests/${sub.id}`;
  return {
    id: sub.id,
    kind: sub.kind,
    label: sub.label,
    topic: sub.topicSlug,
    tag: sub.tagName,
    savedSearch: sub.savedSearchId,
    frequency: sub.frequency,
    day: sub.day,
    hour: sub.hour,
    timeZone: sub.timeZone,
    lang: sub.lang,
    official: sub.official,
    status: sub.status,
    pausedReason: sub.pausedReason,
    nextDueAt: new Date(sub.nextDueAt).toISOString(),
    webUrl: web,
    feedUrl: `${web}/feed.atom${digestIsPublic(sub, publicRead) ? '' : `?key=${sub.token}`}`,
  };
}

/** Who may change a subscription: its member, an admin, or a curator of the topic for an official digest. */
export function canManageDigest(user: AuthUser | null | undefined, sub: Subscription): boolean {
  if (!user) return false;
  if (sub.userId === user.id || isAdmin(user)) return true;
  return sub.official && sub.topicId !== null && canCurate(user, [sub.topicId]);
}

/** The JSON API a member uses to manage their digests. */
export function digestApiRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const json = (s: Subscription) => subscriptionJson(s, deps.config.publicUrl, deps.config.publicRead) as z.infer<typeof SubscriptionSchema>;
  const owned = (write: boolean) =>
    permit((c, user) => {
      const denial = signedIn(write)(c, user);
      if (denial) return denial;
      const id = intParam(c);
      const sub = id === null ? null : getSubscription(deps.sqlite, id);
      return sub && sub.status !== 'unsubscribed' && canManageDigest(user, sub) ? null : notFound('no such digest subscription');
    });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/digests',
      summary: 'Your digest subscriptions, the official digests, and whether e-mail is on',
      middleware: [permit(signedIn())] as const,
      responses: { 200: ok(z.object({ subscriptions: z.array(SubscriptionSchema), official: z.array(SubscriptionSchema), email: z.boolean() })), 401: refusals[401] },
    }),
    (c) => {
      const user = c.get('user')!;
      const official = listOfficialDigests(deps.sqlite).filter((s) => s.topicId !== null && canReadTopic(user, { id: s.topicId, public: s.topicPublic }, deps.config.publicRead));
      return c.json({ subscriptions: listSubscriptions(deps.sqlite, user.id).map(json), official: official.map(json), email: Boolean(deps.config.env.SMTP_URL) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/digests',
      summary: 'Subscribe to a digest of a topic, a tag, a saved search or the confirmed weak signals',
      middleware: [permit(signedIn(true))] as const,
      request: jsonBody(NewSubscriptionSchema),
      responses: { 201: ok(z.object({ subscription: SubscriptionSchema }), 'subscribed'), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const b = c.req.valid('json');
      const field = b.kind === 'topic' ? 'topic' : b.kind === 'tag' ? 'tag' : b.kind === 'saved_search' ? 'savedSearch' : null;
      const target = b.kind === 'topic' ? b.topic : b.kind === 'tag' ? b.tag : b.savedSearch;
      if (field && target === undefined) throw new HttpError(400, 'invalid_request', `${field}: required for a ${b.kind} digest`, field);
      if (b.kind === 'topic') {
        const t = deps.sqlite.prepare(`SELECT id, public FROM topics WHERE slug = ?`).get(b.topic) as { id: number; public: number } | undefined;
        if (!t || !canReadTopic(user, { id: t.id, public: t.public === 1 }, deps.config.publicRead)) throw new HttpError(404, 'not_found', `unknown topic '${b.topic}'`, 'topic');
        if (b.official && !canCurate(user, [t.id])) throw new HttpError(403, 'forbidden', 'only curators of the topic may create its official digest', 'official');
      } else if (b.official) throw new HttpError(400, 'invalid_request', 'official: only a topic has an official digest', 'official');
      const made = createSubscription(
        deps.sqlite,
        { userId: user.id, kind: b.kind, target, frequency: b.frequency, day: b.day, hour: b.hour, timeZone: b.timeZone ?? deps.config.env.VIGIE_TIMEZONE, lang: b.lang ?? negotiateLocale(c.req.header('accept-language')) ?? 'fr', official: b.official, authorId: user.id },
        now(),
      );
      if (!made.ok) throw new HttpError(made.code === 'not_found' ? 404 : 400, made.code === 'not_found' ? 'not_found' : 'invalid_request', made.message, made.field);
      return c.json({ subscription: json(getSubscription(deps.sqlite, made.id)!) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/digests/{id}',
      summary: 'Change the rhythm, hour, time zone or language of a digest, or pause/resume it',
      middleware: [owned(true)] as const,
      request: { params: IdParam, ...jsonBody(PatchSchema) },
      responses: { 200: ok(z.object({ subscription: SubscriptionSchema })), ...refusals },
    }),
    (c) => {
      const id = intParam(c)!;
      const r = updateSubscription(deps.sqlite, id, c.req.valid('json'), now());
      if (!r.ok) throw new HttpError(400, 'invalid_request', r.message, r.field);
      return c.json({ subscription: json(getSubscription(deps.sqlite, id)!) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/v1/digests/{id}', summary: 'Unsubscribe (the archive stays readable)', middleware: [owned(true)] as const, request: { params: IdParam }, responses: { 200: ok(z.object({ unsubscribed: z.literal(true) })), ...refusals } }),
    (c) => {
      unsubscribe(deps.sqlite, getSubscription(deps.sqlite, intParam(c)!)!.token, now());
      return c.json({ unsubscribed: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/digests/{id}/preview',
      summary: 'What the next digest would hold now (subject, HTML, plain text)',
      middleware: [owned(false)] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ subject: z.string(), html: z.string(), text: z.string(), items: z.number() })), ...refusals },
    }),
    async (c) => {
      const sub = getSubscription(deps.sqlite, intParam(c)!)!;
      const { model, email } = await previewDigest({ sqlite: deps.sqlite, search: deps.search, publicUrl: deps.config.publicUrl }, sub, now());
      return c.json({ subject: email.subject, html: email.html, text: email.text, items: model.total }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/digests/{id}/issues',
      summary: 'The archive: digests built for this subscription',
      middleware: [owned(false)] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ issues: z.array(z.object({ id: z.number(), periodStart: z.string(), periodEnd: z.string(), items: z.array(z.number()), webUrl: z.string() })) })), ...refusals },
    }),
    (c) => {
      const sub = getSubscription(deps.sqlite, intParam(c)!)!;
      const issues = listIssues(deps.sqlite, sub.id).map((i) => ({
        id: i.id,
        periodStart: new Date(i.periodStart).toISOString(),
        periodEnd: new Date(i.periodEnd).toISOString(),
        items: digestModel(deps.sqlite, sub, i, deps.config.publicUrl).items.map((x) => x.id),
        webUrl: `${deps.config.publicUrl}/digests/${sub.id}/issues/${i.id}`,
      }));
      return c.json({ issues }, 200);
    },
  );
  return app;
}
