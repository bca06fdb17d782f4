/**
 * A real HTTP server on 127.0.0.1 (port 0) for tests and benchmarks that need "remote" feeds.
 *
 *   const srv = await startFeedServer({
 *     root: 'tests/fixtures/feeds',                 // files served with ETag, Last-Modified and 304s
 *     files: { '/live.xml': '<rss>…</rss>' },       // in-memory files (change later with srv.setFile)
 *     gzip: true,                                   // gzip static files when the client accepts it
 *     latencyMs: 50,                                // delay before every response
 *     routes: {                                     // programmable failures (see `respond` below)
 *       '/gone.xml': respond.status(410),
 *       '/busy.xml': respond.status(429, { headers: { 'retry-after': '120' } }),
 *       '/loop': respond.redirect('/loop'),
 *       '/drip.xml': respond.slowDrip(),
 *       '/bomb.xml': respond.compressionBomb(),
 *       ...redirectChain('/hop', 3, '/live.xml'),   // /hop/0 → /hop/1 → /hop/2 → /live.xml
 *     },
 *   });
 *   srv.url + '/live.xml'; srv.requests('/live.xml'); srv.notModified('/live.xml'); await srv.close();
 *
 * Routes win over files; a path found nowhere is a 404. Counts are per path (query string ignored).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { createBrotliCompress, createDeflate, createGzip, gzipSync, constants } from 'node:zlib';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FeedServerOptions {
  root?: string;
  files?: Record<string, string | Buffer>;
  latencyMs?: number;
  gzip?: boolean;
  routes?: Record<string, RouteHandler>;
}

export interface FeedServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Requests received for a path (routes and files alike). */
  requests(path: string): number;
  /** 304 answers sent for a path. */
  notModified(path: string): number;
  /** Request headers of the latest request for a path. */
  lastHeaders(path: string): IncomingHttpHeaders | undefined;
  /** Adds or replaces an in-memory file (new ETag; Last-Modified = now). */
  setFile(path: string, body: string | Buffer): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Entry {
  body: Buffer;
  etag: string;
  lastModified: Date;
  type: string;
  gz?: Buffer;
}

function makeEntry(path: string, body: Buffer, mtimeMs: number): Entry {
  return {
    body,
    etag: '"' + createHash('sha1').update(body).digest('hex').slice(0, 16) + '"',
    lastModified: new Date(Math.floor(mtimeMs / 1000) * 1000),
    type: TYPES[extname(path).toLowerCase()] ?? 'application/xml',
  };
}

export async function startFeedServer(opts: FeedServerOptions = {}): Promise<FeedServer> {
  const root = opts.root ? resolve(opts.root) : null;
  const memory = new Map<string, Entry>();
  const disk = new Map<string, { mtimeMs: number; size: number; entry: Entry }>();
  const counts = new Map<string, { requests: number; notModified: number; headers?: IncomingHttpHeaders }>();
  const routes = opts.routes ?? {};
  const setFile = (path: string, body: string | Buffer) => memory.set(path, makeEntry(path, Buffer.from(body), Date.now()));
  for (const [path, body] of Object.entries(opts.files ?? {})) setFile(path, body);

  const fromDisk = (path: string): Entry | null => {
    if (!root) return null;
    const file = join(root, path);
    if (!file.startsWith(root + sep)) return null;
    try {
      const st = statSync(file);
      if (!st.isFile()) return null;
      const cached = disk.get(file);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.entry;
      const entry = makeEntry(path, readFileSync(file), st.mtimeMs);
      disk.set(file, { mtimeMs: st.mtimeMs, size: st.size, entry });
      return entry;
    } catch {
      return null;
    }
  };

  const serveEntry = (req: IncomingMessage, res: ServerResponse, entry: Entry, count: { notModified: number }) => {
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (inm ? inm === entry.etag : ims ? new Date(ims) >= entry.lastModified : false) {
      count.notModified++;
      res.writeHead(304, { etag: entry.etag, 'last-modified': entry.lastModified.toUTCString() });
      return res.end();
    }
    const headers: Record<string, string> = { 'content-type': entry.type, etag: entry.etag, 'last-modified': entry.lastModified.toUTCString() };
    let body = entry.body;
    if (opts.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = entry.gz ??= gzipSync(entry.body);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(body);
  };

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let count = counts.get(path);
    if (!count) counts.set(path, (count = { requests: 0, notModified: 0 }));
    count.requests++;
    count.headers = req.headers;
    const c = count;
    const answer = () => {
      const route = routes[path];
      if (route) return void Promise.resolve(route(req, res)).catch(() => res.destroy());
      const entry = memory.get(path) ?? fromDisk(path);
      if (entry) return serveEntry(req, res, entry, c);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    if (opts.latencyMs) setTimeout(answer, opts.latencyMs);
    else answer();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: (path) => counts.get(path)?.requests ?? 0,
    notModified: (path) => counts.get(path)?.notModified ?? 0,
    lastHeaders: (path) => counts.get(path)?.headers,
    setFile,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections(); // endless and dripping responses would otherwise hold close() forever
      }),
  };
}

/** Ready-made route handlers for the failures a feed fetcher meets. */
export const respond = {
  /** Any status, with optional headers and body (default: a short text). */
  status(code: number, o: { headers?: Record<string, string>; body?: string | Buffer } = {}): RouteHandler {
    return (_req, res) => {
      res.writeHead(code, { 'content-type': 'text/plain', ...o.headers });
      res.end(code === 304 || code === 204 ? undefined : (o.body ?? `status ${code}`));
    };
  },
  /** A 200 with this exact body (e.g. HTML instead of a feed, or '' for an empty 200). */
  body(body: string | Buffer, contentType = 'text/html; charset=utf-8', headers: Record<string, string> = {}): RouteHandler {
    return respond.status(200, { headers: { 'content-type': contentType, ...headers }, body });
  },
  redirect(location: string, code = 302): RouteHandler {
    return (_req, res) => {
      res.writeHead(code, { location, 'content-type': 'text/plain' });
      res.end(`moved to ${location}`);
    };
  },
  /** Headers at once, then `chunk` every `intervalMs`, forever: defeats per-read timeouts, not a total deadline. */
  slowDrip(o: { intervalMs?: number; chunk?: string; contentType?: string } = {}): RouteHandler {
    return (_req, res) => {
      res.writeHead(200, { 'content-type': o.contentType ?? 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const timer = setInterval(() => res.write(o.chunk ?? ' '), o.intervalMs ?? 100);
      res.on('close', () => clearInterval(timer));
    };
  },
  /** A body that never ends (64 KiB chunks as fast as the client reads), optionally declaring a huge Content-Length. */
  endless(o: { contentLength?: number; contentType?: string } = {}): RouteHandler {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    return (_req, res) => {
      const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/rss+xml' };
      if (o.contentLength !== undefined) headers['content-length'] = String(o.contentLength);
      res.writeHead(200, headers);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      res.on('error', () => {});
      pump();
    };
  },
  /** A small compressed body that inflates to `decompressedBytes` (default 100 MiB) of XML-ish filler. */
  compressionBomb(o: { decompressedBytes?: number; encoding?: 'gzip' | 'deflate' | 'br' } = {}): RouteHandler {
    const encoding = o.encoding ?? 'gzip';
    let bomb: Promise<Buffer> | null = null; // built on first use: a few hundred KB, a second or so of CPU
    return async (_req, res) => {
      bomb ??= compressFiller(o.decompressedBytes ?? 100 * 1024 * 1024, encoding);
      const body = await bomb;
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding, 'content-length': String(body.length) });
      res.end(body);
    };
  },
  /** Claims a Content-Encoding but sends garbage. */
  corruptEncoding(encoding = 'gzip'): RouteHandler {
    return respond.body(Buffer.from('this is not compressed at all, sorry'), 'application/rss+xml', { 'content-encoding': encoding });
  },
};

/** Routes `${prefix}/0` → `${prefix}/1` → … → `${prefix}/${hops-1}` → `final`. */
export function redirectChain(prefix: string, hops: number, final: string, code = 302): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (let i = 0; i < hops; i++) routes[`${prefix}/${i}`] = respond.redirect(i + 1 < hops ? `${prefix}/${i + 1}` : final, code);
  return routes;
}

/** Compresses `bytes` of filler through a stream, never holding the inflated form in memory. */
async function compressFiller(bytes: number, encoding: 'gzip' | 'deflate' | 'br'): Promise<Buffer> {
  const block = Buffer.alloc(1024 * 1024, '<item><title>x</title></item>');
  const z =
    encoding === 'gzip'
      ? createGzip({ level: 9 })
      : encoding === 'deflate'
        ? createDeflate({ level: 9 })
        : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((ok, ko) => z.on('end', ok).on('error', ko));
  for (let left = bytes; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    if (!z.write(piece)) await new Promise((ok) => z.once('drain', ok));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}
