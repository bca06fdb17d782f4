import { Hono } from 'hono';
import { AccountPage } from '../../../web/views/account.js';
import { LoginPage } from '../../../web/views/login.js';
import { SavedSearchesPage } from '../../../web/views/saved-searches.js';
import { isLocale } from '../../../web/i18n/index.js';
import { sameSecret } from '../../accounts/secrets.js';
import { listTokens } from '../../accounts/tokens.js';
import { listAppPasswords } from '../../accounts/app-passwords.js';
import { topicSlugs } from '../../curation/item-topics.js';
import { listSavedSearches } from '../../curation/saved-searches.js';
import { setUserLocale, userLocale } from '../../db/queries/reading.js';
import { safeBack } from '../middleware/locale.js';
import type { AppDeps } from '../types.js';
import { pageUser, setFlash, toLogin, viewContext, type PageEnv } from './pages-context.js';

/** Sign-in, the member's account (language, API tokens) and saved searches. */
export function memberPageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();

  app.get('/login', (c) => {
    const back = safeBack(c.req.query('back'));
    if (pageUser(c)) return c.redirect(back, 302);
    const firstRun = deps.sqlite.prepare(`SELECT count(*) FROM users WHERE deleted_at IS NULL`).pluck().get() === 0;
    return c.html(<LoginPage ctx={viewContext(deps, c)} back={back === '/login' ? '/' : back} firstRun={firstRun} />);
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
      setFlash(c, { ok: false, text: c.get('t')('error.csrf') });
      return c.redirect('/account', 303);
    }
    const locale = typeof form.locale === 'string' && isLocale(form.locale) ? form.locale : null;
    setUserLocale(deps.sqlite, user.id, locale, deps.clock.now());
    setFlash(c, { ok: true, text: c.get('t')('flash.saved') });
    return c.redirect('/account', 303);
  });

  app.get('/saved', (c) => {
    const user = pageUser(c);
    if (!user) return toLogin(c);
    return c.html(<SavedSearchesPage ctx={viewContext(deps, c)} searches={listSavedSearches(deps.sqlite, user.id)} />);
  });
  return app;
}
