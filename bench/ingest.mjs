// Ingest benchmark: (1) parse + normalise throughput against bare rss-parser on the same bytes; (2) in a child
// process (bench/lib/ingest-cycle.mjs), a fetch cycle
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
const { parseFingerprinted } = await import(new URL('parse/fingerprinted.js', dist));
const { loadConfig } = await import(new URL('config/index.js', dist));
const { makeDeps } = await import(new URL('deps.js', dist));
const { keyItems } = await import(new URL('ingest/dedupe.js', dist));
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
let parsed = [];
const tOurs = await timeIt('vigie', async () => {
  parsed = [];
  for (const b of bodies) {
    const r = await parseFingerprinted({ body: b, contentType: 'application/rss+xml; charset=utf-8', url: 'https://example.org/feed.xml' });
    if (!r.ok) throw new Error(r.detail);
    parsed.push(r.feed);
  }
});
const bareRate = totalItems / (tBare / 1000);
const ourRate = totalItems / (tOurs / 1000);
console.log(`parse, bare rss-parser (single core):        ${bareRate.toFixed(0)} items/s`);
console.log(`vigie's parse step (parse + normalise + sanitise + SimHash, 1 core, as in a parse worker): ${ourRate.toFixed(0)} items/s  (${(ourRate / bareRate).toFixed(2)}x bare)`);

// ---- 1b. the store step alone (main thread): the parsed items, 10 sources per transaction as the fetch cycle does ----
{
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-store-'));
  try {
    const yaml = ['topics:', '  - { slug: bench, name: Bench }', 'sources:', ...parsed.map((_, i) => `  - { slug: s${i}, kind: feed, url: "http://127.0.0.1:9/${i}.xml", topic: bench }`)].join('\n');
    writeFileSync(join(dir, 'feeds.yaml'), yaml);
    const deps = makeDeps(loadConfig({ VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: join(dir, 'feeds.yaml'), SEARCH_BACKEND: 'fts5', LOG_LEVEL: 'silent' }, dir), { log: silentLogger() });
    const ids = deps.sqlite.prepare('SELECT id FROM sources ORDER BY id').pluck().all();
    const now = Date.UTC(2026, 10, 21);
    const t0 = performance.now();
    for (let i = 0; i < parsed.length; i += 10) {
      deps.sqlite.transaction(() => {
        for (let k = i; k < Math.min(parsed.length, i + 10); k++) deps.store.store(ids[k], keyItems(parsed[k].items, true), now, true);
      })();
    }
    const t = performance.now() - t0;
    console.log(`vigie's store step (key + items + clusters + FTS5 + outbox, main thread): ${(t * 1000 / totalItems).toFixed(0)} µs/item, ${(totalItems / (t / 1000)).toFixed(0)} items/s`);
    await deps.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- 2. fetch cycles over 2,000 local feeds, in a process of their own ----
clearInterval(sampler);
console.log(`peak memory (RSS) of the parse comparison: ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))}`);
const cycle = spawn(process.execPath, [new URL('./lib/ingest-cycle.mjs', import.meta.url).pathname, String(bareRate)], { stdio: 'inherit' });
process.exitCode = await new Promise((resolve) => cycle.on('exit', (code) => resolve(code ?? 1)));
