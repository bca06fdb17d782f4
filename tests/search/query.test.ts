import { describe, expect, it } from 'vitest';
import { ftsExcluded, ftsPositive, meiliQuery, parseQuery } from '../../src/search/query.js';

describe('parseQuery', () => {
  it.each([
    ['glacier', { terms: ['glacier'], phrases: [], excluded: [], prefixLast: true }],
    ['Glacier fonte ', { terms: ['glacier', 'fonte'], phrases: [], excluded: [], prefixLast: false }],
    ['"transition énergétique" solaire', { terms: ['solaire'], phrases: [['transition', 'énergétique']], excluded: [], prefixLast: true }],
    ['climat -charbon -"gaz naturel"', { terms: ['climat'], phrases: [], excluded: [['charbon'], ['gaz', 'naturel']], prefixLast: false }],
    ['"unbalanced quote', { terms: ['unbalanced', 'quote'], phrases: [], excluded: [], prefixLast: true }],
    ['NEAR(a b) title:x ^y z*', { terms: ['near', 'b', 'title', 'x', 'y', 'z'], phrases: [], excluded: [], prefixLast: true }],
    ['le glacier de la montagne', { terms: ['glacier', 'montagne'], phrases: [], excluded: [], prefixLast: true }],
    ['le la', { terms: ['le', 'la'], phrases: [], excluded: [], prefixLast: true }],
    ['- " -"', { terms: [], phrases: [], excluded: [], prefixLast: false }],
  ])('%j', (input, want) => {
    expect(parseQuery(input)).toEqual(want);
  });

  it('keeps at most 10 words, as Meilisearch does', () => {
    const q = parseQuery(Array.from({ length: 40 }, (_, i) => `mot${i}`).join(' '));
    expect(q.terms).toHaveLength(10);
    expect(q.prefixLast).toBe(false);
  });

  it('builds engine syntax with every token quoted', () => {
    const q = parseQuery('"a b" c -d -"e f" g');
    expect(ftsPositive(q)).toBe('"c" "g"* "a b"');
    expect(ftsExcluded(q)).toBe('"d" OR "e f"');
    expect(meiliQuery(q)).toBe('"a b" -d -"e f" c g');
    expect(meiliQuery(parseQuery('c g '))).toBe('c g ');
  });
});
