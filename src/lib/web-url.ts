/**
 * The one URL policy for links that came from outside (feeds, social APIs, pages, mail): only absolute http(s)
 * URLs are kept, relative ones resolved against their document. A scheme hidden by what browsers ignore or decode
 * (case, tabs and newlines anywhere, leading spaces and control characters, character references such as
 * `&#106;avascript:` or `javascript&colon;`) is read the way a browser would read it, and refused.
 *
 * `webUrl` is applied at ingest to every link of every source kind; `safeHref` is the second line of defence used
 * by every view, feed and e-mail when it writes an `href` or `src`.
 */
import { decodeHTML } from 'entities';

/** Links longer than this are refused (no real article link is; they only bloat pages and feeds). */
export const MAX_URL_LENGTH = 8192;

// What the WHATWG URL parser strips (C0 controls and space at the ends, tab/CR/LF anywhere), plus the C1 controls
// and invisible format characters some parsers and mail clients drop as well.
const IGNORED = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const WEB_SCHEMES = new Set(['http', 'https']);

/** The scheme a browser would find in `href` (after decoding references and dropping ignored characters). */
function schemeOf(href: string): string | null {
  let probe = href;
  // Twice: `&amp;#106;` written into an attribute becomes `&#106;` for the next reader.
  for (let i = 0; i < 2 && probe.includes('&'); i++) probe = decodeHTML(probe);
  return SCHEME.exec(probe.replace(IGNORED, ''))?.[1]?.toLowerCase() ?? null;
}

function isWebBase(base: string): boolean {
  try {
    return WEB_SCHEMES.has(new URL(base).protocol.slice(0, -1));
  } catch {
    return false;
  }
}

/**
 * `href` as an absolute http(s) URL, resolved against `base` when relative; null when empty, unparseable, too long,
 * relative without a usable (http(s)) base, or of any other scheme, however written.
 */
export function webUrl(href: string | null | undefined, base?: string | null): string | null {
  if (typeof href !== 'string') return null;
  if (!href.trim() || href.length > MAX_URL_LENGTH) return null;
  const scheme = schemeOf(href);
  if (scheme !== null && !WEB_SCHEMES.has(scheme)) return null;
  const usableBase = base && isWebBase(base) ? base : undefined;
  let u: URL;
  try {
    // The WHATWG parser itself drops the spaces and controls at the ends and tabs/newlines inside.
    u = new URL(href, usableBase);
  } catch {
    return null;
  }
  if (!WEB_SCHEMES.has(u.protocol.slice(0, -1)) || !u.hostname) return null;
  return u.href.length > MAX_URL_LENGTH ? null : u.href;
}

/** `s` without its trailing slashes (a loop: `/\/+$/` is quadratic on long runs of slashes). */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}

/**
 * A link target safe to write into an attribute: an absolute http(s) URL (as `webUrl` accepts it) or a path on
 * this site (`/…`, never `//host` or `/\host`), else null — the caller leaves the attribute out.
 */
export function safeHref(href: string | null | undefined): string | null {
  if (typeof href !== 'string') return null;
  if (/^\/(?![/\\])/.test(href) && !/[\u0000-\u001f\\]/.test(href)) return href;
  return webUrl(href);
}
