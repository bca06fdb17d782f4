import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LOGIN_FAILED } from '../../accounts/login.js';
import { consumePasswordReset } from '../../accounts/password-reset.js';
import { normaliseEmail } from '../../accounts/secrets.js';
import { createSession, deleteSession, deleteUserSessions } from '../../accounts/sessions.js';
import { createUser, getUser, toPublicUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { attemptLogin, requestPasswordReset, RESET_ANSWER, resetSummary } from '../credentials.js';
import { HttpError } from '../errors.js';
import { guardFor, type PasswordGuard } from '../middleware/password-guard.js';
import { permit, signedIn } from '../middleware/permit.js';
import { clientAddress, createLimiter, rateLimit } from '../middleware/rate-limit.js';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js';
import type { AppDeps, AppEnv } from '../types.js';
import { DisplayName, Email, jsonBody, ok, Password, refusals, SessionSchema } from './curation-schemas.js';

const MINUTE = 60_000;

/** A 429 with Retry-After, as the guard decided. */
export function throttled(c: { header(name: string, value: string): void }, retryAfterMs: number): HttpError {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return new HttpError(429, 'rate_limited', 'too many attempts; wait a little and try again');
}

/** Sign-in, sign-out (here or everywhere), open sign-up when enabled, and password reset by e-mail link. */
export function authRoutes(deps: AppDeps, guard: PasswordGuard) {
  const app = new OpenAPIHono<AppEnv>();
  // Accounts created per address (open sign-up); password failures are the guard's.
  const signups = createLimiter({ max: 20, windowMs: 60 * MINUTE, clock: deps.clock });
  const resets = createLimiter({ max: 5, windowMs: 60 * MINUTE, clock: deps.clock });
  const now = () => deps.clock.now();

  const session = (c: Parameters<typeof setSessionCookie>[0], userId: number) => {
    const s = createSession(deps.sqlite, userId, now());
    setSessionCookie(c, deps, s.secret);
    return { user: toPublicUser(deps.sqlite, getUser(deps.sqlite, userId)!), csrfToken: s.csrfToken };
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Sign in with e-mail and password: sets the session cookie',
      request: jsonBody(z.object({ email: z.string().max(254), password: z.string().max(1024) }).strict()),
      responses: { 200: ok(SessionSchema, 'signed in'), 400: refusals[400], 401: refusals[401], 429: { description: 'too many attempts' } },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const login = await attemptLogin(deps, guard, c, email, password);
      if (!login.ok && login.reason === 'throttled') throw throttled(c, login.retryAfterMs);
      if (!login.ok) throw new HttpError(401, 'invalid_credentials', LOGIN_FAILED);
      return c.json(session(c, login.userId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/session',
      summary: 'Who is signed in, with the anti-CSRF token of the session',
      middleware: [permit(signedIn())] as const,
      responses: { 200: ok(z.object({ user: SessionSchema.shape.user, csrfToken: z.string().nullable(), via: z.enum(['session', 'token']) })), 401: refusals[401] },
    }),
    (c) => {
      const u = c.get('user')!;
      return c.json({ user: toPublicUser(deps.sqlite, getUser(deps.sqlite, u.id)!), csrfToken: u.csrfToken, via: u.via }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Sign out of this session',
      middleware: [permit(signedIn())] as const,
      responses: { 200: ok(z.object({ ok: z.literal(true) })), 401: refusals[401], 403: refusals[403] },
    }),
    (c) => {
      const u = c.get('user')!;
      if (u.sessionId !== null) deleteSession(deps.sqlite, u.sessionId);
      clearSessionCookie(c, deps);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout-all',
      summary: 'Sign out everywhere: every session of the account ends',
      middleware: [permit(signedIn(true))] as const,
      responses: { 200: ok(z.object({ sessionsEnded: z.number() })), 401: refusals[401], 403: refusals[403] },
    }),
    (c) => {
      const ended = deleteUserSessions(deps.sqlite, c.get('user')!.id);
      clearSessionCookie(c, deps);
      return c.json({ sessionsEnded: ended }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/signup',
      summary: 'Create an account (only when VIGIE_OPEN_SIGNUP is on; otherwise members are invited)',
      middleware: [rateLimit(signups, (c) => `signup:${clientAddress(c)}`)] as const,
      request: jsonBody(z.object({ email: Email, password: Password, displayName: DisplayName.optional() }).strict()),
      responses: { 201: ok(SessionSchema, 'account created, signed in'), 400: refusals[400], 403: refusals[403], 409: refusals[400], 429: { description: 'too many attempts' } },
    }),
    async (c) => {
      if (!deps.config.env.VIGIE_OPEN_SIGNUP) throw new HttpError(403, 'signup_closed', 'this network is by invitation: ask a curator or an admin');
      const b = c.req.valid('json');
      const g = guardFor(guard, c, `signup:${normaliseEmail(b.email)}`);
      const verdict = g.check();
      if (!verdict.ok) throw throttled(c, verdict.retryAfterMs);
      const made = await createUser(deps.sqlite, { email: b.email, password: b.password, displayName: b.displayName, role: 'member', grant: false }, now());
      if (!made.ok) {
        g.failed();
        throw new HttpError(409, made.code, made.message, 'email');
      }
      writeAudit(deps.sqlite, { id: made.id, email: b.email, displayName: b.displayName ?? b.email }, { action: 'user.signup', targetType: 'user', targetId: made.id }, now());
      return c.json(session(c, made.id), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/password-reset',
      summary: 'Ask for a password reset link (e-mailed when SMTP is configured, else shown to admins)',
      middleware: [rateLimit(resets, (c) => `addr:${clientAddress(c)}`)] as const,
      request: jsonBody(z.object({ email: z.string().max(254) }).strict()),
      responses: { 202: ok(z.object({ message: z.string() })), 400: refusals[400], 429: { description: 'too many requests' } },
    }),
    async (c) => {
      await requestPasswordReset(deps, c.req.valid('json').email);
      // The same answer either way, so this endpoint does not reveal which e-mails have accounts.
      return c.json({ message: RESET_ANSWER }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/password-reset/{token}',
      summary: 'Set a new password from a reset link; every session, API token and other reset link of the account ends',
      request: { params: z.object({ token: z.string().max(200) }), ...jsonBody(z.object({ password: Password }).strict()) },
      responses: {
        200: ok(z.object({ ok: z.literal(true), sessionsEnded: z.number(), tokensRevoked: z.number(), linksVoided: z.number(), message: z.string() })),
        400: refusals[400],
        404: refusals[404],
        429: { description: 'too many attempts' },
      },
    }),
    async (c) => {
      const g = guardFor(guard, c, 'reset-link');
      const verdict = g.check();
      if (!verdict.ok) throw throttled(c, verdict.retryAfterMs);
      const r = await consumePasswordReset(deps.sqlite, c.req.valid('param').token, c.req.valid('json').password, now());
      if (!r.ok) {
        g.failed();
        throw new HttpError(404, r.code, r.message);
      }
      const u = getUser(deps.sqlite, r.userId)!;
      writeAudit(deps.sqlite, { id: u.id, email: u.email, displayName: u.displayName }, { action: 'user.password_reset', targetType: 'user', targetId: u.id, detail: { tokensRevoked: r.tokensRevoked } }, now());
      return c.json({ ok: true as const, sessionsEnded: r.sessionsEnded, tokensRevoked: r.tokensRevoked, linksVoided: r.linksVoided, message: resetSummary(r) }, 200);
    },
  );
  return app;
}
