/**
 * French and English function words. Meilisearch ignores them in queries (its `stopWords` setting); the FTS5
 * backend drops them from queries too, so both answer the same. Lower-case; accents kept and also stripped.
 */
const english = `a an and are as at be but by for from has have in into is it its of on or that the their this
to was were will with`;

const french = `au aux avec ce ces dans de des du elle en est et il ils la le les leur lui mais ne nous on ou
par pas pour qu que qui sa se ses son sur un une vous d l`;

const words = new Set(`${english} ${french}`.split(/\s+/).filter(Boolean));

export const STOP_WORDS: readonly string[] = [...words];

export function isStopWord(word: string): boolean {
  return words.has(word) || words.has(word.normalize('NFD').replace(/\p{M}/gu, ''));
}

/** Synonyms given to Meilisearch. Kept few and symmetric; FTS5 has none (the contract suite says so). */
export const SYNONYMS: Readonly<Record<string, string[]>> = {
  ia: ['intelligence artificielle'],
  'intelligence artificielle': ['ia'],
  'artificial intelligence': ['ai'],
  covid: ['covid-19', 'sars-cov-2'],
};
