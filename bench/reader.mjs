// Reader-app benchmark (issue 15): 100k items through the real item store, a member reading two topics (one
// public, one members-only) with an app password, and the real HTTP server on 127.0.0.1. Measures, through the
// Google Reader API, `stream/items/ids?n=10000` (walking continuations) and `stream/items/contents` for 1,000 ids,
// and Fever `items` pages (50 items, random since_id). A baseline in the same run: the bare SQLite reads of the same
// ids and rows, with no visibility rule, no JSON, no HTTP. BENCH_ITEMS=20000 node bench/reader.mjs for a quick run.
import { serve } from '@hono/node-server';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist));
const { loadConfig } = await load('src/config/index.js');
const { makeDeps } = await load('src/deps.js');
const { silentLogger } = await load('src/lib/log.js');
const { createApp } = await load('src/http/app.js');
const { createAppPassword } = await load('src/accounts/app-passwords.js');

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
let seed = 7;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const line = (label, value) => console.log(`${label.padEnd(56)} ${value}`);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-reader-'));
const feeds = join(dir, 'feeds.yaml');
const TOPICS = [['open', true], ['closed', false], ['other', false]];
writeFileSync(
  feeds,
  `topics:\n${TOPICS.map(([t, p]) => `  - { slug: ${t}, name: ${t}, public: ${p} }`).join('\n')}\nsources:\n` +
    Array.from({ length: 30 }, (_, i) => `  - { slug: s${i}, kind: feed, url: "http://127.0.0.1:9/${i}.xml", topic: ${TOPICS[i % 3][0]} }`).join('\n') + '\n',
);
const config = loadConfig({ VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: feeds, LOG_LEVEL: 'silent', SEARCH_BACKEND: 'fts5' }, dir);
const deps = makeDeps(config, { log: silentLogger() });
const sourceIds = deps.sqlite.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
const html = (n) => `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8)} item ${n}</p><p><a href="https://example.org/${n}">link</a></p>`;
let t0 = performance.now();
for (let done = 0; done < N; ) {
  const batch = [];
  const src = sourceIds[Math.floor(done / 500) % sourceIds.length];
  for (let k = 0; k < 500 && done < N; k++, done++) {
    batch.push({
      guid: `r${done}`, url: `https://example.org/r/${done}`, canonicalUrl: `https://example.org/r/${done}`, title: `Item ${done} about something`, author: null,
      published: new Date(Date.UTC(2026, 0, 1) + done * 60_000).toISOString(), summary: `Summary ${done}`, contentHtml: html(done), contentText: `Text ${done}`,
      categories: [], enclosures: [], lang: 'en', dedupeKey: `g:r${done}`, contentHash: `h${done}`,
    });
  }
  deps.store.store(src, batch, Date.UTC(2026, 6, 1), true);
}
line(`stored ${N} items`, `${((performance.now() - t0) / 1000).toFixed(1)} s`);
const now = Date.now();
const userId = Number(deps.sqlite.prepare(`INSERT INTO users (email, display_name, role, created_at, updated_at) VALUES ('bench@example.org', 'Bench', 'member', ?, ?)`).run(now, now).lastInsertRowid);
deps.sqlite.prepare(`INSERT INTO memberships (user_id, topic_id, role, created_at) SELECT ?, id, 'member', ? FROM topics WHERE slug = 'closed'`).run(userId, now);
const { password } = createAppPassword(deps.sqlite, { id: userId, email: 'bench@example.org' }, { name: 'bench', scope: 'read' }, now);
// A third of the items read, so `xt=read` has work to do.
deps.sqlite.prepare(`INSERT INTO item_reads (user_id, item_id, read_at) SELECT ?, id, ? FROM items WHERE id % 3 = 0`).run(userId, now);

const app = createApp(deps);
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
const login = await fetch(`${base}/api/greader/accounts/ClientLogin`, { method: 'POST', body: new URLSearchParams({ Email: 'bench@example.org', Passwd: password }) });
const auth = /Auth=(.+)/.exec(await login.text())[1];
const headers = { authorization: `GoogleLogin auth=${auth}` };
const time = async (fn) => { const s = performance.now(); await fn(); return performance.now() - s; };

// Ids: walk the reading list 10,000 at a time, as NetNewsWire does on a first sync.
const idTimes = [];
const allIds = [];
let cont = null;
for (let r = 0; r < RUNS; r++) {
  idTimes.push(await time(async () => {
    const res = await fetch(`${base}/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=10000&output=json${cont ? `&c=${cont}` : ''}`, { headers });
    const body = await res.json();
    if (r < 20) allIds.push(...body.itemRefs.map((x) => x.id));
    cont = body.continuation ?? null;
  }));
}
const contentTimes = [];
for (let r = 0; r < RUNS; r++) {
  const ids = Array.from({ length: 1000 }, () => allIds[Math.floor(rand() * allIds.length)]);
  contentTimes.push(await time(async () => {
    const res = await fetch(`${base}/api/greader/reader/api/0/stream/items/contents`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(ids.map((i) => ['i', i])) });
    await res.json();
  }));
}
const apiKey = createHash('md5').update(`bench@example.org:${password}`).digest('hex');
const maxId = deps.sqlite.prepare(`SELECT max(id) FROM items`).pluck().get();
const feverTimes = [];
for (let r = 0; r < RUNS * 5; r++) {
  const since = Math.floor(rand() * maxId);
  feverTimes.push(await time(async () => {
    const res = await fetch(`${base}/api/fever?api&items&since_id=${since}`, { method: 'POST', body: new URLSearchParams({ api_key: apiKey }) });
    await res.json();
  }));
}

// Baseline: the same reads straight from SQLite (no rule, no JSON, no HTTP).
const bareIds = [];
for (let r = 0; r < RUNS; r++) bareIds.push(await time(() => deps.sqlite.prepare(`SELECT id FROM items WHERE id % 3 != 0 ORDER BY id DESC LIMIT 10000 OFFSET ?`).pluck().all((r % 5) * 10000)));
const bareContents = [];
for (let r = 0; r < RUNS; r++) {
  const ids = Array.from({ length: 1000 }, () => Number(allIds[Math.floor(rand() * allIds.length)]));
  bareContents.push(await time(() => deps.sqlite.prepare(`SELECT * FROM items WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids))));
}
const report = (label, xs, bare, target) => line(label, `p50 ${fmt(pct(xs, 50))}, p95 ${fmt(pct(xs, 95))} (target < ${target} ms)${bare ? `; bare SQLite p95 ${fmt(pct(bare, 95))}, ratio ${(pct(xs, 95) / pct(bare, 95)).toFixed(1)}x` : ''}`);
report('greader stream/items/ids n=10000', idTimes, bareIds, 200);
report('greader stream/items/contents, 1,000 ids', contentTimes, bareContents, 500);
report('fever items page (50, since_id)', feverTimes, null, 50);
server.close();
await deps.close();
rmSync(dir, { recursive: true, force: true });
