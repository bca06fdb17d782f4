import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/** The embeddable widget (`/t/<topic>/widget`) is the one page other sites may frame. */
const FRAMEABLE = /^\/t\/[^/]+\/widget\/?$/;

/**
 * Security headers on every response, from hono/secure-headers: a CSP with no inline script (the app's only
 * script is /static/app.js; inline styles stay allowed for the sanitised digest preview), no framing but the
 * widget's, nosniff, Referrer-Policy strict-origin-when-cross-origin, HSTS when PUBLIC_URL is https. A header a
 * route set itself (the widget's own CSP) is kept.
 */
export function securityHeaders(publicUrl: string): MiddlewareHandler {
  const https = publicUrl.startsWith('https:');
  const base: Partial<SecureHeadersOptions> = {
    overwrite: false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    // Feeds, images and the widget are meant to be used by other sites.
    crossOriginResourcePolicy: false,
    xFrameOptions: 'DENY',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https:', 'http:'],
      mediaSrc: ["'self'", 'https:', 'http:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  };
  const everywhere = secureHeaders(base);
  const widget = secureHeaders({ ...base, xFrameOptions: false, contentSecurityPolicy: { ...base.contentSecurityPolicy, frameAncestors: ['*'] } });
  return async function headers(c, next) {
    return FRAMEABLE.test(c.req.path) ? widget(c, next) : everywhere(c, next);
  };
}
