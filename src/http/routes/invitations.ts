import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { acceptInvitation, createInvitation, findInvitation } from '../../accounts/invitations.js';
import { createSession } from '../../accounts/sessions.js';
import { getUser, toPublicUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { topicBySlug } from '../../curation/item-topics.js';
import { canInvite } from '../../curation/permissions.js';
import { HttpError } from '../errors.js';
import { holds, permit } from '../middleware/permit.js';
import { clientAddress, createLimiter, rateLimit } from '../middleware/rate-limit.js';
import { setSessionCookie } from '../middleware/session.js';
import type { AppDeps, AppEnv } from '../types.js';
import { DisplayName, Email, jsonBody, ok, Password, refusals, Role, SessionSchema, Slug } from './curation-schemas.js';
import { inviteUrl, sendInvitationMail } from './reset-mail.js';

const InvitationSchema = z.object({ email: z.string(), role: Role, topic: z.string().nullable(), expiresAt: z.string() }).openapi('Invitation');
const TokenParam = z.object({ token: z.string().max(200).openapi({ param: { name: 'token', in: 'path' } }) });

/** Co-option: admins and curators invite by e-mail; the link creates the account (or adds the role to it). */
export function invitationRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const accepts = createLimiter({ max: 30, windowMs: 15 * 60_000, clock: deps.clock });
  const now = () => deps.clock.now();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/invitations',
      summary: 'Invite someone (admins: any role; curators: members and curators of their topics)',
      middleware: [permit(holds('curator'))] as const,
      request: jsonBody(z.object({ email: Email, role: Role, topic: Slug.optional() }).strict()),
      responses: { 201: ok(z.object({ invitation: InvitationSchema, url: z.string(), delivered: z.boolean() }), 'invitation created'), ...refusals },
    }),
    async (c) => {
      const user = c.get('user')!;
      const b = c.req.valid('json');
      const topic = b.topic ? topicBySlug(deps.sqlite, b.topic) : null;
      if (b.topic && !topic) throw new HttpError(404, 'not_found', `no topic '${b.topic}'`, 'topic');
      if (!canInvite(user, b.role, topic?.id ?? null)) {
        throw new HttpError(403, 'forbidden', b.role === 'admin' || !topic ? 'only admins invite admins or network-wide roles' : `you are not a curator of '${b.topic}'`);
      }
      const inv = createInvitation(deps.sqlite, { email: b.email, role: b.role, topicId: topic?.id ?? null, authorId: user.id }, now());
      writeAudit(deps.sqlite, user, { action: 'user.invite', topicId: topic?.id ?? null, targetType: 'invitation', targetId: inv.id, detail: { email: b.email, role: b.role } }, now());
      const sent = await sendInvitationMail(deps, b.email, inv.secret, b.role + (topic ? ` of ${topic.slug}` : ''));
      return c.json(
        { invitation: { email: b.email, role: b.role, topic: topic?.slug ?? null, expiresAt: new Date(inv.expiresAt).toISOString() }, url: inviteUrl(deps, inv.secret), delivered: sent.ok },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/invitations/{token}',
      summary: 'What an invitation link offers (for the acceptance page)',
      request: { params: TokenParam },
      responses: { 200: ok(z.object({ invitation: InvitationSchema })), 404: refusals[404] },
    }),
    (c) => {
      const inv = findInvitation(deps.sqlite, c.req.valid('param').token, now());
      if (!inv) throw new HttpError(404, 'invalid_invitation', 'this invitation link is unknown, used or expired');
      return c.json({ invitation: { email: inv.email, role: inv.role, topic: inv.topic, expiresAt: new Date(inv.expiresAt).toISOString() } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/invitations/{token}/accept',
      summary: 'Accept an invitation: creates the account (or adds the role to the existing one) and signs in',
      middleware: [rateLimit(accepts, (c) => `accept:${clientAddress(c)}`)] as const,
      request: { params: TokenParam, ...jsonBody(z.object({ password: Password, displayName: DisplayName.optional() }).strict()) },
      responses: { 200: ok(SessionSchema, 'signed in'), 400: refusals[400], 401: refusals[401], 404: refusals[404] },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await acceptInvitation(deps.sqlite, c.req.valid('param').token, b, now());
      if (!r.ok) throw new HttpError(r.code === 'wrong_password' ? 401 : 404, r.code, r.message, r.field);
      const u = getUser(deps.sqlite, r.userId)!;
      writeAudit(deps.sqlite, { id: u.id, email: u.email, displayName: u.displayName }, { action: 'user.join', targetType: 'user', targetId: u.id, detail: { created: r.created } }, now());
      const s = createSession(deps.sqlite, u.id, now());
      setSessionCookie(c, deps, s.secret);
      return c.json({ user: toPublicUser(deps.sqlite, u), csrfToken: s.csrfToken }, 200);
    },
  );
  return app;
}
