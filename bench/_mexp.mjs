import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dist = new URL('../dist/', import.meta.url);
const { findMeiliBinary, startManagedMeili } = await import(new URL('src/search/managed.js', dist));
const { INDEX_SETTINGS } = await import(new URL('src/search/meili-index.js', dist));
const { silentLogger } = await import(new URL('src/lib/log.js', dist));
const { Meilisearch } = await import('meilisearch');
let seed = 42;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rand() * a.length)];
const syll = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'tra', 'pli', 'gro', 'ment', 'tion', 'eur', 'ique', 'able', 'ette'];
const vocab = Array.from({ length: 6000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syll)).join(''));
const common = 'climat énergie solaire éolien hydrogène batterie glacier banquise charbon pétrole gaz réseau électricité transition carbone émissions santé vaccin hôpital données'.split(' ');
const stop = 'le la les de des du et en un une à pour sur the of and to in a for on with'.split(' ');
const word = () => (rand() < 0.35 ? pick(stop) : rand() < 0.03 ? pick(common) : vocab[Math.floor(vocab.length * rand() ** 2.2)]);
const words = (n) => Array.from({ length: n }, word).join(' ');
const dir = mkdtempSync(join(tmpdir(), 'vigie-mexp-'));
const bin = findMeiliBinary();
const m = await startManagedMeili({ binary: bin.path, version: bin.version, dataDir: dir, log: silentLogger() });
const c = new Meilisearch({ host: m.url, apiKey: m.key, timeout: 600000 });
await c.createIndex('x', { primaryKey: 'id' }).waitTask();
await c.index('x').updateSettings(INDEX_SETTINGS).waitTask();
const N = 100000; const tasks = [];
for (let b = 0; b < N; b += 2000) {
  const docs = Array.from({ length: 2000 }, (_, k) => ({ id: b + k, title: words(9), summary: words(30), body: words(300), author: null, categories: [], url: 'u', source: `src${(b + k) % 50}`, sourceName: 'n', topics: [`t${(b + k) % 5}`], public: true, lang: (b + k) % 3 ? 'fr' : 'en', publishedAt: b + k, tags: [], signal: null, approved: false }));
  tasks.push((await c.index('x').addDocuments(docs)).taskUid);
}
for (const t of tasks) await c.tasks.waitForTask(t, { timeout: 1e7, interval: 200 });
const qs = Array.from({ length: 200 }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.5 ? pick(common) : vocab[Math.floor(vocab.length * rand() ** 2)])).join(' '));
const MARK = '\u0002', END = '\u0003';
const variants = {
  full: { facets: ['topics', 'source', 'lang', 'tags'], attributesToHighlight: ['title', 'summary', 'body'], attributesToCrop: ['body', 'summary'], cropLength: 24, highlightPreTag: MARK, highlightPostTag: END, matchingStrategy: 'all', filter: ['public = true'] },
  nofacets: { attributesToHighlight: ['title', 'summary', 'body'], attributesToCrop: ['body', 'summary'], cropLength: 24, matchingStrategy: 'all', filter: ['public = true'] },
  nocrop: { facets: ['topics', 'source', 'lang', 'tags'], matchingStrategy: 'all', filter: ['public = true'] },
  bare: { matchingStrategy: 'all' },
};
for (const [name, p] of Object.entries(variants)) {
  const eng = [], rt = [];
  for (const q of qs) { const t = performance.now(); const r = await c.index('x').search(q, { ...p, limit: 20 }); rt.push(performance.now() - t); eng.push(r.processingTimeMs); }
  const pct = (xs, k) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * k)];
  console.log(name.padEnd(10), 'engine p50/p95', pct(eng, 0.5), pct(eng, 0.95), 'roundtrip p50/p95', pct(rt, 0.5).toFixed(1), pct(rt, 0.95).toFixed(1));
}
await m.stop(); rmSync(dir, { recursive: true, force: true });
