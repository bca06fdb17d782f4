import { describe, expect, it } from 'vitest';
import { createRadar } from '../../src/signals/radar.js';
import type { RadarItem } from '../../src/signals/types.js';
import { background, dayIso, sortByDate } from './synthetic.js';

function feed(items: readonly RadarItem[]) {
  const radar = createRadar();
  for (const item of items) radar.addItem(item);
  return radar;
}

const TOWNS = ['Arles', 'Bergen', 'Cork', 'Dijon', 'Essen', 'Faro', 'Genk', 'Hull', 'Ieper', 'Jena', 'Kiel', 'Lund'];

/**
 * `n` items about a new topic over the days `day - spread + 1` … `day` (each desk writing its own
 * headline), from sources `source-0` … `source-(n-1)`.
 */
function emerging(day: number, n: number, source = (i: number) => `newsroom-${i}`, spread = 1): RadarItem[] {
  return Array.from({ length: n }, (_, i) => ({
    date: dayIso(day - (i % spread)),
    title: `Quantum tomato harvest ${i % 2 ? 'spreads to new farms' : 'reported by growers'} in ${TOWNS[i % TOWNS.length]}`,
    source: source(i),
    url: `https://news.example/${day}/${i}`,
  }));
}

describe('radar', () => {
  it('suggests a term that appears in several independent sources, with its evidence', () => {
    // Two newsrooms a day take it up on days 65-68, then one more on 69.
    const items = sortByDate(background(70), emerging(68, 8, undefined, 4), emerging(69, 1, (i) => `newsroom-${i + 8}`));
    const [top] = feed(items).suggest(dayIso(69));
    expect(top).toBeDefined();
    expect(top!.terms.join(' ')).toMatch(/quantum tomato|tomato harvest/);
    expect(top!.label).toMatch(/tomato|quantum|harvest/);
    expect(top!.terms.length).toBeLessThanOrEqual(5);
    expect(top!.sources).toBe(9);
    // Sparkline: 28 days ending on the suggestion day, zero before the topic appeared.
    expect(top!.counts).toHaveLength(28);
    expect(top!.counts.slice(-5)).toEqual([2, 2, 2, 2, 1]);
    expect(top!.counts.slice(0, 23).every((n) => n === 0)).toBe(true);
    // newsroom-8 wrote newsroom-0's headline word for word: one headline, one item.
    expect(top!.items).toBe(8);
    expect(top!.expectedItems).toBeLessThan(1);
    expect(top!.firstSeen).toMatchObject({ date: dayIso(65), source: 'newsroom-3' });
    expect(top!.examples).toHaveLength(5);
    expect(new Set(top!.examples.map((e) => e.source)).size).toBe(5);
    expect(top!.examples.every((e) => e.url?.startsWith('https://news.example/'))).toBe(true);
    expect(top!.carriers).toHaveLength(9);
    expect(top!.why).toMatch(/8 items from 9 sources in the last 7 days, 9 of them new to it/);
  });

  it('sees a surge among the usual sources: the same desks, many more items on a word they always used', () => {
    // Ten desks mention "reservoir" now and then; in the last days they all write about it, several times a day.
    const desks = (i: number) => `desk-${i}`;
    const usual: RadarItem[] = [];
    for (let d = 0; d < 66; d += 3) usual.push({ date: dayIso(d), title: `Reservoir level report number ${d}`, source: desks(d % 10) });
    const surge: RadarItem[] = [];
    for (let d = 66; d < 70; d++) for (let i = 0; i < 10; i++) for (const what of ['breach feared', 'evacuation ordered']) {
      surge.push({ date: dayIso(d), title: `Reservoir ${what} at ${TOWNS[i]} day ${d}`, source: desks(i) });
    }
    const radar = feed(sortByDate(background(70), usual, surge));
    const top = radar.suggest(dayIso(69)).find((s) => /reservoir/.test(s.terms.join(' ')));
    expect(top).toBeDefined();
    expect(top!.sources).toBe(10);
  });

  it('counts one headline that many sources post word for word (a template page) once', () => {
    const template = Array.from({ length: 12 }, (_, i) => ({ date: dayIso(66 + (i % 4)), title: 'Welcome to my new official website', source: `member-${i}` }));
    const radar = feed(sortByDate(background(70), template));
    expect(radar.suggest(dayIso(69)).some((s) => /official website|welcome/.test(s.terms.join(' ')))).toBe(false);
  });

  it('does not take a source re-posting its own headline day after day for a spreading topic', () => {
    const reposts: RadarItem[] = [];
    for (let d = 60; d < 70; d++) for (let i = 0; i < 3; i++) reposts.push({ date: dayIso(d), title: `Zeppelin museum opening hours ${i}`, source: `museum-${i}` });
    const radar = feed(sortByDate(background(70), reposts));
    const s = radar.suggest(dayIso(69)).find((x) => /zeppelin/.test(x.terms.join(' ')));
    expect(s?.items ?? 0).toBeLessThanOrEqual(3);
  });

  it('does not suggest again, a year later, a topic that came back at the same level (a season, not news)', () => {
    const wave = (start: number, prefix: string) => emerging(start + 3, 8, (i) => `${prefix}-${i}`, 4);
    const radar = createRadar();
    const items = sortByDate(background(440, 8, 40), wave(60, 'a'), wave(425, 'b'));
    let first = false;
    let again = false;
    let day = -1;
    for (const item of items) {
      const d = Math.round((Date.parse(item.date) / 86_400_000) - Date.parse(`${dayIso(0)}T00:00:00Z`) / 86_400_000);
      while (day < d - 1) {
        day++;
        const hit = radar.suggest(dayIso(day)).some((s) => /tomato/.test(s.terms.join(' ')));
        if (hit && day < 100) first = true;
        if (hit && day > 400) again = true;
      }
      radar.addItem(item);
    }
    expect(first).toBe(true);
    expect(again).toBe(false);
  });

  it('merges the words and phrases of one topic into a single suggestion', () => {
    const items = sortByDate(background(70), emerging(68, 8, undefined, 4));
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
    const sameOwner = emerging(67, 8, (i) => `https://code.example/acme/repo-${i}`, 4);
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
    const radar = feed(sortByDate(background(70), emerging(68, 8, undefined, 4)));
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
