import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { formatDate, negotiateLocale, translator } from '../../../web/i18n/index.js';
import type { AuthUser } from '../../accounts/types.js';
import { canReadDigestIssue } from '../../access/rule.js';
import type { Viewer } from '../../access/viewer.js';
import { isPublicDigest } from '../../digest/select.js';
import { topicBySlug } from '../../curation/item-topics.js';
import { canCurate, canReadTopic, isAdmin } from '../../curation/permissions.js';
import { digestModel, listIssues } from '../../digest/issues.js';
import { previewDigest } from '../../digest/preview.js';
import { isTimeZone } from '../../digest/schedule.js';
import { createSubscription, getSubscription, listOfficialDigests, listSubscriptions, unsubscribe, updateSubscription, type Subscription } from '../../digest/subscriptions.js';
import { HttpError } from '../errors.js';
import { intParam, notFound, permit, signedIn } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
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

/**
 * The one public archive: the official digest of a public topic (built with anonymous rights) while public reading
 * is on. Every other digest is readable by its subscriber and admins, or with its feed key (feed readers cannot sign in).
 */
export function digestIsPublic(sub: Subscription, publicRead: boolean): boolean {
  return isPublicDigest(sub) && publicRead;
}

/** Whether this viewer reads the digest's archive: its subscriber, an admin, or anyone for the public archive. */
export function readsDigest(v: Viewer, sub: Subscription, publicRead: boolean): boolean {
  return canReadDigestIssue(v, sub.userId) || digestIsPublic(sub, publicRead);
}

/** `withKey`: the private feed key goes only to those who read the digest anyway (its subscriber, admins). */
export function subscriptionJson(sub: Subscription, publicUrl: string, publicRead: boolean, withKey = true) {
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
    feedUrl: `${web}/feed.atom${digestIsPublic(sub, publicRead) || !withKey ? '' : `?key=${sub.token}`}`,
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
  const json = (s: Subscription, withKey = true) => subscriptionJson(s, deps.config.publicUrl, deps.config.publicRead, withKey) as z.infer<typeof SubscriptionSchema>;
  /** Managed by the reader (`read`: and its issues readable by them: subscriber, admin, or the public archive). */
  const owned = (write: boolean, read = false) =>
    permit((c, user) => {
      const denial = signedIn(write)(c, user);
      if (denial) return denial;
      const id = intParam(c);
      const sub = id === null ? null : getSubscription(deps.sqlite, id);
      const ok = sub && sub.status !== 'unsubscribed' && canManageDigest(user, sub) && (!read || readsDigest(requestViewer(c, deps), sub, deps.config.publicRead));
      return ok ? null : notFound('no such digest subscription');
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
      const v = requestViewer(c, deps);
      return c.json({ subscriptions: listSubscriptions(deps.sqlite, user.id).map((s) => json(s)), official: official.map((s) => json(s, canReadDigestIssue(v, s.userId))), email: Boolean(deps.config.env.SMTP_URL) }, 200);
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
        const t = topicBySlug(deps.sqlite, b.topic ?? '');
        if (!t || !canReadTopic(user, t, deps.config.publicRead)) throw new HttpError(404, 'not_found', `unknown topic '${b.topic}'`, 'topic');
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
      const sub = getSubscription(deps.sqlite, id)!;
      return c.json({ subscription: json(sub, canReadDigestIssue(requestViewer(c, deps), sub.userId)) }, 200);
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
      summary: 'What the next digest would hold now (subject, HTML, plain text), built with the rights the digest is built with',
      middleware: [owned(false, true)] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ subject: z.string(), html: z.string(), text: z.string(), items: z.number() })), ...refusals },
    }),
    async (c) => {
      const sub = getSubscription(deps.sqlite, intParam(c)!)!;
      const { model, email } = await previewDigest({ sqlite: deps.sqlite, search: deps.search, publicUrl: deps.config.publicUrl, publicRead: deps.config.publicRead, i18n: { translator, formatDate } }, sub, now());
      return c.json({ subject: email.subject, html: email.html, text: email.text, items: model.total }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/digests/{id}/issues',
      summary: 'The archive: digests built for this subscription (its subscriber and admins; anyone for the official digest of a public topic)',
      middleware: [owned(false, true)] as const,
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
