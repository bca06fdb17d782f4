import type { Context } from 'hono';
import { isLocale, negotiateLocale, type Locale } from '../../../web/i18n/index.js';
import type { Rendered } from '../../publish/cache.js';
import { httpDate, isNotModified } from '../../publish/conditional.js';

/**
 * Public outputs are revalidated on every use (no-cache) so an unpublished item never lingers in a reader's or
 * proxy's cache; revalidation is cheap: a 304 with no body when nothing changed.
 */
export const PUBLIC_CACHE_CONTROL = 'public, no-cache';

/** Language of a public output: `?lang=`, else the Accept-Language header, else French. */
export function feedLocale(c: Context): Locale {
  const q = c.req.query('lang');
  return isLocale(q) ? q : (negotiateLocale(c.req.header('accept-language')) ?? 'fr');
}

/** Sends a rendered output with its validators, or 304 when the client's copy is current. */
export function sendRendered(c: Context, r: Rendered, extra: Record<string, string> = {}): Response {
  const headers: Record<string, string> = {
    ETag: r.etag,
    'Last-Modified': httpDate(r.lastModified),
    'Cache-Control': PUBLIC_CACHE_CONTROL,
    ...extra,
  };
  const vary = c.res.headers.get('vary');
  if (vary) headers.Vary = vary;
  if (isNotModified({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') }, r.etag, r.lastModified)) {
    return c.body(null, 304, headers);
  }
  return c.body(r.bytes, 200, { 'Content-Type': r.type, ...headers });
}
