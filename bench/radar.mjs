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
