/**
 * Incremental term statistics counted by distinct source: for every term, which sources used it
 * (first and last day within the retention period) and how many distinct sources used it each
 * day. Plain Maps and numbers only, so the state can be kept between runs (structuredClone,
 * v8.serialize) and its size stays bounded by `retentionDays` of traffic.
 */
export type Span = { first: number; last: number; item: number };

export type TermState = {
  /** Sources that used the term within the retention period. */
  sources: Map<string, Span>;
  /** Day → distinct sources that used the term that day. */
  daily: Map<number, number>;
  /** Item that first carried the term (kept after the item itself leaves the store). */
  first: StoredItem;
  /** Topic → last day it carried the term. */
  topics: Map<string, number> | null;
};

export type StoredItem = { title: string; url?: string; source: string; day: number; date: string };

export type TermStats = {
  retentionDays: number;
  /** Days items stay in `items` (for examples). */
  itemDays: number;
  terms: Map<string, TermState>;
  /** Every source seen within retention, like a term that every item carries. */
  all: TermState;
  items: Map<number, StoredItem>;
  nextItem: number;
  /** Latest day pruning ran for. */
  prunedFor: number;
};

export function createTermStats(retentionDays: number, itemDays: number): TermStats {
  const none: StoredItem = { title: '', source: '', day: 0, date: '' };
  const all: TermState = { sources: new Map(), daily: new Map(), first: none, topics: null };
  return { retentionDays, itemDays, terms: new Map(), all, items: new Map(), nextItem: 0, prunedFor: -Infinity };
}

function touch(state: TermState, source: string, day: number, item: number): void {
  const span = state.sources.get(source);
  if (!span) {
    state.sources.set(source, { first: day, last: day, item });
    state.daily.set(day, (state.daily.get(day) ?? 0) + 1);
  } else if (day > span.last) {
    span.last = day;
    span.item = item;
    state.daily.set(day, (state.daily.get(day) ?? 0) + 1);
  } else if (day < span.first) {
    // A late item: still one more source-day, but not the latest example.
    span.first = day;
    state.daily.set(day, (state.daily.get(day) ?? 0) + 1);
  } else if (day === span.last) {
    span.item = item;
  }
}

/** Records one item's distinct terms. Items should arrive in date order; late ones are tolerated. */
export function addTerms(
  stats: TermStats,
  item: StoredItem,
  terms: readonly string[],
  topics: readonly string[] = [],
): void {
  const ref = stats.nextItem++;
  stats.items.set(ref, item);
  touch(stats.all, item.source, item.day, ref);
  for (const term of terms) {
    let state = stats.terms.get(term);
    if (!state) {
      state = { sources: new Map(), daily: new Map(), first: item, topics: null };
      stats.terms.set(term, state);
    }
    touch(state, item.source, item.day, ref);
    if (topics.length) {
      state.topics ??= new Map();
      for (const t of topics) state.topics.set(t, Math.max(item.day, state.topics.get(t) ?? -Infinity));
    }
  }
}

function pruneState(state: TermState, oldest: number): void {
  for (const [source, span] of state.sources) if (span.last < oldest) state.sources.delete(source);
  for (const day of state.daily.keys()) if (day < oldest) state.daily.delete(day);
  if (state.topics) for (const [t, day] of state.topics) if (day < oldest) state.topics.delete(t);
}

/** Forgets what is older than the retention period as seen from `today`; runs once per day. */
export function pruneStats(stats: TermStats, today: number): void {
  if (today <= stats.prunedFor) return;
  stats.prunedFor = today;
  const oldest = today - stats.retentionDays + 1;
  const recent = today - stats.itemDays + 1;
  for (const [term, state] of stats.terms) {
    pruneState(state, oldest);
    if (state.sources.size === 0) stats.terms.delete(term);
    // Most phrases are used once by one source and never again; keeping them for the whole
    // baseline would make memory grow with the number of distinct phrases rather than with the
    // vocabulary. A phrase one source used before the window is forgotten (its baseline of one
    // adopter is within the prior's margin).
    else if (state.sources.size === 1 && term.includes(' ')) {
      const span = state.sources.values().next().value!;
      if (span.last < recent) stats.terms.delete(term);
    }
  }
  pruneState(stats.all, oldest);
  const oldestItem = today - stats.itemDays + 1;
  for (const [ref, item] of stats.items) {
    if (item.day >= oldestItem) break; // refs grow with time, so the rest is newer
    stats.items.delete(ref);
  }
}
