import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { acceptInvitation, createInvitation, findInvitation, invitationAccount, type AcceptResult } from '../../accounts/invitations.js';
import { createSession } from '../../accounts/sessions.js';
import { getUser, toPublicUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { topicBySlug } from '../../curation/item-topics.js';
import { canInvite } from '../../curation/permissions.js';
import { HttpError } from '../errors.js';
import { holds, permit } from '../middleware/permit.js';
import { guardFor, type PasswordGuard } from '../middleware/password-guard.js';
import { setSessionCookie } from '../middleware/session.js';
import type { AppDeps, AppEnv } from '../types.js';
import { throttled } from './auth.js';
import { DisplayName, Email, jsonBody, ok, Password, refusals, Role, SessionSchema, Slug } from './curation-schemas.js';
import { inviteUrl, sendInvitationMail } from './reset-mail.js';

const InvitationSchema = z.object({ email: z.string(), role: Role, topic: z.string().nullable(), expiresAt: z.string() }).openapi('Invitation');
const TokenParam = z.object({ token: z.string().max(200).openapi({ param: { name: 'token', in: 'path' } }) });

/** Co-option: admins and curators invite by e-mail; the link creates the account (or adds the role to it). */
/** HTTP status of each refused acceptance. */
export const ACCEPT_STATUS: Record<Exclude<AcceptResult, { ok: true }>['code'], 400 | 403 | 404> = { invalid_invitation: 404, sign_in_required: 403, password_required: 400 };

export function invitationRoutes(deps: AppDeps, guard: PasswordGuard) {
  const app = new OpenAPIHono<AppEnv>();
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
      responses: { 200: ok(z.object({ invitation: InvitationSchema, existingAccount: z.boolean() })), 404: refusals[404] },
    }),
    (c) => {
      const inv = findInvitation(deps.sqlite, c.req.valid('param').token, now());
      if (!inv) throw new HttpError(404, 'invalid_invitation', 'this invitation link is unknown, used or expired');
      return c.json(
        { invitation: { email: inv.email, role: inv.role, topic: inv.topic, expiresAt: new Date(inv.expiresAt).toISOString() }, existingAccount: invitationAccount(deps.sqlite, inv) !== null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/invitations/{token}/accept',
      summary:
        'Accept an invitation: a new address chooses its password (account created, signed in); an existing account must be signed in already (its password is never asked here)',
      request: { params: TokenParam, ...jsonBody(z.object({ password: Password.optional(), displayName: DisplayName.optional() }).strict()) },
      responses: { 200: ok(SessionSchema, 'accepted'), 400: refusals[400], 403: refusals[403], 404: refusals[404], 429: { description: 'too many attempts' } },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const g = guardFor(guard, c, 'invitation-link');
      const verdict = g.check();
      if (!verdict.ok) throw throttled(c, verdict.retryAfterMs);
      const signedIn = c.get('user') ?? null;
      const r = await acceptInvitation(deps.sqlite, c.req.valid('param').token, { ...b, signedInAs: signedIn?.id ?? null }, now());
      if (!r.ok) {
        if (r.code === 'invalid_invitation') g.failed();
        throw new HttpError(ACCEPT_STATUS[r.code], r.code, r.message, r.field);
      }
      const u = getUser(deps.sqlite, r.userId)!;
      writeAudit(deps.sqlite, { id: u.id, email: u.email, displayName: u.displayName }, { action: 'user.join', targetType: 'user', targetId: u.id, detail: { created: r.created } }, now());
      if (!r.created) return c.json({ user: toPublicUser(deps.sqlite, u), csrfToken: signedIn?.csrfToken ?? '' }, 200);
      const s = createSession(deps.sqlite, u.id, now());
      setSessionCookie(c, deps, s.secret);
      return c.json({ user: toPublicUser(deps.sqlite, u), csrfToken: s.csrfToken }, 200);
    },
  );
  return app;
}
