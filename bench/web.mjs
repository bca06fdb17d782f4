// Web benchmark (issue 6): 100k generated items stored through the real item store, then the stream page rendered
// by the real app (hono/jsx, SQLite) for an anonymous reader and for a signed-in member (read state, curation
// dialogs): p50/p95/p99 of the server render of a 50-item page (first page, a deep page, a topic filter, a search),
// and the stream's page weight (HTML + CSS + JS, without item images), raw and gzip. Uses the built dist/ code.
// BENCH_ITEMS=20000 node bench/web.mjs for a quicker run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist));
const { loadConfig } = await load('src/config/index.js');
const { makeDeps } = await load('src/deps.js');
const { silentLogger } = await load('src/lib/log.js');
const { createApp } = await load('src/http/app.js');
const { createSession } = await load('src/accounts/sessions.js');

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SOURCES = 40;
const TOPICS = ['climat', 'energie', 'tech', 'sante'];
const TARGET_MS = 50;
const TARGET_KB = 150;

let seed = 7;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rand() * a.length)];
const syll = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'tra', 'ment', 'tion', 'ique'];
const vocab = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syll)).join(''));
const common = 'climat énergie solaire réseau transition carbone santé vaccin données modèle sécurité europe recherche'.split(' ');
const word = () => (rand() < 0.25 ? pick(common) : vocab[Math.floor(vocab.length * rand() ** 2)]);
const sentence = (n) => { const s = Array.from({ length: n }, word).join(' '); return s[0].toUpperCase() + s.slice(1) + '.'; };
const START = Date.parse('2025-11-20T00:00:00Z');
const SPAN = 365 * 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-web-'));
const feeds = join(dir, 'feeds.yaml');
writeFileSync(
  feeds,
  `topics:\n${TOPICS.map((t) => `  - { slug: ${t}, name: ${t} }`).join('\n')}\nsources:\n` +
    Array.from({ length: SOURCES }, (_, i) => `  - { slug: src${i}, name: "Source ${i}", kind: feed, url: "http://127.0.0.1:9/${i}.xml", topic: ${TOPICS[i % TOPICS.length]} }`).join('\n') + '\n',
);
const config = loadConfig({ VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: feeds, LOG_LEVEL: 'silent', SEARCH_BACKEND: 'fts5', VIGIE_PUBLIC_READ: 'true' }, dir);
const deps = makeDeps(config, { log: silentLogger() });
const line = (label, value) => console.log(`${label.padEnd(52)} ${value}`);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

// ---- 1. 100k items through the real store ----
const sourceIds = deps.sqlite.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
let t0 = performance.now();
for (let done = 0; done < N; ) {
  const batch = [];
  const src = sourceIds[Math.floor(done / 500) % sourceIds.length];
  for (let k = 0; k < 500 && done < N; k++, done++) {
    const published = START + Math.floor((done / N) * SPAN);
    batch.push({
      guid: `w${done}`, url: `https://example.org/w/${done}`, canonicalUrl: `https://example.org/w/${done}`, title: sentence(6 + Math.floor(rand() * 8)), author: null,
      published: new Date(published).toISOString(), summary: sentence(30 + Math.floor(rand() * 20)), contentHtml: null, contentText: sentence(60),
      categories: [], enclosures: [], lang: rand() < 0.7 ? 'fr' : 'en', dedupeKey: `g:w${done}`, contentHash: `h${done}`,
    });
  }
  deps.store.store(src, batch, START + SPAN, true);
}
line(`stored ${N} items`, `${((performance.now() - t0) / 1000).toFixed(1)} s`);

// A signed-in member with some read items.
const now = Date.now();
const userId = Number(deps.sqlite.prepare(`INSERT INTO users (email, display_name, role, created_at, updated_at) VALUES ('bench@example.org', 'Bench', 'member', ?, ?)`).run(now, now).lastInsertRowid);
deps.sqlite.prepare(`INSERT INTO memberships (user_id, topic_id, role, created_at) VALUES (?, NULL, 'curator', ?)`).run(userId, now);
deps.sqlite.prepare(`INSERT INTO item_reads (user_id, item_id, read_at) SELECT ?, id, ? FROM items WHERE id % 3 = 0`).run(userId, now);
const cookie = `vigie_session=${createSession(deps.sqlite, userId, now).secret}`;

// ---- 2. server render of the stream page ----
const app = createApp(deps);
async function render(path, headers = {}) {
  const started = performance.now();
  const res = await app.request(path, { headers });
  const html = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return { ms, html };
}
const first = await render('/');
const items = (first.html.match(/data-item="/g) ?? []).length;
if (items !== 50) throw new Error(`expected 50 items on the stream page, got ${items}`);
const deep = first.html.match(/href="\/\?cursor=([^"]+)"/)?.[1];
// A cursor a few thousand items deep (keyset paging costs the same at any depth).
const middle = deps.sqlite.prepare(`SELECT published_at AS p, id FROM items ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET ?`).get(Math.floor(N / 2));
const deepCursor = Buffer.from(`${middle.p}.${middle.id}`).toString('base64url');

const cases = [
  ['first page, anonymous', '/', {}],
  ['first page, signed-in member (read state, dialogs)', '/', { cookie }],
  ['page at the middle of 100k (keyset cursor)', `/?cursor=${deepCursor}`, { cookie }],
  ['topic filter', '/?topic=climat', { cookie }],
  ['unread only', '/?unread=1', { cookie }],
  ['search (FTS5, relevance)', '/?q=climat+carbone', { cookie }],
];
console.log(`\nserver render of a 50-item stream page at ${N} items (${RUNS} runs each, after 20 warm-up runs):`);
let worstP50 = 0;
for (const [label, path, headers] of cases) {
  for (let i = 0; i < 20; i++) await render(path, headers);
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push((await render(path, headers)).ms);
  const p50 = pct(times, 50);
  if (!label.startsWith('search')) worstP50 = Math.max(worstP50, p50);
  line(`  ${label}`, `p50 ${p50.toFixed(1)} ms · p95 ${pct(times, 95).toFixed(1)} ms · p99 ${pct(times, 99).toFixed(1)} ms`);
}
line('target: stream render p50 under', `${TARGET_MS} ms → ${worstP50 < TARGET_MS ? 'met' : 'MISSED'} (worst p50 ${worstP50.toFixed(1)} ms)`);

// ---- 3. page weight (HTML + the one stylesheet + the one script; no item images) ----
const member = (await render('/', { cookie })).html;
const css = readFileSync(new URL('../web/static/app.css', import.meta.url));
const js = readFileSync(new URL('../web/static/app.js', import.meta.url));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log('\nstream page weight (50 items, without item images):');
for (const [label, body] of [['HTML (signed-in member)', Buffer.from(member)], ['HTML (anonymous)', Buffer.from(first.html)], ['app.css', css], ['app.js', js]]) {
  line(`  ${label}`, `${kb(body.length)} raw · ${kb(gzipSync(body).length)} gzip`);
}
const total = Buffer.byteLength(member) + css.length + js.length;
const totalGz = gzipSync(Buffer.from(member)).length + gzipSync(css).length + gzipSync(js).length;
line('  total', `${kb(total)} raw · ${kb(totalGz)} gzip`);
line('target: page weight under', `${TARGET_KB} KB → ${total < TARGET_KB * 1024 ? 'met' : 'MISSED'} (uncompressed)`);
void deep;

await deps.close();
rmSync(dir, { recursive: true, force: true });
