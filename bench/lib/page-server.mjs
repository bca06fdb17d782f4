// The web app over ~23.6k generated items (FTS5 search), in a process of its own so the load generator does not
// share its event loop. usage: node bench/lib/page-server.mjs ITEMS → prints {"port": N} once listening on 127.0.0.1.
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist));
const { loadConfig } = await load('src/config/index.js');
const { makeDeps } = await load('src/deps.js');
const { silentLogger } = await load('src/lib/log.js');
const { createApp } = await load('src/http/app.js');

const N = Number(process.argv[2] ?? 23_600);
const SOURCES = 120;
const TOPICS = ['climat', 'energie', 'tech', 'sante', 'eau', 'migrations', 'alimentation', 'education'];
let seed = 11;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rand() * a.length)];
const syll = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'tra', 'ment', 'tion', 'ique'];
const vocab = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syll)).join(''));
const common = 'climat énergie solaire réseau transition carbone santé vaccin données modèle sécurité europe recherche'.split(' ');
const word = () => (rand() < 0.2 ? pick(common) : vocab[Math.floor(vocab.length * rand() ** 2)]);
const sentence = (n) => { const s = Array.from({ length: n }, word).join(' '); return s[0].toUpperCase() + s.slice(1) + '.'; };
const START = Date.parse('2026-05-01T00:00:00Z');
const SPAN = 200 * 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-pages-'));
const feeds = join(dir, 'feeds.yaml');
writeFileSync(
  feeds,
  `topics:\n${TOPICS.map((t) => `  - { slug: ${t}, name: ${t} }`).join('\n')}\nsources:\n` +
    Array.from({ length: SOURCES }, (_, i) => `  - { slug: src${i}, name: "Source ${i}", kind: feed, url: "http://127.0.0.1:9/${i}.xml", topics: [${TOPICS[i % TOPICS.length]}${i % 5 === 0 ? `, ${TOPICS[(i + 3) % TOPICS.length]}` : ''}] }`).join('\n') + '\n',
);
const deps = makeDeps(loadConfig({ VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: feeds, LOG_LEVEL: 'silent', SEARCH_BACKEND: 'fts5', VIGIE_PUBLIC_READ: 'true', VIGIE_WORKERS: 'false' }, dir), { log: silentLogger() });
const sourceIds = deps.sqlite.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
for (let done = 0; done < N; ) {
  const batch = [];
  const src = sourceIds[Math.floor(rand() * sourceIds.length)];
  for (let k = 0; k < 200 && done < N; k++, done++) {
    const published = START + Math.floor((done / N) * SPAN);
    // Some stories are reported by several sources (clusters): every 7th item repeats an earlier URL.
    const n = done % 7 === 6 ? done - 3 : done;
    batch.push({
      guid: `p${done}`, url: `https://example.org/p/${n}`, canonicalUrl: `https://example.org/p/${n}`, title: sentence(6 + Math.floor(rand() * 8)), author: null,
      published: new Date(published).toISOString(), summary: sentence(30 + Math.floor(rand() * 20)), contentHtml: `<p>${sentence(60)}</p>`, contentText: sentence(60),
      categories: [], enclosures: [], lang: rand() < 0.7 ? 'fr' : 'en', dedupeKey: `g:p${done}`, contentHash: `h${done}`,
    });
  }
  deps.store.store(src, batch, START + SPAN, true);
}
const app = createApp(deps);
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.stdout.write(`${JSON.stringify({ port: info.port })}\n`));
const stop = async () => {
  server.close();
  await deps.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
// Never outlive the benchmark.
setTimeout(stop, 10 * 60_000).unref();
