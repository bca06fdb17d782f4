/** Small readers for response hints (Retry-After, Cache-Control / Expires) and curator-readable error sentences. */
import type { IncomingHttpHeaders } from 'node:http';
import type { FetchFailureKind } from './types.js';

type Headers = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

function first(headers: Headers, name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

/** The server's clock when it says (Date header), so an HTTP-date hint is not skewed by ours. */
function serverNow(headers: Headers): number {
  const date = Date.parse(first(headers, 'date') ?? '');
  return Number.isFinite(date) ? date : Date.now();
}

/** Retry-After as ms from now (delta-seconds or HTTP-date), or undefined when absent or unreadable. */
export function retryAfterMsFrom(headers: Headers): number | undefined {
  const raw = first(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - serverNow(headers)) : undefined;
}

/** Freshness hint in ms: Cache-Control max-age (s-maxage is for shared caches), else Expires − Date; null if none. */
export function maxAgeMsFrom(headers: Headers): number | null {
  const cc = first(headers, 'cache-control');
  if (cc) {
    const m = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/i.exec(cc);
    if (m) return Number(m[1]) * 1000;
  }
  const expires = first(headers, 'expires');
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isFinite(at)) return Math.max(0, at - serverNow(headers));
  }
  return null;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_CONNECT') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a connection-level error (undici / net / tls / dns) to a failure kind and a short sentence. */
export function describeError(error: unknown, blockedCode: string): { kind: FetchFailureKind; sentence: string } {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === blockedCode) return { kind: 'blocked', sentence: `not fetched, ${message}` };
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'timeout', sentence: 'the server did not accept the connection in time' };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', sentence: 'the server stopped answering' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return { kind: 'network', sentence: 'the host name could not be resolved (DNS)' };
    case 'ECONNREFUSED':
      return { kind: 'network', sentence: 'the server refused the connection' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { kind: 'network', sentence: 'the server closed the connection unexpectedly' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'network', sentence: 'the server is unreachable from here' };
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'UND_ERR_RESPONSE_CONTENT_LENGTH_MISMATCH':
      return { kind: 'network', sentence: `the server sent a malformed HTTP response (${message})` };
  }
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL'))) {
    return { kind: 'network', sentence: `the TLS certificate or handshake failed (${message})` };
  }
  return { kind: 'network', sentence: `the request failed (${code ? code + ': ' : ''}${message})` };
}
