// The fetch-cycle half of the ingest benchmark, in its own process so its peak memory is a service's, not the
// parse comparison's. usage: node bench/lib/ingest-cycle.mjs BARE_RATE (items/s of bare rss-parser, for the ratio)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../../dist/src/', import.meta.url);
const { loadConfig } = await import(new URL('config/index.js', dist));
const { makeDeps } = await import(new URL('deps.js', dist));
const { runFetchCycle } = await import(new URL('ingest/cycle.js', dist));
const { silentLogger } = await import(new URL('lib/log.js', dist));

const bareRate = Number(process.argv[2]);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const FEEDS = Number(process.env.BENCH_FEEDS ?? 2000);
const ITEMS = 10;
const LATENCY = 50;
const server = spawn(process.execPath, [new URL('./feed-server.mjs', import.meta.url).pathname, String(FEEDS), String(ITEMS), String(LATENCY)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  const ratio = stored / t / bareRate;
  console.log(`first pass (fetch + parse + normalise + store): ${(FEEDS / t * 60).toFixed(0)} feeds/min, ${(stored / t).toFixed(0)} items/s stored (${stored} items in ${t.toFixed(1)} s; ${ratio.toFixed(2)}x bare rss-parser's single-core parse rate; target >= 0.25x → ${ratio >= 0.25 ? 'met' : 'MISSED'})`);
  t0 = performance.now();
  const second = await runFetchCycle(deps, { force: true });
  t = (performance.now() - t0) / 1000;
  const notModified = second.sources.filter((s) => s.status === 'not_modified').length;
  console.log(`conditional-GET pass: ${(FEEDS / t * 60).toFixed(0)} feeds/min (${notModified}/${FEEDS} answered 304 in ${t.toFixed(2)} s; target >= 30,000 → ${FEEDS / t * 60 >= 30_000 ? 'met' : 'MISSED'})`);
  await deps.close();
} finally {
  server.kill('SIGTERM');
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
const peak = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
console.log(`peak memory (RSS) of the process running the fetch cycles: ${mb(peak)} (target < 300 MB → ${peak < 300 * 1024 * 1024 ? 'met' : 'MISSED'})`);
