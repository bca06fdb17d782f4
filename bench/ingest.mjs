// Ingest benchmark: (1) parse + normalise throughput against bare rss-parser on the same bytes; (2) in a child
// process (bench/lib/ingest-cycle.mjs), a fetch cycle
// over 2,000 generated feeds served on 127.0.0.1 with 50 ms latency: first pass (fetch + parse + normalise + store)
// and conditional-GET pass, in feeds/min, with peak memory. Uses the built dist/ code.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import Parser from 'rss-parser';
import { rssFeed } from './lib/feed-gen.mjs';

const dist = new URL('../dist/src/', import.meta.url);
const { parseFeed } = await import(new URL('parse/index.js', dist));

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

// ---- 2. fetch cycles over 2,000 local feeds, in a process of their own ----
clearInterval(sampler);
console.log(`peak memory (RSS) of the parse comparison: ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))}`);
const cycle = spawn(process.execPath, [new URL('./lib/ingest-cycle.mjs', import.meta.url).pathname, String(bareRate)], { stdio: 'inherit' });
process.exitCode = await new Promise((resolve) => cycle.on('exit', (code) => resolve(code ?? 1)));
