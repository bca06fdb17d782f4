#!/usr/bin/env node
// Radar benchmark: the synthetic worst case of the issue, 100k items a week from 2,000 sources with word-salad
// titles (8 words from a 30k-word vocabulary with a long tail, plus one never-seen token per item, so nearly every
// phrase is new), fed day by day through the engine the replay and the live radar use, asking for the day's
// suggestions after each day. Prints items/s, suggest time and peak memory. Bounded: BENCH_DAYS (default 70, i.e.
// past the 63-day retention, so memory is at its steady state), then stops. Uses the built dist/ code.
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/src/', import.meta.url);
const { createRadar } = await import(new URL('signals/radar.js', dist));
const { isoDay } = await import(new URL('signals/day.js', dist));

const DAYS = Number(process.env.BENCH_DAYS ?? 70);
const PER_WEEK = Number(process.env.BENCH_PER_WEEK ?? 100_000);
const SOURCES = 2000;
const VOCAB = 30_000;
const perDay = Math.round(PER_WEEK / 7);

let seed = 7;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (n) => {
  let w = '';
  do {
    w += letters[n % 26];
    n = Math.floor(n / 26);
  } while (n > 0);
  return `${w}ex`;
};
const vocab = Array.from({ length: VOCAB }, (_, i) => word(i + 700));
// Long tail: rank ~ r^2 spreads use over the whole vocabulary while a few words are everywhere.
const pick = () => vocab[Math.floor(rand() * rand() * VOCAB)];

const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
};
const sampler = setInterval(sample, 100);

const radar = createRadar();
const start = Date.UTC(2024, 0, 1) / 86_400_000;
let addMs = 0;
let suggestMs = 0;
let items = 0;
let suggestions = 0;
const weekly = [];
for (let d = 0; d < DAYS; d++) {
  const date = isoDay(start + d);
  const batch = [];
  for (let i = 0; i < perDay; i++) {
    const words = Array.from({ length: 8 }, pick);
    words.splice(Math.floor(rand() * 8), 0, `id${d}x${i}`);
    batch.push({ date: `${date}T${String(i % 24).padStart(2, '0')}:00:00Z`, title: words.join(' '), source: `source-${Math.floor(rand() * SOURCES)}`, url: `https://s${i}.example/${d}/${i}` });
  }
  const t0 = performance.now();
  for (const item of batch) radar.addItem(item);
  const t1 = performance.now();
  suggestions += radar.suggest(date, { top: 10 }).length;
  const t2 = performance.now();
  addMs += t1 - t0;
  suggestMs += t2 - t1;
  items += batch.length;
  sample();
  if (d % 7 === 6) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    weekly.push(`week ${(d + 1) / 7}: heap ${mb(m.heapUsed)} + buffers ${mb(m.arrayBuffers)}, terms ${radar.stats.terms.size} + ${radar.stats.singles.live} single-item`);
    console.log(weekly.at(-1));
  }
}
clearInterval(sampler);
globalThis.gc?.();
const end = process.memoryUsage();
console.log(`load: ${perDay} items/day (${PER_WEEK}/week) from ${SOURCES} sources, ${DAYS} days, ${items} items`);
console.log(`add items:  ${(items / (addMs / 1000)).toFixed(0)} items/s (${(addMs / DAYS / 1000).toFixed(2)} s/day, one core)`);
console.log(`suggest:    ${(suggestMs / DAYS / 1000).toFixed(2)} s/day on average; ${suggestions} suggestions over ${DAYS} days (word salad: expected ~0)`);
console.log(`terms with full state: ${radar.stats.terms.size}, single-item terms: ${radar.stats.singles.live}`);
console.log(`memory:     peak RSS ${mb(peakRss)}, peak heap+buffers ${mb(peakHeap)}; after GC at the end: heap ${mb(end.heapUsed)} + buffers ${mb(end.arrayBuffers)}`);

// ---- 2. live radar over SQLite: cold rebuild (what `vigie signals run` does) vs one more day incrementally ----
{
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { loadConfig } = await import(new URL('config/index.js', dist));
  const { makeDeps } = await import(new URL('deps.js', dist));
  const { silentLogger } = await import(new URL('lib/log.js', dist));
  const { createLiveRadar, runRadar } = await import(new URL('signals/live.js', dist));
  const PER_DAY = Number(process.env.BENCH_LIVE_PER_DAY ?? 2000);
  const LIVE_SOURCES = 400;
  const TOPICS = 4;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-radar-'));
  try {
    const yaml = ['topics:', ...Array.from({ length: TOPICS }, (_, t) => `  - { slug: t${t}, name: T${t} }`), 'sources:',
      ...Array.from({ length: LIVE_SOURCES }, (_, i) => `  - { slug: f${i}, kind: feed, url: "http://127.0.0.1:9/feed/${i}.xml", topic: t${i % TOPICS} }`)].join('\n');
    writeFileSync(join(dir, 'feeds.yaml'), yaml);
    const env = { VIGIE_DATA_DIR: join(dir, 'data'), FEEDS_FILE: join(dir, 'feeds.yaml'), SEARCH_BACKEND: 'fts5', LOG_LEVEL: 'silent' };
    let now = Date.UTC(2024, 2, 4, 23, 0, 0);
    const clock = { now: () => now };
    const deps = makeDeps(loadConfig(env, dir), { log: silentLogger(), clock });
    const ids = deps.sqlite.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all();
    const insert = deps.sqlite.prepare(`INSERT INTO items (source_id, dedupe_key, title, content_text, published_at, first_seen_at, updated_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'x')`);
    const addDay = (dayStart, d) => deps.sqlite.transaction(() => {
      for (let i = 0; i < PER_DAY; i++) {
        const words = Array.from({ length: 8 }, pick);
        const at = dayStart + (i % 20) * 3_600_000;
        insert.run(ids[Math.floor(rand() * ids.length)], `k${d}-${i}`, words.slice(0, 5).join(' '), words.join(' '), at, at, at);
      }
    })();
    const day0 = Math.floor(now / 86_400_000) - 62;
    for (let d = 0; d < 63; d++) addDay((day0 + d) * 86_400_000, d);
    const items = 63 * PER_DAY;
    let t0 = performance.now();
    const live = createLiveRadar();
    const cold = await runRadar(deps, live);
    const coldMs = performance.now() - t0;
    now += 86_400_000;
    addDay((day0 + 63) * 86_400_000, 63);
    t0 = performance.now();
    const warm = await runRadar(deps, live);
    const warmMs = performance.now() - t0;
    globalThis.gc?.();
    console.log(`live radar over SQLite (${LIVE_SOURCES} sources, ${TOPICS} topics, ${PER_DAY} items/day):`);
    console.log(`  cold run (rebuild: ${cold.fed} of ${items} items read, 63 days; network + per-topic engines): ${(coldMs / 1000).toFixed(1)} s, ${(cold.fed / (coldMs / 1000)).toFixed(0)} items/s`);
    console.log(`  next day, incremental (${warm.fed} new items): ${(warmMs / 1000).toFixed(1)} s; heap after GC ${mb(process.memoryUsage().heapUsed)} + buffers ${mb(process.memoryUsage().arrayBuffers)}`);
    await deps.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
