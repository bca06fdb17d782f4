import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SecretShownPage } from '../../../web/views/account-links.js';
import { ERROR_KEYS } from '../../../web/views/error-keys.js';
import { safeBack } from '../back.js';
import type { AppDeps } from '../types.js';
import { setFlash, viewContext, type PageEnv } from './pages-context.js';

/** Something that answers API requests: the app itself (createApp passes it in). */
export type ApiClient = { request: (path: string, init: RequestInit, env?: unknown) => Response | Promise<Response> };

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Signing in, up or out, resets and invitation acceptance have their own forms: never made on someone's behalf. */
const NOT_THROUGH_ACT = [/^\/api\/v1\/auth(\/|$)/, /^\/api\/v1\/invitations\/[^/]+\/accept$/];

/**
 * The API path a form names, when it is a plain, normalised path under /api/v1/: unreserved characters and
 * percent-escapes that do not stand for `/`, `\`, `.`, `%` or a control character; no empty, `.` or `..` segment.
 * Anything else (dot segments, encoded slashes, `/api/v1/../`) is refused, so the path the API sees is the one checked.
 */
export function actTarget(target: string): string | null {
  // One query parameter is allowed: `?topic=<slug>` (which topic's approval a curator withdraws).
  const q = /^([^?]*)(\?topic=[a-z0-9][a-z0-9-]{0,63})?$/.exec(target);
  if (!q) return null;
  const path = q[1]!;
  if (!path.startsWith('/api/v1/') || !/^[A-Za-z0-9/_.~%-]+$/.test(path)) return null;
  const segments = path.slice(1).split('/');
  for (const seg of segments) {
    if (seg === '' || seg === '.' || seg === '..') return null;
    for (const m of seg.matchAll(/%(..)?/g)) {
      const code = m[1] && /^[0-9A-Fa-f]{2}$/.test(m[1]) ? parseInt(m[1], 16) : -1;
      if (code < 0 || code < 0x20 || code === 0x7f || code === 0x25 || code === 0x2e || code === 0x2f || code === 0x5c) return null;
    }
  }
  if (new URL(path, 'http://vigie.invalid').pathname !== path) return null;
  if (NOT_THROUGH_ACT.some((re) => re.test(path))) return null;
  return path + (q[2] ?? '');
}

/** Turns form fields into the API's JSON: `n:int`, `b:bool`, `l:list` (comma-separated), `a.b` nests; empty fields are left out. */
export function formToJson(form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of Object.entries(form)) {
    if (rawKey.startsWith('_')) continue;
    const values = (Array.isArray(rawValue) ? rawValue : [rawValue]).filter((v): v is string => typeof v === 'string');
    const value = values[values.length - 1];
    if (value === undefined || value.trim() === '') continue;
    const [path, type] = rawKey.split(':') as [string, string | undefined];
    const converted =
      type === 'int' ? Number(value) : type === 'bool' ? value === 'true' || value === 'on' : type === 'list' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
    const keys = path.split('.');
    let target = out;
    for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]!] = converted;
  }
  return out;
}

/**
 * POST /act: the no-JavaScript path of every in-place action. The form names an API call; it is made with the
 * reader's own cookie and anti-CSRF token (so the API's permission checks and validation apply unchanged), and the
 * reader comes back to the page they were on with the outcome in words.
 */
export function actRoutes(deps: AppDeps, api: ApiClient) {
  const app = new Hono<PageEnv>();
  app.use('/act', bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.text('form too large', 413) }));
  app.post('/act', async (c) => {
    const t = c.get('t');
    const form = await c.req.parseBody({ all: true });
    const one = (k: string) => {
      const v = form[k];
      return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
    };
    const method = one('_method').toUpperCase();
    const path = actTarget(one('_path'));
    const back = safeBack(one('_back'), deps.config.publicUrl);
    if (!METHODS.has(method) || path === null) {
      setFlash(c, { ok: false, text: t('error.badForm') }, deps);
      return c.redirect(back, 303);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': one('_csrf') };
    const cookie = c.req.header('cookie');
    if (cookie) headers.cookie = cookie;
    // The node server's env (the peer socket) goes along, so the API's per-address limits see the real client.
    const res = await api.request(path, { method, headers, body: method === 'DELETE' ? undefined : JSON.stringify(formToJson(form)) }, c.env);
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    for (const setCookieHeader of res.headers.getSetCookie()) c.header('Set-Cookie', setCookieHeader, { append: true });
    deps.log.debug({ path, method, status: res.status }, 'form action');
    if (res.ok) {
      const done = one('_done');
      const text = done ? t(done) : t('flash.done');
      // A secret to copy once (new token, undelivered invitation link) is shown on this answer, never kept in a cookie.
      const secret = typeof body?.secret === 'string' ? body.secret : typeof body?.password === 'string' ? body.password : body?.delivered === false && typeof body.url === 'string' ? body.url : undefined;
      if (secret) {
        c.header('Cache-Control', 'no-store');
        return c.html(<SecretShownPage ctx={viewContext(deps, c)} text={text} secret={secret} back={back} />);
      }
      setFlash(c, { ok: true, text }, deps);
    } else {
      setFlash(c, { ok: false, text: apiErrorText(t, res.status, body) }, deps);
    }
    // A failed sign-in goes back to the form (`_fail`), not on to where it was heading.
    return c.redirect(res.ok || !one('_fail') ? back : safeBack(one('_fail'), deps.config.publicUrl), 303);
  });
  return app;
}

/** The API's refusal in the reader's language when it is a known one (with the API's detail), else its own sentence. */
export function apiErrorText(t: (k: string) => string, status: number, body: Record<string, unknown> | null): string {
  const err = (body?.error ?? {}) as { code?: string; message?: string; field?: string };
  const key = err.code ? ERROR_KEYS[err.code] : undefined;
  if (key && (err.code === 'invalid_request' || err.code === 'unreachable')) return `${t(key)} ${err.message ?? ''}`.trim();
  if (key) return t(key);
  return err.message ? `${t('error.refused')} ${err.message}` : `${t('error.generic')} (${status})`;
}
