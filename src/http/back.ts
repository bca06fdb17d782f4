import { HttpError } from './errors.js';

/** Control characters (CR, LF, tab, NUL …) have no place in a path to come back to. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Where to send the reader back to: `back` is accepted only when it resolves, against PUBLIC_URL, to a path on
 * PUBLIC_URL's origin (so `//host`, `/\host`, `https://host`, `/%09/host` … all fall back to `/`). The answer is
 * the path, query and fragment. A value with control characters is a bad request (400), never a header error.
 */
export function safeBack(back: string | undefined | null, publicUrl: string): string {
  if (!back) return '/';
  if (CONTROL.test(back)) throw new HttpError(400, 'invalid_request', 'the return address (back) holds control characters', 'back');
  if (!back.startsWith('/')) return '/';
  const base = new URL(publicUrl);
  let target: URL;
  try {
    target = new URL(back, base);
  } catch {
    return '/';
  }
  if (target.origin !== base.origin) return '/';
  return target.pathname + target.search + target.hash;
}
