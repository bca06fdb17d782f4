import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ERROR_KEYS } from '../../../web/views/error-keys.js';
import { safeBack } from '../middleware/locale.js';
import type { AppDeps } from '../types.js';
import { setFlash, type PageEnv } from './pages-context.js';

/** Something that answers API requests: the app itself (createApp passes it in). */
export type ApiClient = { request: (path: string, init: RequestInit, env?: unknown) => Response | Promise<Response> };

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
    const path = one('_path');
    const back = safeBack(one('_back'));
    if (!METHODS.has(method) || !/^\/api\/v1\/[A-Za-z0-9/_.%-]+$/.test(path) || path.includes('..')) {
      setFlash(c, { ok: false, text: t('error.badForm') });
      return c.redirect(back, 303);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': one('_csrf') };
    const cookie = c.req.header('cookie');
    if (cookie) headers.cookie = cookie;
    // The node server's env (the peer socket) goes along, so the API's per-address limits see the real client.
    const res = await api.request(path, { method, headers, body: method === 'DELETE' ? undefined : JSON.stringify(formToJson(form)) }, c.env);
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    for (const setCookieHeader of res.headers.getSetCookie()) c.header('Set-Cookie', setCookieHeader, { append: true });
    if (res.ok) {
      const done = one('_done');
      const extra = typeof body?.secret === 'string' ? body.secret : typeof body?.password === 'string' ? body.password : body?.delivered === false && typeof body.url === 'string' ? body.url : undefined;
      setFlash(c, { ok: true, text: done ? t(done) : t('flash.done'), extra });
    } else {
      setFlash(c, { ok: false, text: apiErrorText(t, res.status, body) });
    }
    deps.log.debug({ path, method, status: res.status }, 'form action');
    // A failed sign-in goes back to the form (`_fail`), not on to where it was heading.
    return c.redirect(res.ok || !one('_fail') ? back : safeBack(one('_fail')), 303);
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
