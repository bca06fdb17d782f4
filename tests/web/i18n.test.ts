import { describe, expect, it } from 'vitest';
import { loadCatalogues, negotiateLocale, translator } from '../../web/i18n/index.js';

describe('catalogues', () => {
  it('French and English have exactly the same keys, none empty', () => {
    const { fr, en } = loadCatalogues();
    expect(Object.keys(fr).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in fr))).toEqual([]);
    for (const cat of [fr, en]) expect(Object.entries(cat).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const { fr, en } = loadCatalogues();
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr)) expect(vars(en[key]!), key).toEqual(vars(fr[key]!));
  });

  it('formats numbers per locale', () => {
    expect(translator('fr')('stream.count', { count: 12345 })).toBe('12 345 éléments'.replace(' ', '\u202f'));
    expect(translator('en')('stream.count', { count: 12345 })).toBe('12,345 items');
  });

  it.each([
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['de-DE,fr;q=0.5,en;q=0.4', 'fr'],
    ['de, it', null],
    ['fr;q=0, en', 'en'],
    [undefined, null],
  ])('Accept-Language %s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
