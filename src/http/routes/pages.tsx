import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { isLocale } from '../../../web/i18n/index.js';
import { setUserLocale, userLocale } from '../../db/accounts/prefs.js';
import { packageRoot } from '../../lib/paths.js';
import { LANG_COOKIE, localeMiddleware, safeBack } from '../middleware/locale.js';
import type { AppDeps } from '../types.js';
import { memberPageRoutes } from './pages-account.js';
import { actRoutes, type ApiClient } from './pages-act.js';
import { pageUser, type PageEnv } from './pages-context.js';
import { itemPageRoutes } from './pages-item.js';
import { managePageRoutes } from './pages-manage.js';
import { networkPageRoutes } from './pages-network.js';
import { streamRoutes } from './pages-stream.js';

/**
 * The server-rendered web interface (reading works without JavaScript). `api` is the app itself: forms posted
 * without JavaScript go through /act, which calls the JSON API on the reader's behalf.
 */
export function pageRoutes(deps: AppDeps, api: ApiClient) {
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

  app.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    const back = safeBack(c.req.query('back'));
    if (isLocale(locale)) {
      setCookie(c, LANG_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax', httpOnly: true, secure: deps.config.publicUrl.startsWith('https:') });
      // The visible switch also changes the account's language, which would otherwise win over the cookie.
      const user = pageUser(c);
      if (user && userLocale(deps.sqlite, user.id)) setUserLocale(deps.sqlite, user.id, locale, deps.clock.now());
    }
    return c.redirect(back, 303);
  });

  for (const sub of [streamRoutes(deps), itemPageRoutes(deps), managePageRoutes(deps), memberPageRoutes(deps), networkPageRoutes(deps), actRoutes(deps, api)]) {
    app.route('/', sub);
  }
  return app;
}
