import { describe, expect, it } from 'vitest';
import { createRadar } from '../../src/signals/radar.js';
import type { RadarItem } from '../../src/signals/types.js';
import { background, dayIso, sortByDate } from './synthetic.js';

function feed(items: readonly RadarItem[]) {
  const radar = createRadar();
  for (const item of items) radar.addItem(item);
  return radar;
}

/** `n` items about a new topic on day `day`, from sources `source-0` … `source-(n-1)`. */
function emerging(day: number, n: number, source = (i: number) => `newsroom-${i}`): RadarItem[] {
  return Array.from({ length: n }, (_, i) => ({
    date: dayIso(day),
    title: `Quantum tomato harvest ${i % 2 ? 'spreads to new farms' : 'reported by growers'}`,
    source: source(i),
    url: `https://news.example/${day}/${i}`,
  }));
}

describe('radar', () => {
  it('suggests a term that appears in several independent sources, with its evidence', () => {
    const items = sortByDate(background(70), emerging(66, 3), emerging(68, 4, (i) => `newsroom-${i + 3}`));
    const [top] = feed(items).suggest(dayIso(69));
    expect(top).toBeDefined();
    expect(top!.terms.join(' ')).toMatch(/quantum tomato|tomato harvest/);
    expect(top!.terms.length).toBeLessThanOrEqual(5);
    expect(top!.sources).toBe(7);
    // Sparkline: 28 days ending on the suggestion day, zero before the topic appeared.
    expect(top!.counts).toHaveLength(28);
    expect(top!.counts.slice(-4)).toEqual([3, 0, 4, 0]);
    expect(top!.counts.slice(0, 24).every((n) => n === 0)).toBe(true);
    expect(top!.firstSeen).toMatchObject({ date: dayIso(66), source: 'newsroom-0' });
    expect(top!.examples).toHaveLength(3);
    expect(new Set(top!.examples.map((e) => e.source)).size).toBe(3);
    expect(top!.carriers).toHaveLength(7);
  });

  it('merges the words and phrases of one topic into a single suggestion', () => {
    const items = sortByDate(background(70), emerging(67, 6));
    const suggestions = feed(items).suggest(dayIso(68));
    const aboutTomatoes = suggestions.filter((s) => s.terms.some((t) => /tomato|quantum|harvest/.test(t)));
    expect(aboutTomatoes).toHaveLength(1);
  });

  it('does not let one noisy source make a signal, however often it repeats', () => {
    const noisy = emerging(66, 60, () => 'spammy-feed');
    const radar = feed(sortByDate(background(70), noisy));
    expect(radar.suggest(dayIso(69))).toEqual([]);
  });

  it('counts several addresses of one publisher once when told how to group them', () => {
    const sameOwner = emerging(66, 6, (i) => `https://code.example/acme/repo-${i}`);
    const grouped = createRadar({ voiceOf: (s) => s.replace(/\/[^/]+$/, '') });
    const separate = createRadar();
    for (const item of sortByDate(background(70), sameOwner)) {
      grouped.addItem(item);
      separate.addItem(item);
    }
    expect(separate.suggest(dayIso(67)).length).toBeGreaterThan(0);
    expect(grouped.suggest(dayIso(67))).toEqual([]);
  });

  it('does not suggest the everyday vocabulary of the stream', () => {
    expect(feed(background(90)).suggest(dayIso(89))).toEqual([]);
  });

  it('stays quiet at the start of a stream, when there is no baseline to compare with', () => {
    expect(feed(sortByDate(background(3), emerging(2, 6))).suggest(dayIso(2))).toEqual([]);
  });

  it('skips topics a curator muted or dismissed', () => {
    const radar = feed(sortByDate(background(70), emerging(67, 6)));
    const before = radar.suggest(dayIso(68));
    expect(before.length).toBeGreaterThan(0);
    const muted = new Set([before[0]!.terms[0]!]);
    expect(radar.suggest(dayIso(68), { exclude: muted }).map((s) => s.label)).not.toContain(before[0]!.label);
  });

  it('keeps its state bounded: terms unused for longer than the retention period are forgotten', () => {
    const radar = feed(sortByDate(emerging(0, 5), background(100)));
    expect(radar.stats.terms.has('tomato')).toBe(true);
    radar.advance(dayIso(99));
    expect(radar.stats.terms.has('tomato')).toBe(false);
  });

  it('ignores items whose date cannot be read', () => {
    const radar = createRadar();
    expect(radar.addItem({ date: 'yesterday', title: 'x', source: 's' })).toBe(false);
    expect(radar.addItem({ date: '2024-03-01T10:00:00Z', title: 'x', source: 's' })).toBe(true);
  });
});
