import { Hono, type Context } from 'hono';
import { InvitationPage, LinkGonePage, ResetDonePage, ResetPage, type InvitationView } from '../../../web/views/account-links.js';
import { acceptInvitation, findInvitation, invitationAccount } from '../../accounts/invitations.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../accounts/passwords.js';
import { consumePasswordReset, resetLinkLive } from '../../accounts/password-reset.js';
import { sameSecret } from '../../accounts/secrets.js';
import { createSession } from '../../accounts/sessions.js';
import { getUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { guardFor, type PasswordGuard } from '../middleware/password-guard.js';
import { sameOrigin } from '../middleware/same-origin.js';
import { setSessionCookie } from '../middleware/session.js';
import type { AppDeps } from '../types.js';
import { pageUser, setFlash, viewContext, type PageEnv } from './pages-context.js';

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * The web side of e-mailed links, on the shared layout in the reader's language: invitations (`/invite/:token`) and
 * password resets (`/reset/:token`). Both go through the same password guard and body limit as the API.
 */
export function linkPageRoutes(deps: AppDeps, guard: PasswordGuard) {
  const app = new Hono<PageEnv>();
  const now = () => deps.clock.now();
  const gone = (c: Context<PageEnv>) => c.html(<LinkGonePage ctx={viewContext(deps, c)} />, 404);
  app.post('/invite/:token', sameOrigin(deps.config.publicUrl));
  app.post('/reset/:token', sameOrigin(deps.config.publicUrl));

  const invitationView = (c: Context<PageEnv>, error?: string): InvitationView | null => {
    const inv = findInvitation(deps.sqlite, c.req.param('token') ?? '', now());
    if (!inv) return null;
    const account = invitationAccount(deps.sqlite, inv);
    const user = pageUser(c);
    const state = account === null ? 'new' : !user ? 'signIn' : user.id === account && user.via === 'session' ? 'ready' : 'otherAccount';
    return { email: inv.email, role: inv.role, topic: inv.topic, state, action: new URL(c.req.url).pathname, error };
  };

  app.get('/invite/:token', (c) => {
    const inv = invitationView(c);
    return inv ? c.html(<InvitationPage ctx={viewContext(deps, c)} inv={inv} />) : gone(c);
  });

  app.post('/invite/:token', async (c) => {
    const t = c.get('t');
    const g = guardFor(guard, c, 'invitation-link');
    const verdict = g.check();
    const form = await c.req.parseBody();
    const inv = invitationView(c);
    if (!inv) {
      if (verdict.ok) g.failed();
      return gone(c);
    }
    const again = (error: string, status: 400 | 403 | 429) => c.html(<InvitationPage ctx={viewContext(deps, c)} inv={{ ...inv, error }} />, status);
    if (!verdict.ok) return again(t('login.throttled', { minutes: minutes(verdict.retryAfterMs) }), 429);
    const user = pageUser(c);
    if (inv.state !== 'new') {
      // An existing account accepts signed in, with the session's anti-CSRF token; never with a password here.
      if (inv.state !== 'ready' || !user?.csrfToken || !sameSecret(field(form, '_csrf'), user.csrfToken)) return again(t('error.csrf'), 403);
    }
    const password = field(form, 'password');
    if (inv.state === 'new' && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) return again(t('password.tooShort', { min: PASSWORD_MIN }), 400);
    const displayName = field(form, 'displayName').trim().slice(0, 100) || undefined;
    const r = await acceptInvitation(deps.sqlite, c.req.param('token'), { password: inv.state === 'new' ? password : undefined, displayName, signedInAs: user?.id ?? null }, now());
    if (!r.ok) {
      if (r.code === 'invalid_invitation') {
        g.failed();
        return gone(c);
      }
      return again(r.message, 400);
    }
    const u = getUser(deps.sqlite, r.userId)!;
    writeAudit(deps.sqlite, { id: u.id, email: u.email, displayName: u.displayName }, { action: 'user.join', targetType: 'user', targetId: u.id, detail: { created: r.created } }, now());
    if (r.created) setSessionCookie(c, deps, createSession(deps.sqlite, u.id, now()).secret);
    setFlash(c, { ok: true, text: t('join.joined') }, deps);
    return c.redirect('/', 303);
  });

  app.get('/reset/:token', (c) =>
    resetLinkLive(deps.sqlite, c.req.param('token'), now()) ? c.html(<ResetPage ctx={viewContext(deps, c)} action={new URL(c.req.url).pathname} />) : gone(c),
  );

  app.post('/reset/:token', async (c) => {
    const t = c.get('t');
    const g = guardFor(guard, c, 'reset-link');
    const verdict = g.check();
    const form = await c.req.parseBody();
    const action = new URL(c.req.url).pathname;
    if (!verdict.ok) return c.html(<ResetPage ctx={viewContext(deps, c)} action={action} error={t('login.throttled', { minutes: minutes(verdict.retryAfterMs) })} />, 429);
    const password = field(form, 'password');
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return c.html(<ResetPage ctx={viewContext(deps, c)} action={action} error={t('password.tooShort', { min: PASSWORD_MIN })} />, 400);
    const r = await consumePasswordReset(deps.sqlite, c.req.param('token'), password, now());
    if (!r.ok) {
      g.failed();
      return gone(c);
    }
    const u = getUser(deps.sqlite, r.userId)!;
    writeAudit(deps.sqlite, { id: u.id, email: u.email, displayName: u.displayName }, { action: 'user.password_reset', targetType: 'user', targetId: u.id, detail: { tokensRevoked: r.tokensRevoked } }, now());
    // The session this browser had (if any) is among those ended: the page is shown signed out.
    c.set('user', null);
    return c.html(<ResetDonePage ctx={viewContext(deps, c)} ended={r} />);
  });
  return app;
}
