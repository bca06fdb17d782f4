/**
 * The query language both backends understand: words (AND), "phrases" in quotes, -exclusions (words or
 * -"phrases"). Anything else is read literally: FTS5 operators (NEAR, *, ^, col:) become plain words, an
 * unbalanced quote is ignored. The parsed form is rebuilt for each engine, so no engine syntax leaks through.
 */
import { isStopWord } from './stop-words.js';

export interface ParsedQuery {
  /** Lower-case words every hit must contain (stop words removed, as Meilisearch ignores them). */
  terms: string[];
  /** Word sequences every hit must contain, in order. */
  phrases: string[][];
  /** Words or word sequences no hit may contain. */
  excluded: string[][];
  /** The last term is matched as a prefix ("clim" finds "climat"), as Meilisearch does while one types. */
  prefixLast: boolean;
}

/** Meilisearch only considers the first 10 words of a query; both backends apply the same cut. */
export const MAX_QUERY_WORDS = 10;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((w) => !/^\p{M}+$/u.test(w));
}

export function parseQuery(input: string): ParsedQuery {
  const terms: string[] = [];
  const phrases: string[][] = [];
  const excluded: string[][] = [];
  let lastIsTerm = false;
  let i = 0;
  const s = input.normalize('NFC');
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      lastIsTerm = false;
      i++;
      continue;
    }
    const negated = ch === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!);
    const start = negated ? i + 1 : i;
    if (s[start] === '"') {
      const end = s.indexOf('"', start + 1);
      if (end > start) {
        const words = wordsOf(s.slice(start + 1, end));
        if (words.length) (negated ? excluded : phrases).push(words);
        lastIsTerm = false;
        i = end + 1;
        continue;
      }
      // Unbalanced quote: read the rest as plain words.
      i = start + 1;
      continue;
    }
    let end = start;
    while (end < s.length && !/\s/.test(s[end]!) && s[end] !== '"') end++;
    const words = wordsOf(s.slice(start, end));
    if (negated) {
      if (words.length) excluded.push(words);
      lastIsTerm = false;
    } else {
      terms.push(...words);
      lastIsTerm = words.length > 0;
    }
    i = end;
  }
  const kept = terms.filter((t) => !isStopWord(t));
  // A query made only of stop words still searches for them rather than matching everything.
  const positive = kept.length || phrases.length ? kept : terms;
  const prefixLast = lastIsTerm && positive.length > 0 && positive[positive.length - 1] === terms[terms.length - 1];
  return capWords({ terms: positive, phrases, excluded, prefixLast });
}

function capWords(q: ParsedQuery): ParsedQuery {
  let budget = MAX_QUERY_WORDS;
  const take = <T extends string | string[]>(list: T[]): T[] => {
    const out: T[] = [];
    for (const x of list) {
      const n = typeof x === 'string' ? 1 : x.length;
      if (n > budget) break;
      budget -= n;
      out.push(x);
    }
    return out;
  };
  const terms = take(q.terms);
  const phrases = take(q.phrases);
  const excluded = take(q.excluded);
  return { terms, phrases, excluded, prefixLast: q.prefixLast && terms.length === q.terms.length };
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0 && q.excluded.length === 0;
}

/** True when the query has something a hit must contain (not only exclusions). */
export function hasPositive(q: ParsedQuery): boolean {
  return q.terms.length > 0 || q.phrases.length > 0;
}

const quoteFts = (words: string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;

/** FTS5 MATCH expression for the positive part (every token quoted: no operator can be injected). */
export function ftsPositive(q: ParsedQuery): string {
  const parts = q.terms.map((t, idx) => quoteFts([t]) + (q.prefixLast && idx === q.terms.length - 1 ? '*' : ''));
  for (const p of q.phrases) parts.push(quoteFts(p));
  return parts.join(' ');
}

/** FTS5 MATCH expression matching any excluded word or phrase. */
export function ftsExcluded(q: ParsedQuery): string {
  return q.excluded.map(quoteFts).join(' OR ');
}

/** The same query in Meilisearch's syntax (words, "phrases", -negations). */
export function meiliQuery(q: ParsedQuery): string {
  const parts: string[] = [];
  for (const p of q.phrases) parts.push(`"${p.join(' ')}"`);
  for (const e of q.excluded) parts.push(e.length === 1 ? `-${e[0]}` : `-"${e.join(' ')}"`);
  // Words last, so the one Meilisearch reads as a prefix is the last word typed.
  parts.push(...q.terms);
  // A trailing space tells Meilisearch not to treat the last word as a prefix.
  return parts.join(' ') + (q.prefixLast || parts.length === 0 ? '' : ' ');
}
