import { csrf as originCheck } from 'hono/csrf';
import type { MiddlewareHandler } from 'hono';

/**
 * For forms posted before anyone is signed in (sign-in, reset, invitation, language): no session means no
 * anti-CSRF token, so the browser's Origin (or Sec-Fetch-Site) must say the form came from this site — PUBLIC_URL's
 * origin or the one the request was made to. Stops login CSRF (signing a victim into the attacker's account).
 */
export function sameOrigin(publicUrl: string): MiddlewareHandler {
  const own = new URL(publicUrl).origin;
  return originCheck({ origin: (origin, c) => origin === own || origin === new URL(c.req.url).origin });
}
