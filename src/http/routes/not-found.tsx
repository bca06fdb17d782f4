import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { isLocale, negotiateLocale, translator } from '../../../web/i18n/index.js';
import { NotFoundPage } from '../../../web/views/item.js';
import { LANG_COOKIE } from '../middleware/locale.js';
import type { AppDeps } from '../types.js';

/** A page a person can read for unknown addresses outside the API (browsers ask for HTML); JSON elsewhere. */
export function wantsHtml(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
}

export function htmlNotFound(deps: AppDeps, c: Context) {
  const cookie = getCookie(c, LANG_COOKIE);
  const locale = isLocale(cookie) ? cookie : (negotiateLocale(c.req.header('accept-language')) ?? 'fr');
  const t = translator(locale);
  const url = new URL(c.req.url);
  const ctx = { t, locale, timeZone: deps.config.env.VIGIE_TIMEZONE, path: url.pathname + url.search, user: null };
  return c.html(<NotFoundPage ctx={ctx} message={t('error.pageMissing')} />, 404);
}
