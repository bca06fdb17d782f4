import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Flash, ViewContext } from '../../../web/views/context.js';
import type { AuthUser } from '../../accounts/types.js';
import { canActAnywhere } from '../../curation/permissions.js';
import type { LocaleVars } from '../middleware/locale.js';
import type { AppDeps, AppEnv } from '../types.js';

export type PageEnv = { Variables: AppEnv['Variables'] & Omit<LocaleVars, 'user'> };
export type PageContext = Context<PageEnv>;

const FLASH_COOKIE = 'vigie_flash';

/**
 * Leaves a one-time message for the next page (forms posted without JavaScript). Only words go in it: a secret
 * (new token, invitation link) is shown on the answer page itself, never put in a cookie.
 */
export function setFlash(c: Context, flash: Flash, deps: Pick<AppDeps, 'config'>): void {
  const value = Buffer.from(JSON.stringify({ ok: flash.ok, text: flash.text })).toString('base64url');
  setCookie(c, FLASH_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60, secure: deps.config.publicUrl.startsWith('https:') });
}

function takeFlash(c: Context): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flash>;
    return typeof f.text === 'string' ? { ok: f.ok === true, text: f.text.slice(0, 500) } : null;
  } catch {
    return null;
  }
}

export function pageUser(c: PageContext): AuthUser | null {
  return c.get('user') ?? null;
}

export function viewContext(deps: AppDeps, c: PageContext): ViewContext {
  const url = new URL(c.req.url);
  const user = pageUser(c);
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    timeZone: deps.config.env.VIGIE_TIMEZONE,
    path: url.pathname + url.search,
    user: user ? { id: user.id, email: user.email, name: user.displayName, role: user.role, curator: canActAnywhere(user, 'curator') } : null,
    csrf: user?.csrfToken ?? null,
    flash: c.req.method === 'GET' ? takeFlash(c) : null,
  };
}

/** Reading is open to anonymous visitors while VIGIE_PUBLIC_READ is on. */
export const readAllowed = (deps: AppDeps, c: PageContext) => deps.config.publicRead || Boolean(pageUser(c));

export const toLogin = (c: PageContext) => {
  const url = new URL(c.req.url);
  return c.redirect(`/login?back=${encodeURIComponent(url.pathname + url.search)}`, 302);
};
