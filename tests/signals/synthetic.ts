/** A deterministic synthetic stream: everyday chatter from many sources, plus what a test injects. */
import { isoDay } from '../../src/signals/day.js';
import type { RadarItem } from '../../src/signals/types.js';

const EVERYDAY = ['server', 'release', 'update', 'library', 'framework', 'database', 'security', 'cloud', 'mobile',
  'design', 'performance', 'testing', 'network', 'editor', 'browser', 'compiler', 'storage', 'monitoring',
  'deployment', 'interface', 'analytics', 'gateway', 'plugin', 'theme', 'parser', 'scheduler', 'cache', 'router'];

export const START = Date.UTC(2024, 0, 1) / 86_400_000; // 2024-01-01 as a day number

/** Day `n` of the stream (0 = 2024-01-01) as YYYY-MM-DD. */
export function dayIso(n: number): string {
  return isoDay(START + n);
}

/** `perDay` items a day for `days` days from `sources` sources, titles of three everyday words. */
export function background(days: number, perDay = 30, sources = 40): RadarItem[] {
  let seed = 42;
  const rand = (n: number): number => {
    // mulberry32: small, deterministic, well spread.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const items: RadarItem[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < perDay; i++) {
      const words = [0, 1, 2].map(() => EVERYDAY[rand(EVERYDAY.length)]!);
      items.push({ date: dayIso(d), title: `${words.join(' ')} notes`, source: `feed-${rand(sources)}`, url: `https://example.org/${d}/${i}` });
    }
  }
  return items;
}

/** Merges streams and sorts them by date, as the radar expects. */
export function sortByDate(...streams: RadarItem[][]): RadarItem[] {
  return streams.flat().sort((a, b) => a.date.localeCompare(b.date));
}

export function toJsonl(items: readonly RadarItem[]): string {
  return items.map((i) => JSON.stringify(i)).join('\n') + '\n';
}
