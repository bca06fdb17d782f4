// Digest benchmark (issue 7): 100k items over 30 days in 5 topics (clusters, tags, approvals and confirmed weak
// signals of the last day), 10,000 members with a daily digest each (topics, tags, weak signals; fr/en; four time
// zones). Times the build of every digest (selection, never-repeat bookkeeping, issues written) and the rendering
// of every e-mail (HTML inlined by juice + plain text), and reports peak memory. Goal: under 60 s in total.
// Uses the built dist/ code. BENCH_SUBS=2000 BENCH_ITEMS=20000 node bench/digest.mjs for a quicker run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist));
const { loadConfig } = await load('src/config/index.js');
const { makeDeps } = await load('src/deps.js');
const { silentLogger } = await load('src/lib/log.js');
const { runDigests } = await load('src/digest/run.js');
const { digestModel } = await load('src/digest/issues.js');
const { digestLinks } = await load('src/digest/model.js');
const { renderDigestEmail } = await load('src/digest/render.js');
const { getSubscription } = await load('src/digest/subscriptions.js');

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const SUBS = Number(process.env.BENCH_SUBS ?? 10_000);
const TOPICS = ['climat', 'energie', 'tech', 'sante', 'interne'];
const SOURCES = 50;
const TAGS = Array.from({ length: 20 }, (_, i) => `tag-${i}`);
const ZONES = ['Europe/Paris', 'America/Montreal', 'Asia/Tokyo', 'UTC'];
const DAY = 86_400_000;
const NOW = Date.now();

let seed = 7;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rand() * a.length)];
const words = 'climat énergie solaire batterie réseau carbone vaccin hôpital données modèle puce sécurité europe recherche transition budget vote rapport étude alerte'.split(' ');
const title = () => Array.from({ length: 5 + Math.floor(rand() * 6) }, () => pick(words)).join(' ');

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 50);
const line = (label, value) => console.log(`${label.padEnd(46)} ${value}`);

const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-digest-'));
const feeds = join(dir, 'feeds.yaml');
writeFileSync(
  feeds,
  `topics:\n${TOPICS.map((t) => `  - { slug: ${t}, name: ${t}, public: ${t !== 'interne'} }`).join('\n')}\nsources:\n` +
    Array.from({ length: SOURCES }, (_, i) => `  - { slug: src${i}, kind: feed, url: "http://127.0.0.1:9/${i}.xml", topic: ${TOPICS[i % TOPICS.length]} }`).join('\n') + '\n',
);
const config = loadConfig({ VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: feeds, LOG_LEVEL: 'silent', SEARCH_BACKEND: 'fts5', PUBLIC_URL: 'https://vigie.bench' }, dir);
const deps = makeDeps(config, { log: silentLogger(), clock: { now: () => NOW } });
const db = deps.sqlite;

// ---- data ----
let t = performance.now();
const sourceIds = db.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
const topicIds = Object.fromEntries(db.prepare(`SELECT slug, id FROM topics`).all().map((r) => [r.slug, r.id]));
const curator = Number(db.prepare(`INSERT INTO users (email, display_name, role, created_at, updated_at) VALUES ('curator@bench', 'Curator', 'admin', ?, ?)`).run(NOW, NOW).lastInsertRowid);
const insItem = db.prepare(`INSERT INTO items (source_id, dedupe_key, url, title, summary, content_text, published_at, first_seen_at, updated_at, content_hash, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const itemIds = [];
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const published = NOW - Math.floor(rand() ** 1.5 * 30 * DAY);
    const tt = title();
    const id = Number(insItem.run(sourceIds[i % SOURCES], `g:${i}`, `https://news${i % SOURCES}.example/${i}`, tt, `${tt}. ${title()}.`, `${tt}. ${title()}. ${title()}.`, published, published, published, `h${i}`, null).lastInsertRowid);
    itemIds.push({ id, published });
  }
})();
// Stories: groups of 2-6 items sharing a cluster (recent items are reported by several sources).
const setCluster = db.prepare(`UPDATE items SET cluster_id = ? WHERE id = ?`);
db.transaction(() => {
  for (let i = 0; i < N; i += 20) {
    const size = 2 + Math.floor(rand() * 5);
    for (let k = 0; k < size && i + k < N; k++) setCluster.run(itemIds[i].id, itemIds[i + k].id);
  }
})();
const recent = itemIds.filter((x) => x.published > NOW - DAY).map((x) => x.id);
const approve = db.prepare(`INSERT OR IGNORE INTO approvals (item_id, topic_id, note, author_id, created_at) VALUES (?, NULL, ?, ?, ?)`);
const tagIds = [];
db.transaction(() => {
  for (let i = 0; i < 2_000; i++) approve.run(pick(recent), rand() < 0.5 ? `Note: ${title()}` : null, curator, NOW - Math.floor(rand() * DAY));
  for (const name of TAGS) tagIds.push(Number(db.prepare(`INSERT INTO tags (topic_id, name, controlled, created_at) VALUES (?, ?, 1, ?)`).run(topicIds[pick(TOPICS)], name, NOW).lastInsertRowid));
  const tagItem = db.prepare(`INSERT OR IGNORE INTO item_tags (item_id, tag_id, author_id, created_at) VALUES (?, ?, ?, ?)`);
  for (let i = 0; i < 4_000; i++) tagItem.run(pick(recent), pick(tagIds), curator, NOW - Math.floor(rand() * DAY));
  const flag = db.prepare(`INSERT INTO flags (topic_id, strength, rationale, status, status_at, public, created_at, updated_at) VALUES (?, ?, ?, 'confirmed', ?, 1, ?, ?)`);
  const flagItem = db.prepare(`INSERT OR IGNORE INTO flag_items (flag_id, item_id) VALUES (?, ?)`);
  for (let i = 0; i < 300; i++) {
    const at = NOW - Math.floor(rand() * DAY);
    const f = Number(flag.run(topicIds[pick(TOPICS)], 1 + Math.floor(rand() * 3), title(), at, at, at).lastInsertRowid);
    flagItem.run(f, pick(recent));
  }
})();
// Members and their daily digests.
const insUser = db.prepare(`INSERT INTO users (email, display_name, role, created_at, updated_at) VALUES (?, ?, 'member', ?, ?)`);
const insMember = db.prepare(`INSERT INTO memberships (user_id, topic_id, role, created_at) VALUES (?, ?, 'member', ?)`);
const insSub = db.prepare(
  `INSERT INTO digest_subscriptions (user_id, kind, topic_id, tag_name, label, frequency, day, hour, time_zone, lang, token, next_due_at, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, 'daily', 1, 8, ?, ?, ?, ?, ?, ?)`,
);
db.transaction(() => {
  for (let i = 0; i < SUBS; i++) {
    const u = Number(insUser.run(`m${i}@bench.example`, `Member ${i}`, NOW, NOW).lastInsertRowid);
    const r = rand();
    const kind = r < 0.65 ? 'topic' : r < 0.85 ? 'tag' : 'signals';
    const topic = kind === 'topic' ? pick(TOPICS) : null;
    if (topic === 'interne' || rand() < 0.1) insMember.run(u, topicIds.interne, NOW);
    const tag = kind === 'tag' ? pick(TAGS) : null;
    insSub.run(u, kind, topic ? topicIds[topic] : null, tag, topic ?? tag ?? 'signals', pick(ZONES), i % 2 ? 'en' : 'fr', `tok${i}`, NOW, NOW - DAY, NOW - DAY);
  }
})();
line('data set', `${N} items, ${recent.length} in the last day, ${SUBS} subscriptions (${((performance.now() - t) / 1000).toFixed(1)} s to generate)`);

// ---- build ----
sample();
const started = performance.now();
const report = await runDigests(deps, { now: true, transport: null });
const buildMs = performance.now() - started;
sample();
line('build (select + write issues), all due', `${(buildMs / 1000).toFixed(2)} s — ${report.built} digests built, ${report.empty} empty`);

// ---- render ----
t = performance.now();
const issues = db.prepare(`SELECT id, subscription_id AS subscriptionId, period_start AS periodStart, period_end AS periodEnd, entries FROM digest_issues`).all();
const inlined = new Map();
let bytes = 0;
let items = 0;
for (const issue of issues) {
  const sub = getSubscription(db, issue.subscriptionId);
  const model = digestModel(db, sub, { ...issue, entries: JSON.parse(issue.entries) }, config.publicUrl);
  const mail = renderDigestEmail(model, digestLinks(config.publicUrl, sub, issue.id), inlined);
  bytes += mail.html.length + mail.text.length;
  items += model.total;
}
const renderMs = performance.now() - t;
sample();
clearInterval(sampler);
const total = buildMs + renderMs;
line('render (HTML inlined + text), every e-mail', `${(renderMs / 1000).toFixed(2)} s — ${(renderMs / Math.max(1, issues.length)).toFixed(2)} ms per e-mail, ${(bytes / Math.max(1, issues.length) / 1024).toFixed(1)} KiB average`);
line('items per digest (average)', (items / Math.max(1, issues.length)).toFixed(1));
line('total build + render', `${(total / 1000).toFixed(2)} s (goal < 60 s) ${total < 60_000 ? 'OK' : 'OVER'}`);
line('peak memory (RSS)', `${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MiB`);
await deps.close();
rmSync(dir, { recursive: true, force: true });
process.exit(total < 60_000 ? 0 : 1);
