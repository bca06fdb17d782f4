import { STOP_WORDS } from './stopwords.js';

/**
 * Turns a title (and optional text) into the distinct terms the radar counts: content words,
 * 2-3 word phrases, and character bigrams for scripts written without spaces (Chinese,
 * Japanese), the usual indexing unit for them. Words are lower-cased, unaccented (Latin script
 * only) and lightly singularised so "Modèles" and "modele" count as one term.
 */
export type Tokenized = { words: string[]; terms: string[] };

const CLAUSE_BREAK = /[.,;:!?()[\]{}<>"«»“”‘’|/\\—–…·•、。，；：！？（）【】「」『』《》\n\r\t]+|\s[-–]\s/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/u;
const CJK_SPLIT = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+)/u;
const SEGMENTED_SCRIPT = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const LATIN_ONLY = /^[\p{Script=Latin}\p{N}\p{M}]+$/u;
const DIGITS_ONLY = /^\p{N}+$/u;

/** Lower case, accents removed from Latin words, simple English/French plurals folded. */
export function normaliseWord(raw: string): string {
  let w = raw.toLowerCase();
  if (LATIN_ONLY.test(w)) w = w.normalize('NFD').replace(/\p{M}+/gu, '');
  else return w.normalize('NFC');
  return singular(w);
}

function singular(w: string): string {
  if (w.length <= 3 || STOP_WORDS.has(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('eaux')) return w.slice(0, -1);
  if (w.endsWith('aux') && w.length > 5) return `${w.slice(0, -3)}al`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(?:ss|us|is|os|as)$/.test(w)) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

function isContent(w: string): boolean {
  return w.length >= 2 && !DIGITS_ONLY.test(w) && !STOP_WORDS.has(w);
}

function cjkBigrams(run: string, out: Set<string>): void {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
}

function segmentWords(text: string): string[] {
  const seg = new Intl.Segmenter(undefined, { granularity: 'word' });
  return [...seg.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** Words of one clause, in order; CJK runs go straight to `cjk` as bigrams and break phrases. */
function clauseWords(clause: string, cjk: Set<string>): string[][] {
  const phrases: string[][] = [[]];
  const push = (w: string | null): void => {
    if (w === null) {
      if (phrases[phrases.length - 1]!.length) phrases.push([]);
      return;
    }
    phrases[phrases.length - 1]!.push(w);
  };
  for (const m of clause.matchAll(WORD)) {
    for (const part of m[0].split(CJK_SPLIT)) {
      if (!part) continue;
      if (CJK.test(part)) {
        cjkBigrams(part, cjk);
        push(null);
        continue;
      }
      const pieces = SEGMENTED_SCRIPT.test(part) ? segmentWords(part) : [part];
      for (const piece of pieces) {
        const w = normaliseWord(piece);
        // A bare number is skipped; a function word ends a phrase ("text to image" gives
        // "text" and "image", not "text image").
        if (DIGITS_ONLY.test(w)) continue;
        push(isContent(w) ? w : null);
      }
    }
    // Hyphens and underscores join words of a phrase ("stable-diffusion-webui"); spaces too.
  }
  return phrases.filter((p) => p.length > 0);
}

export function tokenize(title: string, text = ''): Tokenized {
  const cjk = new Set<string>();
  const words = new Set<string>();
  const terms = new Set<string>();
  const source = text ? `${title}\n${text}` : title;
  for (const clause of source.split(CLAUSE_BREAK)) {
    for (const phrase of clauseWords(clause, cjk)) {
      for (let i = 0; i < phrase.length; i++) {
        words.add(phrase[i]!);
        terms.add(phrase[i]!);
        if (i + 1 < phrase.length && phrase[i] !== phrase[i + 1]) terms.add(`${phrase[i]} ${phrase[i + 1]}`);
        if (i + 2 < phrase.length && phrase[i] !== phrase[i + 1] && phrase[i + 1] !== phrase[i + 2]) terms.add(`${phrase[i]} ${phrase[i + 1]} ${phrase[i + 2]}`);
      }
    }
  }
  for (const b of cjk) {
    words.add(b);
    terms.add(b);
  }
  return { words: [...words], terms: [...terms] };
}
