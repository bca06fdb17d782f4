import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { isLocale } from '../../../web/i18n/index.js';
import { sameSecret } from '../../accounts/secrets.js';
import { setUserLocale, userLocale } from '../../db/accounts/prefs.js';
import { packageRoot } from '../../lib/paths.js';
import { safeBack } from '../back.js';
import { LANG_COOKIE, localeMiddleware } from '../middleware/locale.js';
import type { PasswordGuard } from '../middleware/password-guard.js';
import { sameOrigin } from '../middleware/same-origin.js';
import type { AppDeps } from '../types.js';
import { memberPageRoutes } from './pages-account.js';
import { actRoutes, type ApiClient } from './pages-act.js';
import { pageUser, setFlash, type PageContext, type PageEnv } from './pages-context.js';
import { linkPageRoutes } from './pages-links.js';
import { itemPageRoutes } from './pages-item.js';
import { managePageRoutes } from './pages-manage.js';
import { networkPageRoutes } from './pages-network.js';
import { streamRoutes } from './pages-stream.js';

/**
 * The server-rendered web interface (reading works without JavaScript). `api` is the app itself: forms posted
 * without JavaScript go through /act, which calls the JSON API on the reader's behalf.
 */
export function pageRoutes(deps: AppDeps, api: ApiClient, guard: PasswordGuard) {
  const app = new Hono<PageEnv>();
  app.use('/static/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'public, max-age=3600');
  });
  app.use('/static/*', serveStatic({ root: join(packageRoot(), 'web') }));
  app.use('*', localeMiddleware({ userLocale: (id) => userLocale(deps.sqlite, id) }));
  // A signed-in reader's pages carry their read state, curation and anti-CSRF token: never kept by shared caches.
  app.use('*', async (c, next) => {
    await next();
    if (pageUser(c) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-cache');
  });

  const langCookie = (c: PageContext, locale: string) =>
    setCookie(c, LANG_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax', httpOnly: true, secure: deps.config.publicUrl.startsWith('https:') });

  // A link anyone can follow only sets this browser's cookie; the account's language changes by POST /lang.
  app.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    const back = safeBack(c.req.query('back'), deps.config.publicUrl);
    if (isLocale(locale)) langCookie(c, locale);
    return c.redirect(back, 303);
  });

  // The visible switch: a form with the session's anti-CSRF token. It also changes the account's language when
  // the account has one (it would otherwise win over the cookie).
  app.post('/lang', sameOrigin(deps.config.publicUrl), async (c) => {
    const form = await c.req.parseBody();
    const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const back = safeBack(text('back'), deps.config.publicUrl);
    const locale = text('locale');
    const user = pageUser(c);
    if (user && user.via === 'session' && (!user.csrfToken || !sameSecret(text('_csrf'), user.csrfToken))) {
      setFlash(c, { ok: false, text: c.get('t')('error.csrf') }, deps);
      return c.redirect(back, 303);
    }
    if (isLocale(locale)) {
      langCookie(c, locale);
      if (user && userLocale(deps.sqlite, user.id)) setUserLocale(deps.sqlite, user.id, locale, deps.clock.now());
    }
    return c.redirect(back, 303);
  });

  for (const sub of [
    streamRoutes(deps),
    itemPageRoutes(deps),
    managePageRoutes(deps),
    memberPageRoutes(deps, guard),
    linkPageRoutes(deps, guard),
    networkPageRoutes(deps),
    actRoutes(deps, api),
  ]) {
    app.route('/', sub);
  }
  return app;
}
