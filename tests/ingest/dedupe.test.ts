import { describe, expect, it } from 'vitest';
import { dedupeKey, guidsAreUnique, keyItems } from '../../src/ingest/dedupe.js';
import { withFingerprints, withoutFingerprints } from '../../src/text/fingerprint.js';
import { hammingDistance, simhash } from '../../src/text/simhash.js';
import type { NormalisedItem } from '../../src/model/item.js';

const base: NormalisedItem = {
  guid: null, url: null, canonicalUrl: null, title: null, author: null, published: null, summary: null,
  contentHtml: null, contentText: null, categories: [], enclosures: [], lang: null,
};

describe('item identity', () => {
  it.each([
    ['guid while guids are unique', { guid: 'abc', canonicalUrl: 'https://x.example/a' }, true, 'g:abc'],
    ['canonical URL when guids are not trusted', { guid: 'abc', canonicalUrl: 'https://x.example/a' }, false, 'u:https://x.example/a'],
    ['canonical URL without guid', { canonicalUrl: 'https://x.example/a' }, true, 'u:https://x.example/a'],
    ['guid when nothing else', { guid: 'abc' }, false, 'g:abc'],
  ])('%s', (_what, fields, useGuid, key) => {
    expect(dedupeKey({ ...base, ...fields }, useGuid)).toBe(key);
  });

  it('hashes title, date and content when there is neither guid nor link', () => {
    const a = dedupeKey({ ...base, title: 'Only a title' }, true);
    expect(a).toMatch(/^h:[0-9a-f]{40}$/);
    expect(dedupeKey({ ...base, title: 'Only a title' }, true)).toBe(a);
    expect(dedupeKey({ ...base, title: 'Another title' }, true)).not.toBe(a);
  });

  it('detects a feed reusing one guid for different entries, not for repeats of one entry', () => {
    const e = (title: string, url: string) => ({ ...base, guid: 'same', title, canonicalUrl: url });
    expect(guidsAreUnique([e('A', 'https://x/a'), e('A', 'https://x/a')])).toBe(true);
    expect(guidsAreUnique([e('A', 'https://x/a'), e('B', 'https://x/b')])).toBe(false);
  });

  it('drops repeats inside one fetch (first wins)', () => {
    const keyed = keyItems([{ ...base, guid: '1', title: 'first' }, { ...base, guid: '1', title: 'again' }, { ...base, guid: '2' }], true);
    expect(keyed.map((k) => [k.dedupeKey, k.title])).toEqual([['g:1', 'first'], ['g:2', null]]);
  });
});

describe('simhash', () => {
  const text = 'Heavy seasonal rains have caused rivers to burst their banks across the Sahel, displacing thousands of families and destroying crops, agencies said.';
  it('puts a re-posted story within a few bits and a different one far away', () => {
    const a = simhash('Floods displace thousands in the Sahel', text)!;
    const b = simhash('Floods displace thousands in the Sahel', `${text} (Updated)`)!;
    const c = simhash('Vaccination campaign reaches remote districts', 'Health workers travelled by boat and on foot to reach children in remote districts during the campaign against measles.')!;
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(3);
    expect(hammingDistance(a, c)).toBeGreaterThan(10);
  });
  it('gives nothing for too little text', () => {
    expect(simhash('Hi', null)).toBeNull();
  });
});

describe('fingerprints from the parse worker', () => {
  const item: NormalisedItem = { ...base, guid: 'x1', title: 'Floods displace thousands in the Sahel', contentText: 'Heavy rains across the region.', summary: 'Heavy rains.' };
  it('are what the store would compute, and are dropped when a field changes afterwards', () => {
    const [fp] = withFingerprints({ feed: { title: null, link: null, description: null, language: null }, items: [item] }).items;
    const [plain] = keyItems([item], true);
    expect(keyItems([fp!], true)[0]!.contentHash).toBe(plain!.contentHash);
    expect(fp!.simhash).toBe(simhash(item.title, item.contentText));
    // The source supplies a language: the hash follows the item's new content, not the worker's.
    const changed = withoutFingerprints({ ...fp!, lang: 'fr' });
    expect(keyItems([changed], true)[0]!.contentHash).toBe(keyItems([{ ...item, lang: 'fr' }], true)[0]!.contentHash);
    expect(keyItems([changed], true)[0]!.contentHash).not.toBe(plain!.contentHash);
  });
});
