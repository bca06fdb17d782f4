// Ingest benchmark: (1) parse + normalise throughput against bare rss-parser on the same bytes; (2) a fetch cycle
// over 2,000 generated feeds served on 127.0.0.1 with 50 ms latency: first pass (fetch + parse + normalise + store)
// and conditional-GET pass, in feeds/min, with peak memory. Uses the built dist/ code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Parser from 'rss-parser';
import { rssFeed } from './lib/feed-gen.mjs';

const dist = new URL('../dist/src/', import.meta.url);
const { parseFeed } = await import(new URL('parse/index.js', dist));
const { loadConfig } = await import(new URL('config/index.js', dist));
const { makeDeps } = await import(new URL('deps.js', dist));
const { runFetchCycle } = await import(new URL('ingest/cycle.js', dist));
const { silentLogger } = await import(new URL('lib/log.js', dist));

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;

// ---- 1. parse + normalise throughput ----
const FEEDS_P = 200;
const ITEMS_P = 20;
const bodies = Array.from({ length: FEEDS_P }, (_, i) => Buffer.from(rssFeed(i, ITEMS_P)));
const totalItems = FEEDS_P * ITEMS_P;
const bytes = bodies.reduce((n, b) => n + b.length, 0);
const sampleItemHtml = /<description><!\[CDATA\[([\s\S]*?)\]\]><\/description>/.exec(bodies[0].toString())[1]; // items alternate CDATA / escaped HTML
console.log(`generated corpus: ${FEEDS_P} feeds x ${ITEMS_P} items = ${totalItems} items, ${mb(bytes)}; item HTML ~${(sampleItemHtml.length / 1024).toFixed(1)} KB, feed ~${(bodies[0].length / 1024).toFixed(0)} KB`);

async function timeIt(label, fn, rounds = 2) {
  await fn(); // warm-up
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const bare = new Parser();
const tBare = await timeIt('bare', async () => {
  for (const b of bodies) await bare.parseString(b.toString('utf8'));
});
const tOurs = await timeIt('vigie', async () => {
  for (const b of bodies) {
    const r = await parseFeed({ body: b, contentType: 'application/rss+xml; charset=utf-8', url: 'https://example.org/feed.xml' });
    if (!r.ok) throw new Error(r.detail);
  }
});
const bareRate = totalItems / (tBare / 1000);
const ourRate = totalItems / (tOurs / 1000);
console.log(`parse, bare rss-parser (single core):        ${bareRate.toFixed(0)} items/s`);
console.log(`parse + normalise + sanitise, vigie (1 core): ${ourRate.toFixed(0)} items/s  (${(ourRate / bareRate).toFixed(2)}x bare)`);

// ---- 2. fetch cycles over 2,000 local feeds ----
const rssBeforeCycles = process.memoryUsage().rss;
globalThis.gc?.();
peakRss = process.memoryUsage().rss;
console.log(`memory after the parse comparison: ${mb(rssBeforeCycles)} RSS (${mb(peakRss)} after GC)`);
const FEEDS = Number(process.env.BENCH_FEEDS ?? 2000);
const ITEMS = 10;
const LATENCY = 50;
const server = spawn(process.execPath, [new URL('./lib/feed-server.mjs', import.meta.url).pathname, String(FEEDS), String(ITEMS), String(LATENCY)], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  server.stdout.once('data', (d) => resolve(JSON.parse(String(d)).port));
  server.once('exit', (c) => reject(new Error(`feed server exited ${c}`)));
});
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
try {
  const yaml = ['topics:', '  - { slug: bench, name: Bench }', 'sources:', ...Array.from({ length: FEEDS }, (_, i) => `  - { slug: f${i}, kind: feed, url: "http://127.0.0.1:${port}/feed/${i}.xml", topic: bench }`)].join('\n');
  writeFileSync(join(dir, 'feeds.yaml'), yaml);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
  const env = {
    VIGIE_DATA_DIR: join(dir, 'data'),
    FEEDS_FILE: join(dir, 'feeds.yaml'),
    SEARCH_BACKEND: 'fts5',
    FETCH_CONCURRENCY: String(concurrency),
    // Every generated feed lives on the same local host; real networks spread sources over many hosts.
    FETCH_PER_HOST: String(concurrency),
    LOG_LEVEL: 'silent',
  };
  const deps = makeDeps(loadConfig(env, dir), { log: silentLogger() });
  console.log(`fetch cycle: ${FEEDS} feeds x ${ITEMS} items on 127.0.0.1, ${LATENCY} ms latency per response, concurrency ${concurrency}`);
  let t0 = performance.now();
  const first = await runFetchCycle(deps, { force: true });
  let t = (performance.now() - t0) / 1000;
  const stored = deps.sqlite.prepare('SELECT count(*) FROM items').pluck().get();
  const errors = first.sources.filter((s) => s.status === 'error');
  if (errors.length) console.log(`  ${errors.length} errors, first: ${errors[0].error}`);
  console.log(`first pass (fetch + parse + normalise + store): ${(FEEDS / t * 60).toFixed(0)} feeds/min, ${(stored / t).toFixed(0)} items/s stored (${stored} items in ${t.toFixed(1)} s; ${(stored / t / bareRate).toFixed(2)}x bare rss-parser's parse rate)`);
  t0 = performance.now();
  const second = await runFetchCycle(deps, { force: true });
  t = (performance.now() - t0) / 1000;
  const notModified = second.sources.filter((s) => s.status === 'not_modified').length;
  console.log(`conditional-GET pass: ${(FEEDS / t * 60).toFixed(0)} feeds/min (${notModified}/${FEEDS} answered 304 in ${t.toFixed(2)} s)`);
  await deps.close();
} finally {
  server.kill('SIGTERM');
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak memory (RSS) during the fetch cycles: ${mb(peakRss)}; peak of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
