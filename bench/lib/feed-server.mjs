// A child-process HTTP server on 127.0.0.1 serving generated feeds with ETag/304 and a fixed latency.
// usage: node feed-server.mjs FEEDS ITEMS LATENCY_MS  → prints {"port": N} on stdout when listening.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { rssFeed } from './feed-gen.mjs';

const [feeds, items, latency] = process.argv.slice(2).map(Number);
const bodies = Array.from({ length: feeds }, (_, i) => {
  const body = Buffer.from(rssFeed(i, items));
  return { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
});
let requests = 0;
const server = http.createServer((req, res) => {
  requests++;
  const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const f = m ? bodies[Number(m[1])] : undefined;
  setTimeout(() => {
    if (!f) return res.writeHead(404).end();
    if (req.headers['if-none-match'] === f.etag) return res.writeHead(304, { etag: f.etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: f.etag, 'content-length': f.body.length }).end(f.body);
  }, latency);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => { process.stderr.write(`requests: ${requests}\n`); process.exit(0); });
// Never outlive the benchmark.
setTimeout(() => process.exit(0), 15 * 60_000).unref();
