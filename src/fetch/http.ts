/**
 * The polite, safe HTTP fetcher: one total deadline per fetch (a slow drip cannot escape it), a cap on decompressed
 * bytes, manual redirects (limit, loop detection, SSRF re-check per hop), conditional GET, a per-host concurrency
 * limit and Retry-After. Expected failures come back as values with a sentence a curator can read.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { readPackageVersion } from '../lib/paths.js';
import { decodersFor, readBody } from './decompress.js';
import { createHostLimiter, hostKey } from './host-limit.js';
import { BLOCKED_CODE, checkUrlTarget, guardedLookup } from './ssrf.js';
import { describeError, formatBytes, maxAgeMsFrom, retryAfterMsFrom } from './http-details.js';
import type { FetchFailureKind, FetchRequest, FetchResult } from './types.js';

export interface FetcherOptions {
  userAgent: string;
  /** Total deadline for one fetch, redirects and body included. */
  timeoutMs: number;
  /** Cap on the DECOMPRESSED body (and on the bytes on the wire). */
  maxBytes: number;
  maxRedirects: number;
  /** Requests in flight to one hostname:port at most. */
  perHostConcurrency: number;
  /** Turns the SSRF guard off (tests, or an install that watches its own intranet). */
  allowPrivateHosts: boolean;
  /** Replaces the fetcher's own Agent (then the connect-time SSRF check is the caller's business). */
  dispatcher?: Dispatcher;
}

export const defaultFetcherOptions: FetcherOptions = {
  userAgent: `Vigie/${readPackageVersion()} (+https://github.com/vigie; feed fetcher)`,
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
  allowPrivateHosts: false,
};

export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchResult>;
  /** Closes the keep-alive connections; waits for fetches in flight (each bounded by its deadline). */
  close(): Promise<void>;
}

const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.7';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Failure = Extract<FetchResult, { ok: false }>;
type Hop = { redirect: string } | { result: FetchResult };

const fail = (kind: FetchFailureKind, detail: string, extra: Partial<Failure> = {}): Failure => ({ ok: false, kind, detail, ...extra });

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

/** Stops reading a body we do not want; closing its connection is the point, so the abort error is expected. */
function abandon(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

export function createFetcher(opts: Partial<FetcherOptions> = {}): Fetcher {
  const o: FetcherOptions = { ...defaultFetcherOptions, ...opts };
  const owned: Agent[] = [];
  const plain: Dispatcher = o.dispatcher ?? own(new Agent({ keepAliveTimeout: 10_000 }));
  let guarded: Dispatcher | null = null; // created on the first guarded fetch: most installs never need it
  const limiter = createHostLimiter(o.perHostConcurrency);

  function own(agent: Agent): Agent {
    owned.push(agent);
    return agent;
  }
  function guardedDispatcher(): Dispatcher {
    guarded ??= o.dispatcher ?? own(new Agent({ keepAliveTimeout: 10_000, connect: { lookup: guardedLookup } }));
    return guarded;
  }

  async function exchange(url: URL, headers: Record<string, string>, req: FetchRequest, dispatcher: Dispatcher, signal: AbortSignal, timeoutMs: number): Promise<Hop> {
    const maxBytes = req.maxBytes ?? o.maxBytes;
    const res = await request(url, { method: 'GET', headers, dispatcher, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    const status = res.statusCode;
    const h = res.headers;
    const where = url.href;

    if (status === 304) {
      await res.body.dump(); // no body to read; frees the connection for keep-alive
      return {
        result: {
          ok: true,
          notModified: true,
          status: 304,
          finalUrl: where,
          etag: header(h, 'etag') ?? req.etag ?? null,
          lastModified: header(h, 'last-modified') ?? req.lastModified ?? null,
          maxAgeMs: maxAgeMsFrom(h),
        },
      };
    }
    if (status >= 300 && status < 400) {
      await res.body.dump();
      const location = header(h, 'location');
      if (REDIRECTS.has(status) && location) return { redirect: location };
      return { result: fail('http_status', `${where} answered HTTP ${status} without a usable redirect.`, { status }) };
    }
    if (status >= 400 || status < 200) {
      await res.body.dump();
      const retryAfterMs = retryAfterMsFrom(h);
      if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
        const wait = retryAfterMs === undefined ? '' : `; it asks to wait ${Math.ceil(retryAfterMs / 1000)} s`;
        return { result: fail('rate_limited', `${where} is rate-limiting us (HTTP ${status})${wait}.`, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }) };
      }
      return { result: fail('http_status', `${where} answered HTTP ${status}${statusWords(status)}.`, { status }) };
    }

    const length = Number(header(h, 'content-length') ?? NaN);
    if (length > maxBytes) {
      abandon(res.body);
      return { result: fail('too_large', `${where} is ${formatBytes(length)}, over the ${formatBytes(maxBytes)} limit; not downloaded.`, { status }) };
    }
    const encoding = header(h, 'content-encoding');
    const codings = decodersFor(encoding);
    if (!codings) {
      abandon(res.body);
      return { result: fail('decompression', `${where} uses an unsupported content encoding (${encoding}).`, { status }) };
    }
    const read = await readBody(res.body, codings, maxBytes, () => abandon(res.body));
    if (!read.ok) {
      if (read.kind === 'too_large') {
        const what = codings.length ? 'decompresses to more than' : 'is larger than';
        return { result: fail('too_large', `${where} ${what} the ${formatBytes(maxBytes)} limit; download stopped.`, { status }) };
      }
      if (read.kind === 'decompression') return { result: fail('decompression', `${where} sent a corrupt ${encoding} body (${read.message}).`, { status }) };
      throw read.error; // connection-level: classified by the caller, which knows about the deadline
    }
    const contentLocation = header(h, 'content-location');
    let resolvedLocation: string | null = null;
    if (contentLocation) {
      try {
        resolvedLocation = new URL(contentLocation, url).href;
      } catch {
        resolvedLocation = null; // a malformed hint is ignored, not fatal
      }
    }
    return {
      result: {
        ok: true,
        notModified: false,
        status,
        body: read.body,
        contentType: header(h, 'content-type'),
        contentLanguage: header(h, 'content-language'),
        finalUrl: where,
        contentLocation: resolvedLocation,
        etag: header(h, 'etag'),
        lastModified: header(h, 'last-modified'),
        maxAgeMs: maxAgeMsFrom(h),
      },
    };
  }

  async function fetchOne(req: FetchRequest): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return fail('invalid_url', `"${req.url}" is not a valid URL.`);
    }
    const guard = req.guard === true && !o.allowPrivateHosts;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return fail(guard ? 'blocked' : 'invalid_url', `${url.href} cannot be fetched: only http and https URLs are supported.`);
    }
    const timeoutMs = req.timeoutMs ?? o.timeoutMs;
    const maxRedirects = req.maxRedirects ?? o.maxRedirects;
    const dispatcher = guard ? guardedDispatcher() : plain;
    const headers: Record<string, string> = {
      'user-agent': o.userAgent,
      accept: req.accept ?? DEFAULT_ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;

    // One deadline for the whole fetch: undici's own timeouts are per phase/chunk, which a drip server defeats.
    // It starts once the first host slot is granted, so waiting behind a busy host's other feeds is not a timeout.
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      timer ??= setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    const onCallerAbort = () => controller.abort();
    if (req.signal?.aborted) controller.abort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const seen = new Set<string>([url.href]);
    try {
      for (let hop = 0; ; hop++) {
        if (guard) {
          const reason = checkUrlTarget(url);
          if (reason) return fail('blocked', `${url.href} was not fetched: ${reason}.`);
        }
        const target = url;
        const outcome = await limiter.run(hostKey(target), () => {
          arm();
          return exchange(target, headers, req, dispatcher, controller.signal, timeoutMs);
        });
        if ('result' in outcome) return outcome.result;
        let next: URL;
        try {
          next = new URL(outcome.redirect, url);
        } catch {
          return fail('invalid_url', `${url.href} redirects to an invalid URL ("${outcome.redirect}").`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return fail(guard ? 'blocked' : 'invalid_url', `${url.href} redirects to ${next.href}, which is not an http(s) URL.`);
        }
        if (seen.has(next.href)) return fail('too_many_redirects', `${req.url} is a redirect loop (${url.href} → ${next.href}, already visited).`);
        if (hop + 1 > maxRedirects) return fail('too_many_redirects', `${req.url} redirected more than ${maxRedirects} times (last: ${next.href}).`);
        seen.add(next.href);
        url = next;
      }
    } catch (error) {
      if (timedOut) return fail('timeout', `${url.href} did not finish within ${Math.round(timeoutMs / 100) / 10} s; the fetch was stopped.`);
      if (req.signal?.aborted) return fail('network', `Fetching ${url.href} was cancelled.`);
      const { kind, sentence } = describeError(error, BLOCKED_CODE);
      return fail(kind, `${url.href}: ${sentence}.`);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    fetch: fetchOne,
    async close() {
      await Promise.all(owned.map((a) => a.close()));
    },
  };
}

function statusWords(status: number): string {
  const words: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  const w = words[status];
  const hint = status === 410 ? ' (the feed was removed for good)' : status === 404 ? ' (the feed is not at this address)' : '';
  return w ? ` ${w}${hint}` : '';
}

let sharedFetcher: Fetcher | null = null;

/**
 * One-shot fetch with the default options (used by `vigie parse URL`). Its idle keep-alive sockets are unref'd by
 * undici and the deadline timer is cleared, so it never keeps the process alive afterwards.
 */
export function fetchUrl(req: FetchRequest): Promise<FetchResult> {
  sharedFetcher ??= createFetcher();
  return sharedFetcher.fetch(req);
}
