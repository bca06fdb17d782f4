import { describe, expect, it } from 'vitest';
import { eachSpan } from '../../src/signals/spans.js';
import { addTerms, createTermStats, pruneStats } from '../../src/signals/stats.js';
import type { TermStats } from '../../src/signals/stats.js';
import { START } from './synthetic.js';

const add = (stats: TermStats, day: number, source: string, terms: string[], title = terms.join(' ')) =>
  addTerms(stats, { title, source, day: START + day, date: `day-${day}` }, terms);

function sourcesOf(stats: TermStats, term: string): { source: string; first: number; last: number }[] {
  const out: { source: string; first: number; last: number }[] = [];
  const state = stats.terms.get(term);
  if (state) eachSpan(state.spans, (id, first, last) => out.push({ source: stats.sourceNames[id]!, first: first - START, last: last - START }));
  return out;
}

describe('compact term statistics', () => {
  it('keeps a term one item carried out of the term map until a second item carries it, then counts both', () => {
    const stats = createTermStats(63, 7);
    add(stats, 0, 'feed-a', ['tomato', 'tomato harvest'], 'Tomato harvest begins');
    expect(stats.terms.has('tomato')).toBe(false);
    expect(stats.singles.live).toBe(2);
    add(stats, 2, 'feed-b', ['tomato']);
    expect(sourcesOf(stats, 'tomato')).toEqual([{ source: 'feed-a', first: 0, last: 0 }, { source: 'feed-b', first: 2, last: 2 }]);
    expect(stats.terms.get('tomato')!.first.title).toBe('Tomato harvest begins');
    expect(stats.singles.live).toBe(1);
  });

  it('forgets phrases one item used once they leave the window, so memory follows the vocabulary, not the traffic', () => {
    const stats = createTermStats(63, 7);
    for (let d = 0; d < 40; d++) {
      for (let i = 0; i < 50; i++) add(stats, d, `feed-${i}`, [`unique${d}x${i} phrase${d}x${i}`, 'everyday']);
      pruneStats(stats, START + d);
    }
    // Seven days of one-off phrases at most, plus the one shared word.
    expect(stats.singles.live).toBeLessThanOrEqual(7 * 50);
    expect([...stats.terms.keys()]).toEqual(['everyday']);
    expect(stats.items.size).toBeLessThanOrEqual(7 * 50);
  });

  it("keeps a word's lone early use as baseline after its item is gone, so a later uptake is not all new", () => {
    const stats = createTermStats(63, 7);
    add(stats, 0, 'feed-a', ['lichen']);
    for (let d = 1; d <= 30; d++) pruneStats(stats, START + d);
    expect(stats.items.size).toBe(0);
    add(stats, 30, 'feed-b', ['lichen']);
    expect(sourcesOf(stats, 'lichen')).toEqual([{ source: 'feed-a', first: 0, last: 0 }, { source: 'feed-b', first: 30, last: 30 }]);
    expect(stats.terms.get('lichen')!.first).toMatchObject({ source: 'feed-a', day: START });
  });
});
