import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { isLocale, negotiateLocale, translator, type Locale, type Translate } from '../../../web/i18n/index.js';

export const LANG_COOKIE = 'vigie_lang';

export type LocaleVars = { locale: Locale; t: Translate; user?: { id: number } | null };

/** Language: the account's, else the cookie set by the language switch, else Accept-Language, else French. */
export function localeMiddleware(opts: { userLocale?: (userId: number) => string | null } = {}): MiddlewareHandler<{ Variables: LocaleVars }> {
  return async function locale(c, next) {
    const user = c.get('user');
    const fromUser = user && opts.userLocale ? opts.userLocale(user.id) : null;
    const cookie = getCookie(c, LANG_COOKIE);
    const chosen: Locale = isLocale(fromUser) ? fromUser : isLocale(cookie) ? cookie : (negotiateLocale(c.req.header('accept-language')) ?? 'fr');
    c.set('locale', chosen);
    c.set('t', translator(chosen));
    c.header('Content-Language', chosen);
    c.header('Vary', 'Accept-Language, Cookie', { append: true });
    await next();
  };
}
