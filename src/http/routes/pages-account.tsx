import { Hono } from 'hono';
import { AccountPage } from '../../../web/views/account.js';
import { LoginPage } from '../../../web/views/login.js';
import { SavedSearchesPage } from '../../../web/views/saved-searches.js';
import { isLocale } from '../../../web/i18n/index.js';
import { sameSecret } from '../../accounts/secrets.js';
import { createSession, deleteSession } from '../../accounts/sessions.js';
import { listTokens } from '../../accounts/tokens.js';
import { countActiveUsers } from '../../db/accounts/users.js';
import { listAppPasswords } from '../../accounts/app-passwords.js';
import { topicSlugs } from '../../curation/item-topics.js';
import { listSavedSearches } from '../../db/curation/saved-searches.js';
import { setUserLocale, userLocale } from '../../db/accounts/prefs.js';
import { safeBack } from '../back.js';
import { attemptLogin, requestPasswordReset } from '../credentials.js';
import type { PasswordGuard } from '../middleware/password-guard.js';
import { sameOrigin } from '../middleware/same-origin.js';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js';
import type { AppDeps } from '../types.js';
import { pageUser, setFlash, toLogin, viewContext, type PageContext, type PageEnv } from './pages-context.js';

const formField = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');

/** Sign-in and sign-out (plain forms, never through /act), the member's account (language, API tokens), saved searches. */
export function memberPageRoutes(deps: AppDeps, guard: PasswordGuard) {
  const app = new Hono<PageEnv>();
  const backOf = (c: PageContext) => {
    const back = safeBack(c.req.query('back'), deps.config.publicUrl);
    return back.startsWith('/login') ? '/' : back;
  };
  const loginPage = (c: PageContext, extra: { error?: string; email?: string } = {}) =>
    <LoginPage ctx={viewContext(deps, c)} back={backOf(c)} firstRun={countActiveUsers(deps.sqlite) === 0} {...extra} />;

  app.get('/login', (c) => {
    if (pageUser(c)) return c.redirect(backOf(c), 302);
    return c.html(loginPage(c));
  });

  app.post('/login', sameOrigin(deps.config.publicUrl), async (c) => {
    const t = c.get('t');
    const form = await c.req.parseBody();
    const email = formField(form, 'email').slice(0, 254);
    const login = await attemptLogin(deps, guard, c, email, formField(form, 'password').slice(0, 1024));
    if (!login.ok) {
      const error = login.reason === 'throttled' ? t('login.throttled', { minutes: Math.max(1, Math.ceil(login.retryAfterMs / 60_000)) }) : t('login.failed');
      if (login.reason === 'throttled') c.header('Retry-After', String(Math.max(1, Math.ceil(login.retryAfterMs / 1000))));
      return c.html(loginPage(c, { error, email }), login.reason === 'throttled' ? 429 : 401);
    }
    setSessionCookie(c, deps, createSession(deps.sqlite, login.userId, deps.clock.now()).secret);
    setFlash(c, { ok: true, text: t('flash.signedIn') }, deps);
    return c.redirect(backOf(c), 303);
  });

  app.post('/login/forgot', sameOrigin(deps.config.publicUrl), async (c) => {
    const form = await c.req.parseBody();
    await requestPasswordReset(deps, formField(form, 'email').slice(0, 254));
    setFlash(c, { ok: true, text: c.get('t')('flash.resetAsked') }, deps);
    return c.redirect(`/login?back=${encodeURIComponent(backOf(c))}`, 303);
  });

  app.post('/logout', async (c) => {
    const user = pageUser(c);
    if (user?.via === 'session' && user.sessionId !== null) {
      const form = await c.req.parseBody();
      if (!user.csrfToken || !sameSecret(formField(form, '_csrf'), user.csrfToken)) {
        setFlash(c, { ok: false, text: c.get('t')('error.csrf') }, deps);
        return c.redirect('/', 303);
      }
      deleteSession(deps.sqlite, user.sessionId);
    }
    clearSessionCookie(c, deps);
    setFlash(c, { ok: true, text: c.get('t')('flash.signedOut') }, deps);
    return c.redirect('/', 303);
  });

  app.get('/account', (c) => {
    const user = pageUser(c);
    if (!user) return toLogin(c);
    const slugs = topicSlugs(deps.sqlite);
    const tokens = listTokens(deps.sqlite, user.id).filter((tk) => tk.revokedAt === null);
    return c.html(
      <AccountPage
        ctx={viewContext(deps, c)}
        locale={userLocale(deps.sqlite, user.id)}
        tokens={tokens.map((tk) => ({ id: tk.id, name: tk.name, prefix: tk.prefix, scope: tk.scope, createdAt: tk.createdAt, lastUsedAt: tk.lastUsedAt, expiresAt: tk.expiresAt }))}
        appPasswords={listAppPasswords(deps.sqlite, user.id)}
        readerUrls={{ greader: `${deps.config.publicUrl.replace(/\/$/, '')}/api/greader`, fever: `${deps.config.publicUrl.replace(/\/$/, '')}/api/fever` }}
        memberships={user.memberships.map((m) => ({ topic: m.topicId === null ? c.get('t')('account.allTopics') : (slugs.get(m.topicId) ?? '?'), role: m.role }))}
      />,
    );
  });

  // A plain form (no API behind it): the language is an interface preference, kept by the web side.
  app.post('/account/language', async (c) => {
    const user = pageUser(c);
    if (!user) return toLogin(c);
    const form = await c.req.parseBody();
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    if (user.via !== 'session' || !user.csrfToken || !sameSecret(csrf, user.csrfToken)) {
      setFlash(c, { ok: false, text: c.get('t')('error.csrf') }, deps);
      return c.redirect('/account', 303);
    }
    const locale = typeof form.locale === 'string' && isLocale(form.locale) ? form.locale : null;
    setUserLocale(deps.sqlite, user.id, locale, deps.clock.now());
    setFlash(c, { ok: true, text: c.get('t')('flash.saved') }, deps);
    return c.redirect('/account', 303);
  });

  app.get('/saved', (c) => {
    const user = pageUser(c);
    if (!user) return toLogin(c);
    return c.html(<SavedSearchesPage ctx={viewContext(deps, c)} searches={listSavedSearches(deps.sqlite, user.id)} />);
  });
  return app;
}
