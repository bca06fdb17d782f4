import { canReadTopic } from '../../access/index.js';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getUser, listUsers, removeMembership, setMembership, toPublicUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { canActOn, canCreateTopic, canManageMembers, topicRole } from '../../curation/permissions.js';
import { createTopic, getTopic, topicJson, updateTopic } from '../../curation/topics.js';
import { topicMembershipRole } from '../../db/accounts/topic-members.js';
import { listTopics } from '../../db/topics/list.js';
import { HttpError } from '../errors.js';
import { forbidden, holds, intParam, notFound, permit, signedIn } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { jsonBody, ok, refusals, Slug, SlugParam, TopicRole, UserSchema } from './curation-schemas.js';

const TopicSchema = z
  .object({ slug: z.string(), name: z.string(), description: z.string().nullable(), public: z.boolean(), origin: z.enum(['file', 'app']), role: z.enum(['admin', 'curator', 'member']).nullable() })
  .openapi('Topic');
const MemberParams = z.object({ slug: z.string(), userId: z.string().openapi({ param: { name: 'userId', in: 'path' } }) });

/** Topics (from feeds.yaml or created here) and their memberships. */
export function topicRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const topicOf = (c: { req: { param: (k: string) => string | undefined } }) => getTopic(deps.sqlite, c.req.param('slug') ?? '');
  const curatorOfTopic = permit((c, user) => {
    const early = holds('curator')(c, user);
    if (early) return early;
    const t = topicOf(c);
    if (!t || !canReadTopic(requestViewer(c, deps), t.id)) return notFound('no such topic');
    return canManageMembers(user, t.id) ? null : forbidden(`you are not a curator of '${t.slug}'`);
  });

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/topics', summary: 'Topics you may read, with your role in each', responses: { 200: ok(z.object({ topics: z.array(TopicSchema) })) } }),
    (c) => {
      const user = c.get('user') ?? null;
      const topics = listTopics(deps.sqlite, requestViewer(c, deps));
      return c.json({ topics: topics.map((t) => ({ ...topicJson(t), role: topicRole(user, t.id) })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/topics',
      summary: 'Create a topic in the app (admins)',
      middleware: [permit((c, user) => signedIn(true)(c, user) ?? (canCreateTopic(user) ? null : forbidden('only admins create topics')))] as const,
      request: jsonBody(z.object({ slug: Slug, name: z.string().trim().min(1).max(100), description: z.string().max(2000).nullable().optional(), public: z.boolean().default(true) }).strict()),
      responses: { 201: ok(z.object({ topic: TopicSchema }), 'created'), ...refusals, 409: refusals[400] },
    }),
    (c) => {
      const r = createTopic(deps.sqlite, c.get('user')!, c.req.valid('json'), now());
      if (!r.ok) throw new HttpError(409, 'conflict', r.message, 'slug');
      return c.json({ topic: { ...topicJson(r.topic), role: 'admin' as const } }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/topics/{slug}',
      summary: "Edit a topic created in the app (curators of it); feeds.yaml's topics are edited in the file",
      middleware: [curatorOfTopic] as const,
      request: { params: SlugParam, ...jsonBody(z.object({ name: z.string().trim().min(1).max(100).optional(), description: z.string().max(2000).nullable().optional(), public: z.boolean().optional() }).strict()) },
      responses: { 200: ok(z.object({ topic: TopicSchema })), ...refusals, 409: refusals[400] },
    }),
    (c) => {
      const t = topicOf(c)!;
      if (t.origin === 'file') throw new HttpError(409, 'declared_in_file', `topic '${t.slug}' is declared in feeds.yaml: edit it there (the file wins)`);
      const user = c.get('user')!;
      const updated = updateTopic(deps.sqlite, user, t, c.req.valid('json'), now());
      return c.json({ topic: { ...topicJson(updated), role: topicRole(user, t.id) } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/topics/{slug}/members',
      summary: "A topic's members (members of the topic only: never public)",
      middleware: [
        permit((c, user) => {
          if (!user) return { status: 401, code: 'unauthenticated', message: 'sign in to see members' };
          const t = topicOf(c);
          // A topic the caller may not read does not exist for them (404, never 403).
          if (!t || !canReadTopic(requestViewer(c, deps), t.id)) return notFound('no such topic');
          return canActOn(user, [t.id], 'member') ? null : forbidden(`you are not a member of '${t.slug}'`);
        }),
      ] as const,
      request: { params: SlugParam },
      responses: { 200: ok(z.object({ members: z.array(UserSchema.extend({ topicRole: TopicRole })) })), ...refusals },
    }),
    (c) => {
      const t = topicOf(c)!;
      const rows = listUsers(deps.sqlite, { topicIds: [t.id] });
      return c.json({ members: rows.map((u) => ({ ...toPublicUser(deps.sqlite, u), topicRole: (topicMembershipRole(deps.sqlite, u.id, t.id) ?? undefined) as 'curator' | 'member' })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/topics/{slug}/members/{userId}',
      summary: 'Give someone a role in the topic (curators of it)',
      middleware: [curatorOfTopic] as const,
      request: { params: MemberParams, ...jsonBody(z.object({ role: TopicRole }).strict()) },
      responses: { 200: ok(z.object({ user: UserSchema })), ...refusals },
    }),
    (c) => {
      const t = topicOf(c)!;
      const id = intParam(c, 'userId');
      const u = id === null ? null : getUser(deps.sqlite, id);
      if (!u) throw new HttpError(404, 'not_found', 'no such user');
      const { role } = c.req.valid('json');
      const actor = c.get('user')!;
      deps.sqlite.transaction(() => {
        setMembership(deps.sqlite, u.id, t.id, role, actor.id, now());
        writeAudit(deps.sqlite, actor, { action: 'member.set', topicId: t.id, targetType: 'user', targetId: u.id, detail: { email: u.email, role } }, now());
      })();
      return c.json({ user: toPublicUser(deps.sqlite, u) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/topics/{slug}/members/{userId}',
      summary: 'Remove someone from the topic (curators of it)',
      middleware: [curatorOfTopic] as const,
      request: { params: MemberParams },
      responses: { 200: ok(z.object({ removed: z.boolean() })), ...refusals },
    }),
    (c) => {
      const t = topicOf(c)!;
      const id = intParam(c, 'userId');
      const u = id === null ? null : getUser(deps.sqlite, id);
      if (!u) throw new HttpError(404, 'not_found', 'no such user');
      const removed = removeMembership(deps.sqlite, u.id, t.id);
      if (removed) writeAudit(deps.sqlite, c.get('user')!, { action: 'member.remove', topicId: t.id, targetType: 'user', targetId: u.id, detail: { email: u.email } }, now());
      return c.json({ removed }, 200);
    },
  );
  return app;
}
