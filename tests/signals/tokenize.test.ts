import { describe, expect, it } from 'vitest';
import { normaliseWord, tokenize } from '../../src/signals/tokenize.js';

describe('tokenize', () => {
  it('drops English and French function words and calendar words', () => {
    const { words } = tokenize('The launch of the new model on Monday / Le lancement des modèles en janvier');
    expect(words).toEqual(expect.arrayContaining(['launch', 'model', 'lancement', 'modele']));
    for (const stop of ['the', 'of', 'on', 'monday', 'le', 'des', 'en', 'janvier']) expect(words).not.toContain(stop);
  });

  it('folds case, accents and simple plurals so variants count as one term', () => {
    expect(normaliseWord('Modèles')).toBe('modele');
    expect(normaliseWord('Libraries')).toBe('library');
    expect(normaliseWord('journaux')).toBe('journal');
    expect(normaliseWord('bureaux')).toBe('bureau');
    // Words that only look plural stay as they are.
    expect(normaliseWord('status')).toBe('status');
    expect(normaliseWord('analysis')).toBe('analysis');
    expect(tokenize('Élection présidentielle').terms).toEqual(tokenize('ELECTIONS presidentielles').terms);
  });

  it('builds 2-3 word phrases that do not cross punctuation or function words', () => {
    const { terms } = tokenize('AUTOMATIC1111/stable-diffusion-webui: Stable Diffusion web UI');
    expect(terms).toEqual(expect.arrayContaining(['stable diffusion', 'stable diffusion webui', 'diffusion web ui']));
    expect(terms).not.toContain('automatic1111 stable');
    const { terms: t2 } = tokenize('text to image generation');
    expect(t2).toContain('image generation');
    expect(t2).not.toContain('text image');
  });

  it('drops bare numbers but keeps words with digits', () => {
    const { terms } = tokenize('Top 10 web3 tools of 2023');
    expect(terms).toContain('web3');
    expect(terms).not.toContain('10');
    expect(terms).not.toContain('2023');
  });

  it('splits Chinese and Japanese text into character bigrams', () => {
    const { terms } = tokenize('BlankerL/DXY-2019-nCoV-Crawler: 2019新型冠状病毒疫情实时爬虫');
    expect(terms).toEqual(expect.arrayContaining(['ncov', '新型', '冠状', '病毒', '疫情', '爬虫']));
    expect(tokenize('武汉肺炎疫情实时省市地图').terms).toEqual(expect.arrayContaining(['武汉', '肺炎', '疫情']));
    expect(tokenize('新型コロナウイルス').terms).toEqual(expect.arrayContaining(['コロ', 'ロナ']));
    // Accents of Latin words are removed, but kana keep their voicing marks.
    expect(tokenize('ガイド').terms).toContain('ガイ');
  });

  it('returns each term once per item', () => {
    const { terms } = tokenize('rust rust rust: Rust in rust');
    expect(terms.filter((t) => t === 'rust')).toHaveLength(1);
  });
});
