import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkPassword } from '../../accounts/passwords.js';
import { createPasswordReset } from '../../accounts/password-reset.js';
import { getUser, listUsers, removeUser, setGlobalRole, setPassword, toPublicUser, updateProfile } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { canActAnywhere, isAdmin, topicRole } from '../../curation/permissions.js';
import { HttpError } from '../errors.js';
import { forbidden, intParam, permit, signedIn } from '../middleware/permit.js';
import { clearSessionCookie } from '../middleware/session.js';
import type { AppDeps, AppEnv } from '../types.js';
import { DisplayName, IdParam, jsonBody, ok, Password, refusals, Role, UserSchema } from './curation-schemas.js';
import { resetUrl, sendResetMail } from './reset-mail.js';
import { clearResetRequest } from '../../db/accounts/clear-reset-request.js';
import { endOtherSessions } from '../../db/accounts/end-other-sessions.js';
import { listTopicIds } from '../../db/topics/topic-id.js';

const adminOnly = permit((c, user) => signedIn(true)(c, user) ?? (isAdmin(user) ? null : forbidden('only admins manage accounts')));
const AdminUserSchema = UserSchema.extend({ resetRequestedAt: z.string().nullable() });

/** Your own account, and the people of the network (admins manage them; curators see their topics' members). */
export function userRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  const target = (c: Parameters<typeof intParam>[0]) => {
    const id = intParam(c);
    return id === null ? null : getUser(deps.sqlite, id);
  };

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/users/me', summary: 'Your account', middleware: [permit(signedIn())] as const, responses: { 200: ok(z.object({ user: UserSchema })), 401: refusals[401] } }),
    (c) => c.json({ user: toPublicUser(deps.sqlite, getUser(deps.sqlite, c.get('user')!.id)!) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/users/me',
      summary: 'Edit your profile (display name only: roles are given by admins and curators)',
      middleware: [permit(signedIn(true))] as const,
      request: jsonBody(z.object({ displayName: DisplayName }).strict()),
      responses: { 200: ok(z.object({ user: UserSchema })), ...refusals },
    }),
    (c) => {
      const id = c.get('user')!.id;
      updateProfile(deps.sqlite, id, c.req.valid('json'), now());
      return c.json({ user: toPublicUser(deps.sqlite, getUser(deps.sqlite, id)!) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users/me/password',
      summary: 'Change your password (other sessions end)',
      middleware: [permit(signedIn(true))] as const,
      request: jsonBody(z.object({ currentPassword: z.string().max(1024), newPassword: Password }).strict()),
      responses: { 200: ok(z.object({ ok: z.literal(true) })), ...refusals },
    }),
    async (c) => {
      const me = c.get('user')!;
      const b = c.req.valid('json');
      if (!(await checkPassword(getUser(deps.sqlite, me.id)!.passwordHash, b.currentPassword))) throw new HttpError(401, 'invalid_credentials', 'wrong current password', 'currentPassword');
      await setPassword(deps.sqlite, me.id, b.newPassword, now());
      endOtherSessions(deps.sqlite, me.id, me.sessionId);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/users/me',
      summary: 'Leave the network: your account closes; what you curated stays, signed with your name',
      middleware: [permit(signedIn(true))] as const,
      responses: { 200: ok(z.object({ removed: z.boolean() })), ...refusals },
    }),
    (c) => {
      const me = c.get('user')!;
      writeAudit(deps.sqlite, me, { action: 'user.leave', targetType: 'user', targetId: me.id }, now());
      const removed = removeUser(deps.sqlite, me.id, now());
      clearSessionCookie(c, deps);
      return c.json({ removed }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/users',
      summary: 'Accounts: all for admins, the members of their topics for curators',
      middleware: [permit((c, user) => signedIn()(c, user) ?? (canActAnywhere(user, 'curator') ? null : forbidden('only curators and admins list members')))] as const,
      responses: { 200: ok(z.object({ users: z.array(AdminUserSchema) })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const topicIds = isAdmin(user) ? undefined : listTopicIds(deps.sqlite).filter((t) => topicRole(user, t) === 'curator');
      const rows = listUsers(deps.sqlite, { topicIds });
      return c.json(
        { users: rows.map((u) => ({ ...toPublicUser(deps.sqlite, u), resetRequestedAt: isAdmin(user) && u.resetRequestedAt ? new Date(u.resetRequestedAt).toISOString() : null })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/users/{id}',
      summary: "Change someone's global role (admins)",
      middleware: [adminOnly] as const,
      request: { params: IdParam, ...jsonBody(z.object({ role: Role }).strict()) },
      responses: { 200: ok(z.object({ user: UserSchema })), ...refusals },
    }),
    (c) => {
      const u = target(c);
      if (!u) throw new HttpError(404, 'not_found', 'no such user');
      const { role } = c.req.valid('json');
      setGlobalRole(deps.sqlite, u.id, role, now());
      writeAudit(deps.sqlite, c.get('user')!, { action: 'user.role', targetType: 'user', targetId: u.id, detail: { email: u.email, from: u.role, to: role } }, now());
      return c.json({ user: toPublicUser(deps.sqlite, getUser(deps.sqlite, u.id)!) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/users/{id}',
      summary: 'Remove someone from the network (admins); their curation stays in the history',
      middleware: [adminOnly] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ removed: z.boolean() })), ...refusals },
    }),
    (c) => {
      const u = target(c);
      if (!u) throw new HttpError(404, 'not_found', 'no such user');
      writeAudit(deps.sqlite, c.get('user')!, { action: 'user.remove', targetType: 'user', targetId: u.id, detail: { email: u.email, name: u.displayName } }, now());
      return c.json({ removed: removeUser(deps.sqlite, u.id, now()) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users/{id}/password-reset',
      summary: 'Issue a password reset link (admins): e-mailed when SMTP is configured, else returned here',
      middleware: [adminOnly] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ delivered: z.boolean(), resetUrl: z.string().nullable() })), ...refusals },
    }),
    async (c) => {
      const u = target(c);
      if (!u) throw new HttpError(404, 'not_found', 'no such user');
      const admin = c.get('user')!;
      const r = createPasswordReset(deps.sqlite, u.id, admin.id, now());
      clearResetRequest(deps.sqlite, u.id);
      writeAudit(deps.sqlite, admin, { action: 'user.reset_issued', targetType: 'user', targetId: u.id, detail: { email: u.email } }, now());
      const sent = deps.mail ? await sendResetMail(deps, u.email, r.secret) : null;
      return c.json({ delivered: Boolean(sent?.ok), resetUrl: sent?.ok ? null : resetUrl(deps, r.secret) }, 200);
    },
  );
  return app;
}
