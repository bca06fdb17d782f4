// Search benchmark (issue 4): 100k generated items of realistic sizes stored through the real item store (SQLite +
// FTS5 triggers), indexed into a managed Meilisearch (full rebuild from SQLite), then 1,000 mixed queries (1-3
// words, typos, a filter, a date range, date sorts) through the HTTP API on 127.0.0.1 against each backend:
// p50/p95/p99 latency, index sizes, and the outbox lag at an ingest of 100 items/s. Uses the built dist/ code.
// BENCH_ITEMS=20000 node bench/search.mjs for a quicker run.
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist));
const { loadConfig } = await load('src/config/index.js');
const { makeDeps } = await load('src/deps.js');
const { silentLogger } = await load('src/lib/log.js');
const { createApp } = await load('src/http/app.js');
const { createSearchService } = await load('src/search/service.js');
const { findMeiliBinary, startManagedMeili } = await load('src/search/managed.js');
const { reindexMeili } = await load('src/search/reindex.js');
const { scheduleIndexSync } = await load('workers/index-sync.js');
const { parseQuery, meiliQuery, isEmptyQuery } = await load('src/search/query.js');
const { meiliFilters } = await load('src/search/meili.js');
const { anonymousViewer } = await load('src/access/index.js');
const { listTopicRefs } = await load('src/db/topics/refs.js');

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const SOURCES = 50;
const TOPICS = ['climat', 'energie', 'tech', 'sante', 'interne'];

// ---- deterministic generator ----
let seed = 42;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rand() * a.length)];
const syll = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'tra', 'pli', 'gro', 'ment', 'tion', 'eur', 'ique', 'able', 'ette'];
const vocab = Array.from({ length: 6000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syll)).join(''));
const common = 'climat énergie solaire éolien hydrogène batterie glacier banquise charbon pétrole gaz réseau électricité transition carbone émissions santé vaccin hôpital données intelligence artificielle modèle puce quantique sécurité climate energy solar wind battery grid carbon emissions health vaccine hospital data model chip quantum security policy europe france research'.split(' ');
const stop = 'le la les de des du et en un une à pour sur the of and to in a for on with'.split(' ');
// Function words, a few topical words (each in ~5-10% of items, as news vocabulary is), and a Zipf-like long tail.
const word = () => (rand() < 0.35 ? pick(stop) : rand() < 0.03 ? pick(common) : vocab[Math.floor(vocab.length * rand() ** 2.2)]);
const words = (n) => Array.from({ length: n }, word).join(' ');
const sentence = (n) => { const s = words(n); return s[0].toUpperCase() + s.slice(1) + '.'; };
const START = Date.parse('2025-11-20T00:00:00Z');
const SPAN = 365 * 86_400_000;

// ---- install ----
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-search-'));
const feeds = join(dir, 'feeds.yaml');
writeFileSync(
  feeds,
  `topics:\n${TOPICS.map((t) => `  - { slug: ${t}, name: ${t}, public: ${t !== 'interne'} }`).join('\n')}\nsources:\n` +
    Array.from({ length: SOURCES }, (_, i) => `  - { slug: src${i}, kind: feed, url: "http://127.0.0.1:9/${i}.xml", topic: ${TOPICS[i % TOPICS.length]}, lang: ${i % 3 ? 'fr' : 'en'} }`).join('\n') + '\n',
);
const bin = findMeiliBinary();
if (!bin.ok) {
  console.log(`Meilisearch unavailable (${bin.reason}); FTS5 only`);
}
const managed = bin.ok ? await startManagedMeili({ binary: bin.path, version: bin.version, dataDir: join(dir, 'data'), log: silentLogger() }) : null;
const env = { VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: feeds, LOG_LEVEL: 'silent', SEARCH_BACKEND: managed ? 'meilisearch' : 'fts5', ...(managed ? { MEILI_URL: managed.url, MEILI_MASTER_KEY: managed.key, MEILI_INDEX: 'bench_items' } : {}) };
const config = loadConfig(env, dir);
const deps = makeDeps(config, { log: silentLogger() });
const sourceIds = deps.sqlite.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
const line = (label, value) => console.log(`${label.padEnd(46)} ${value}`);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const fmt = (ms) => `${ms.toFixed(1)} ms`;

function makeItem(n, published) {
  const title = sentence(6 + Math.floor(rand() * 7));
  return {
    guid: `b${n}`, url: `https://example.org/a/${n}`, canonicalUrl: `https://example.org/a/${n}`, title, author: null,
    published: new Date(published).toISOString(), summary: sentence(25 + Math.floor(rand() * 15)),
    contentHtml: null, contentText: Array.from({ length: 8 + Math.floor(rand() * 14) }, () => sentence(12 + Math.floor(rand() * 10))).join(' '),
    categories: [], enclosures: [], lang: null, dedupeKey: `g:b${n}`, contentHash: `h${n}`,
  };
}

// ---- 1. store 100k items (SQLite + FTS5 triggers, outbox rows) ----
let t0 = performance.now();
let bytes = 0;
for (let done = 0; done < N; ) {
  const batch = [];
  const src = sourceIds[Math.floor(done / 500) % sourceIds.length];
  for (let k = 0; k < 500 && done < N; k++, done++) {
    const it = makeItem(done, START + Math.floor((done / N) * SPAN));
    bytes += it.title.length + it.summary.length + it.contentText.length;
    batch.push(it);
  }
  deps.store.store(src, batch, START + SPAN, true);
}
const storeMs = performance.now() - t0;
console.log(`generated ${N} items, ${(bytes / N / 1024).toFixed(1)} KB of text each on average`);
line('SQLite store incl. FTS5 (same transaction)', `${(storeMs / 1000).toFixed(1)} s (${Math.round(N / (storeMs / 1000))} items/s; target <= 30 s at 100k → ${N >= 100_000 ? (storeMs <= 30_000 ? 'met' : 'MISSED') : 'n/a'})`);
deps.sqlite.exec(`INSERT INTO items_fts(items_fts) VALUES ('optimize')`);
try {
  const ftsBytes = deps.sqlite.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'items_fts%'`).pluck().get();
  line('FTS5 index size', `${(ftsBytes / 1024 / 1024).toFixed(0)} MB (database file ${(statSync(config.dbFile).size / 1024 / 1024).toFixed(0)} MB)`);
} catch {
  line('database file (items + FTS5)', `${(statSync(config.dbFile).size / 1024 / 1024).toFixed(0)} MB`);
}

// ---- 2. Meilisearch: full build from SQLite ----
if (managed) {
  t0 = performance.now();
  const r = await reindexMeili(deps, deps.search.meili(), 'bench');
  line('Meilisearch indexing (rebuild from SQLite)', `${(r.ms / 1000).toFixed(1)} s for ${r.documents} documents (${Math.round(r.documents / (r.ms / 1000))} docs/s)`);
  const stats = await deps.search.meili().client.getStats();
  line('Meilisearch index size', `${(stats.indexes.bench_items.rawDocumentDbSize / 1024 / 1024).toFixed(0)} MB documents, ${(stats.databaseSize / 1024 / 1024).toFixed(0)} MB database`);
}

// ---- 3. 1,000 mixed queries through the HTTP API ----
const queries = Array.from({ length: QUERIES }, () => {
  const n = 1 + Math.floor(rand() * 3);
  let q = Array.from({ length: n }, () => (rand() < 0.5 ? pick(common) : vocab[Math.floor(vocab.length * rand() ** 2)])).join(' ');
  if (rand() < 0.15) q = q.replace(/(\w)(\w)(\w*)$/, '$2$1$3'); // a typo: two letters swapped
  const p = new URLSearchParams({ q });
  const r = rand();
  if (r < 0.15) p.set('topic', pick(TOPICS.slice(0, 4)));
  // Sources of the members-only topic are unreadable to the anonymous reader (the API answers 404): never asked.
  else if (r < 0.3) p.set('source', `src${pick(Array.from({ length: SOURCES }, (_, i) => i).filter((i) => TOPICS[i % TOPICS.length] !== 'interne'))}`);
  else if (r < 0.4) p.set('lang', pick(['fr', 'en']));
  if (rand() < 0.25) {
    const from = START + Math.floor(rand() * SPAN * 0.8);
    p.set('from', new Date(from).toISOString().slice(0, 10));
    p.set('to', new Date(from + 30 * 86_400_000).toISOString().slice(0, 10));
  }
  if (rand() < 0.1) p.set('sort', 'date');
  return `/api/v1/search?${p}`;
});

/** The same query as the bare engine sees it: words, filters and sort as the API sends them, 20 hits, no extras. */
function bareRequest(path) {
  const p = new URLSearchParams(path.slice(path.indexOf('?') + 1));
  const day = (d) => Date.parse(d);
  const query = parseQuery(p.get('q') ?? '');
  const filters = { topic: p.get('topic') ?? undefined, source: p.get('source') ?? undefined, lang: p.get('lang') ?? undefined, from: p.get('from') ? day(p.get('from')) : undefined, to: p.get('to') ? day(p.get('to')) + 86_400_000 : undefined };
  const browse = isEmptyQuery(query);
  return {
    q: browse ? '' : meiliQuery(query),
    // The filter the API sends for an anonymous reader (the same visibility rule, src/access).
    filter: meiliFilters({ query, filters, sort: 'relevance', offset: 0, limit: 20, viewer: anonymousViewer(listTopicRefs(deps.sqlite), { publicRead: true }) }),
    sort: p.get('sort') === 'date' || browse ? ['publishedAt:desc', 'id:desc'] : undefined,
    limit: 20,
    matchingStrategy: 'all',
  };
}

/** The same queries straight to the engine, each right before its API twin (both see the same machine load). */
function bareSearch() {
  const url = `${managed.url}/indexes/bench_items/search`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${managed.key}` };
  const bodies = new Map(queries.map((q) => [q, JSON.stringify(bareRequest(q))]));
  return async (q) => {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body: bodies.get(q) });
    await res.json();
    if (res.status !== 200) throw new Error(`bare engine: ${res.status} for ${bodies.get(q)}`);
    return performance.now() - t;
  };
}

const results = {};
async function runQueries(label, search, bare = null) {
  const app = createApp({ ...deps, search });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  for (const q of queries.slice(0, 50)) {
    await (await fetch(base + q)).arrayBuffer(); // warm-up
    if (bare) await bare(q);
  }
  const lat = [];
  const bareLat = [];
  const backends = new Set();
  let hits = 0;
  for (const q of queries) {
    if (bare) bareLat.push(await bare(q));
    const t = performance.now();
    const res = await fetch(base + q);
    const body = await res.json();
    lat.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${q} → ${res.status} ${JSON.stringify(body)}`);
    backends.add(body.backend);
    hits += body.total;
  }
  await new Promise((r) => server.close(r));
  results[label] = lat;
  if (bare) {
    results.bare = bareLat;
    line(`bare Meilisearch: the same ${QUERIES} queries, p50/p95/p99`, `${fmt(pct(bareLat, 50))} / ${fmt(pct(bareLat, 95))} / ${fmt(pct(bareLat, 99))} (HTTP straight to the engine: words, filters, sort, 20 hits; no facets, crop or highlight)`);
  }
  line(`${label}: ${QUERIES} queries via HTTP, p50/p95/p99`, `${fmt(pct(lat, 50))} / ${fmt(pct(lat, 95))} / ${fmt(pct(lat, 99))} (max ${fmt(Math.max(...lat))}; answered by ${[...backends].join(',')}; avg total ${Math.round(hits / QUERIES)})`);
}

if (managed) {
  await runQueries('Vigie API on Meilisearch', deps.search, bareSearch());
  const api = results['Vigie API on Meilisearch'];
  const bare = results.bare;
  line('target: API p95 < 30 ms and <= 3x bare p95', `${fmt(pct(api, 95))} vs bare ${fmt(pct(bare, 95))} = ${(pct(api, 95) / pct(bare, 95)).toFixed(2)}x → ${pct(api, 95) < 30 && pct(api, 95) <= 3 * pct(bare, 95) ? 'met' : 'MISSED'}`);
}
await runQueries('Vigie API on FTS5', createSearchService({ sqlite: deps.sqlite, log: deps.log, clock: deps.clock, setting: 'fts5' }));
line('target: FTS5 p95 < 50 ms', `${fmt(pct(results['Vigie API on FTS5'], 95))} → ${pct(results['Vigie API on FTS5'], 95) < 50 ? 'met' : 'MISSED'}`);

// ---- 4. outbox lag at 100 items/s for 20 s ----
if (managed) {
  const controller = new AbortController();
  const stop = scheduleIndexSync(deps, controller.signal, 250);
  const firstNew = deps.sqlite.prepare(`SELECT max(id) FROM outbox`).pluck().get() + 1;
  let n = N;
  const tEnd = performance.now() + 20_000;
  while (performance.now() < tEnd) {
    const now = Date.now();
    deps.store.store(sourceIds[n % sourceIds.length], Array.from({ length: 10 }, () => makeItem(n++, now)), now, true);
    await new Promise((r) => setTimeout(r, 100));
  }
  const deadline = Date.now() + 60_000;
  while (deps.sqlite.prepare(`SELECT count(*) FROM outbox WHERE done_at IS NULL`).pluck().get() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  controller.abort();
  await stop();
  const lags = deps.sqlite.prepare(`SELECT done_at - created_at FROM outbox WHERE id >= ? AND done_at IS NOT NULL`).pluck().all(firstNew);
  line(`outbox lag at 100 items/s (${lags.length} items)`, `p50 ${fmt(pct(lags, 50))}, p95 ${fmt(pct(lags, 95))}, max ${fmt(Math.max(...lags))} (target p95 < 2 s → ${pct(lags, 95) < 2000 ? 'met' : 'MISSED'})`);
}

await deps.close();
await managed?.stop();
rmSync(dir, { recursive: true, force: true });
