import { isoDay } from './day.js';
import { compactSingles, createSingles, dropSlot, EMPTY, GONE, hashTerm, putSingle, takeSingle } from './singles.js';
import type { Singles } from './singles.js';
import { createSpans, lastOf, NO_ITEM, pruneSpans, touchSpan } from './spans.js';
import type { Spans } from './spans.js';

/**
 * Incremental term statistics counted by distinct source: for every term, which sources used it
 * (first and last day within the retention period) and how many distinct sources used it each
 * day. Memory is what bounds the radar at 100k items a week, so the records are compact: sources
 * and topics are interned to integer ids, a term's sources are packed in one typed array
 * (spans.ts), and a term only one item ever carried is a hash and a number in `singles`
 * (singles.ts) until a second item carries it.
 */
export type TermState = {
  spans: Spans;
  /** Pairs [day, distinct sources that day], ascending by day. */
  daily: number[];
  /**
   * Pairs [day, items that day], ascending by day, counting an item only the first time its source
   * published its headline within the retention period (a re-posted or still-listed headline is
   * attention, in `daily`, not a new item).
   */
  volume: number[];
  /** Item that first carried the term (kept after the item itself leaves the store). */
  first: StoredItem;
  /** Pairs [topic id, last day it carried the term], or null when items carry no topics. */
  topics: number[] | null;
};

export type StoredItem = {
  title: string;
  url?: string;
  /** Interned: the same string object for every item of the source. */
  source: string;
  sourceId: number;
  day: number;
  date: string;
  /** The item's id where it came from (the database id for the live radar). */
  id?: string;
  topicIds?: number[];
  /** The same source already published this headline within the retention period. */
  dup: boolean;
  /** Hash of the normalised headline, whatever the source (a template or wire copy shares it). */
  headline: number;
  /** The item's terms while the item is kept (for grouping the terms of one story); emptied after. */
  terms: readonly string[];
};

export type TermStats = {
  retentionDays: number;
  /** Days items stay in `items` (for examples). */
  itemDays: number;
  /** Terms that two items or more carried. */
  terms: Map<string, TermState>;
  singles: Singles;
  /** Every source seen within retention, like a term that every item carries. */
  all: TermState;
  items: Map<number, StoredItem>;
  nextItem: number;
  /** Latest day pruning ran for. */
  prunedFor: number;
  sourceIds: Map<string, number>;
  sourceNames: string[];
  /** Voice id of each source id (several sources can be one publisher). */
  voiceIds: number[];
  voices: Map<string, number>;
  topicIds: Map<string, number>;
  topicNames: string[];
  voiceOf: (source: string) => string;
  /** Hash of (source, normalised headline) -> last day seen, to tell re-posts from new items. */
  headlines: Map<number, number>;
  /**
   * Long memory, beyond the retention period: for terms that were candidates, pairs [day, items in
   * the 7-day window then], one per week at most (the week's largest), kept for HISTORY_DAYS. What
   * a term did last year tells a seasonal or recurring topic from a new one.
   */
  history: Map<string, number[]>;
};

/** A year and a month: last year's same season is still in memory. */
export const HISTORY_DAYS = 400;

const NO_TERMS: readonly string[] = [];

export function createTermStats(retentionDays: number, itemDays: number, voiceOf: (source: string) => string = (s) => s): TermStats {
  const none: StoredItem = { title: '', source: '', sourceId: -1, day: 0, date: '', dup: false, headline: 0, terms: [] };
  const all: TermState = { spans: createSpans(64), daily: [], volume: [], first: none, topics: null };
  return {
    retentionDays, itemDays, terms: new Map(), singles: createSingles(), all, items: new Map(), nextItem: 0, prunedFor: -Infinity,
    sourceIds: new Map(), sourceNames: [], voiceIds: [], voices: new Map(), topicIds: new Map(), topicNames: [], voiceOf,
    headlines: new Map(),
    history: new Map(),
  };
}

export function internSource(stats: TermStats, name: string): number {
  let id = stats.sourceIds.get(name);
  if (id === undefined) {
    id = stats.sourceNames.length;
    stats.sourceIds.set(name, id);
    stats.sourceNames.push(name);
    const voice = stats.voiceOf(name);
    let v = stats.voices.get(voice);
    if (v === undefined) stats.voices.set(voice, (v = stats.voices.size));
    stats.voiceIds.push(v);
  }
  return id;
}

export function internTopic(stats: TermStats, name: string): number {
  let id = stats.topicIds.get(name);
  if (id === undefined) {
    id = stats.topicNames.length;
    stats.topicIds.set(name, id);
    stats.topicNames.push(name);
  }
  return id;
}

function addDaily(daily: number[], day: number): void {
  const n = daily.length;
  if (n && daily[n - 2] === day) daily[n - 1]!++;
  else if (!n || daily[n - 2]! < day) daily.push(day, 1);
  else {
    // A late item: rare, so a linear search is fine.
    let i = 0;
    while (i < n && daily[i]! < day) i += 2;
    if (daily[i] === day) daily[i + 1]!++;
    else daily.splice(i, 0, day, 1);
  }
}

export function dailyCount(daily: readonly number[], day: number): number {
  for (let i = daily.length - 2; i >= 0; i -= 2) if (daily[i] === day) return daily[i + 1]!;
  return 0;
}

function touch(state: TermState, item: StoredItem, ref: number): void {
  if (touchSpan(state.spans, item.sourceId, item.day, ref)) addDaily(state.daily, item.day);
  if (!item.dup) addDaily(state.volume, item.day);
}

/** Lower case, letters and digits only: "Statement on X!" and "statement on x" are one headline. */
export function headlineText(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function headlineKey(prefix: string, text: string): number {
  const [hi, lo] = hashTerm(`${prefix}\u0000${text}`);
  // 53 bits of the two hashes: a safe integer key.
  return (hi >>> 11) * 4294967296 + (lo >>> 0);
}

function touchTopics(state: TermState, topicIds: readonly number[], day: number): void {
  const t = (state.topics ??= []);
  for (const id of topicIds) {
    let i = 0;
    while (i < t.length && t[i] !== id) i += 2;
    if (i < t.length) t[i + 1] = Math.max(t[i + 1]!, day);
    else t.push(id, day);
  }
}

/** Full state for a term that only one item carried so far (its slot's [a, b] in `singles`). */
function promote(stats: TermStats, [a, b]: [number, number]): TermState {
  let first: StoredItem;
  let ref: number;
  if (a >= 0) {
    ref = a >> 1;
    first = stats.items.get(ref)!;
  } else {
    const day = -a - 1;
    first = { title: '', source: stats.sourceNames[b]!, sourceId: b, day, date: isoDay(day), dup: false, headline: 0, terms: [] };
    ref = NO_ITEM;
  }
  const state: TermState = { spans: createSpans(2), daily: [], volume: [], first, topics: null };
  touch(state, first, ref);
  if (first.topicIds) touchTopics(state, first.topicIds, first.day);
  return state;
}

/** Records one item's distinct terms. Items should arrive in date order; late ones are tolerated. */
export function addTerms(
  stats: TermStats,
  input: Omit<StoredItem, 'sourceId' | 'topicIds' | 'dup' | 'terms' | 'headline'>,
  terms: readonly string[],
  topics: readonly string[] = [],
): void {
  const sourceId = internSource(stats, input.source);
  // One object shape for every item (no spread), so reading its fields stays fast.
  const text = headlineText(input.title);
  const key = headlineKey(String(sourceId), text);
  const seenOn = stats.headlines.get(key);
  const dup = seenOn !== undefined && input.title !== '';
  if (seenOn === undefined || seenOn < input.day) stats.headlines.set(key, input.day);
  const item: StoredItem = {
    title: input.title, source: stats.sourceNames[sourceId]!, sourceId, day: input.day, date: input.date, dup,
    headline: headlineKey('', text), terms,
  };
  if (input.url !== undefined) item.url = input.url;
  if (input.id !== undefined) item.id = input.id;
  if (topics.length) item.topicIds = topics.map((t) => internTopic(stats, t));
  const ref = stats.nextItem++;
  stats.items.set(ref, item);
  touch(stats.all, item, ref);
  for (const term of terms) {
    let state = stats.terms.get(term);
    if (!state) {
      const [hi, lo] = hashTerm(term);
      const single = takeSingle(stats.singles, hi, lo);
      if (single === null) {
        stats.singles = putSingle(stats.singles, hi, lo, ref * 2 + (term.includes(' ') ? 1 : 0), item.day);
        continue;
      }
      state = promote(stats, single);
      stats.terms.set(term, state);
    }
    touch(state, item, ref);
    if (item.topicIds) touchTopics(state, item.topicIds, item.day);
  }
}

function pruneState(state: TermState, oldest: number): void {
  state.spans = pruneSpans(state.spans, oldest);
  let k = 0;
  while (k < state.daily.length && state.daily[k]! < oldest) k += 2;
  if (k) state.daily.splice(0, k);
  k = 0;
  while (k < state.volume.length && state.volume[k]! < oldest) k += 2;
  if (k) state.volume.splice(0, k);
  const t = state.topics;
  if (t) {
    const kept: number[] = [];
    for (let i = 0; i < t.length; i += 2) if (t[i + 1]! >= oldest) kept.push(t[i]!, t[i + 1]!);
    state.topics = kept;
  }
}

/** Forgets what is older than the retention period as seen from `today`; runs once per day. */
export function pruneStats(stats: TermStats, today: number): void {
  if (today <= stats.prunedFor) return;
  stats.prunedFor = today;
  const oldest = today - stats.retentionDays + 1;
  const recent = today - stats.itemDays + 1;
  pruneSingles(stats, oldest, recent);
  for (const [term, entry] of stats.terms) {
    pruneState(entry, oldest);
    if (entry.spans.n === 0) stats.terms.delete(term);
    else if (entry.spans.n === 1 && term.includes(' ') && lastOf(entry.spans.data[1]!) < recent) stats.terms.delete(term);
  }
  pruneState(stats.all, oldest);
  for (const [key, day] of stats.headlines) if (day < oldest) stats.headlines.delete(key);
  const forgotten = today - HISTORY_DAYS;
  for (const [term, h] of stats.history) {
    let k = 0;
    while (k < h.length && h[k]! < forgotten) k += 2;
    if (k === h.length) stats.history.delete(term);
    else if (k) h.splice(0, k);
  }
  for (const [ref, item] of stats.items) {
    if (item.day >= recent) break; // refs grow with time, so the rest is newer
    item.terms = NO_TERMS; // it may live on as a term's first item
    stats.items.delete(ref);
  }
}

/**
 * Most phrases are used once by one source and never again; keeping them for the whole baseline
 * would make memory grow with the number of distinct phrases rather than with the vocabulary (one
 * adopter in the baseline is within the prior's margin). A word keeps its source and day as baseline.
 */
function pruneSingles(stats: TermStats, oldest: number, recent: number): void {
  const t = stats.singles;
  const { hi, a, b } = t;
  for (let i = 0; i < hi.length; i++) {
    if (hi[i] === EMPTY || hi[i] === GONE) continue;
    const v = a[i]!;
    if (v < 0) {
      if (-v - 1 < oldest) dropSlot(t, i);
      continue;
    }
    const day = b[i]!; // the item's day, so that phrases need no look-up
    if (day >= recent) continue;
    if ((v & 1) === 1 || day < oldest) dropSlot(t, i);
    else {
      const item = stats.items.get(v >> 1)!;
      a[i] = -item.day - 1;
      b[i] = item.sourceId;
    }
  }
  stats.singles = compactSingles(t);
}

/** Records a term's window volume for the long memory (one entry per 7 days, the largest). */
export function remember(stats: TermStats, term: string, day: number, items: number): void {
  const h = stats.history.get(term);
  if (!h) {
    stats.history.set(term, [day, items]);
    return;
  }
  const n = h.length;
  if (day - h[n - 2]! < 7) h[n - 1] = Math.max(h[n - 1]!, items);
  else h.push(day, items);
}

/** The largest window volume the long memory holds for the term between `from` and `to` (days). */
export function pastPeak(stats: TermStats, term: string, from: number, to: number): number {
  const h = stats.history.get(term);
  let peak = 0;
  if (h) for (let i = 0; i < h.length; i += 2) if (h[i]! >= from && h[i]! <= to) peak = Math.max(peak, h[i + 1]!);
  return peak;
}
