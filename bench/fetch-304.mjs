#!/usr/bin/env node
// Micro-check (not a test): throughput of the conditional-GET (304) path of the built fetcher, against bare undici
// on the same local server in the same run.
// usage: node scripts/build.mjs && node bench/fetch-304.mjs [N=2000] [CONCURRENCY=64] [LATENCY_MS=0]
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';

const N = Number(process.argv[2] ?? 2000);
const CONC = Number(process.argv[3] ?? 64);
const LATENCY = Number(process.argv[4] ?? 0);
const { createFetcher } = await import(new URL('../dist/src/fetch/http.js', import.meta.url));

const ETAG = '"abc123"';
const server = createServer((req, res) => (LATENCY ? setTimeout(answer, LATENCY, req, res) : answer(req, res)));
function answer(req, res) {
  if (req.headers['if-none-match'] === ETAG) {
    res.writeHead(304, { etag: ETAG });
    return res.end();
  }
  res.writeHead(200, { etag: ETAG, 'content-type': 'application/rss+xml' });
  res.end('<rss version="2.0"><channel><title>t</title></channel></rss>');
}
server.keepAliveTimeout = 30_000;
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
// 2,000 distinct feeds spread over 200 "hosts"-worth of paths on one server; per-host limit raised to CONC so
// the figure measures per-request overhead, not the politeness limit (which a real cycle spreads over many hosts).
const urls = Array.from({ length: N }, (_, i) => `${base}/feeds/${i}.xml`);

async function run(label, one) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONC }, async () => {
    while (next < urls.length) await one(urls[next++]);
  }));
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(22)} ${N} × 304 (latency ${LATENCY} ms, concurrency ${CONC}) in ${s.toFixed(2)} s = ${Math.round((N / s) * 60).toLocaleString('en')} feeds/min`);
}

const agent = new Agent({ keepAliveTimeout: 10_000 });
const bare = async (url) => {
  const r = await request(url, { dispatcher: agent, headers: { 'if-none-match': ETAG } });
  if (r.statusCode !== 304) throw new Error('expected 304');
  await r.body.dump();
};
const fetcher = createFetcher({ allowPrivateHosts: true, perHostConcurrency: CONC });
const vigie = async (url) => {
  const r = await fetcher.fetch({ url, etag: ETAG });
  if (!r.ok || !r.notModified) throw new Error('expected 304: ' + JSON.stringify(r));
};
await run('warm-up (vigie)', vigie);
for (let i = 0; i < 2; i++) {
  await run('bare undici request', bare);
  await run('vigie fetcher', vigie);
}
await agent.close();
await fetcher.close();
server.close();
