import { clusterCandidates } from './cluster.js';
import type { Candidate, Cluster } from './cluster.js';
import { dayOf, isoDay } from './day.js';
import { activityOf, combine, evidenceOf, poissonSurprise, reachOf } from './scores.js';
import type { Activity, TermEvidence, Window } from './scores.js';
import { eachSpan } from './spans.js';
import { addTerms, createTermStats, dailyCount, HISTORY_DAYS, pastPeak, pruneStats, remember } from './stats.js';
import type { StoredItem, TermState, TermStats } from './stats.js';
import { tokenize } from './tokenize.js';
import type { Example, RadarItem, RadarOptions, Suggestion, SuggestOptions } from './types.js';

/**
 * The radar engine: feed it items in date order, ask it for the suggestions of a day. The replay
 * and the live worker drive this same object; its whole state is `radar.stats` (plain Maps).
 */
export type Radar = {
  readonly stats: TermStats;
  /** Returns false (and ignores the item) when its date cannot be read. */
  addItem: (item: RadarItem) => boolean;
  /** Forgets what fell out of the retention period as of that day (suggest does it too). */
  advance: (dayIso: string) => void;
  suggest: (dayIso: string, options?: SuggestOptions) => Suggestion[];
};

type Settings = Required<RadarOptions>;

const DEFAULTS: Settings = {
  windowDays: 7,
  baselineDays: 56,
  minSources: 3,
  sparklineDays: 28,
  minScore: 20,
  voiceOf: (source) => source,
};
// Terms considered per day, strongest first, before grouping: enough for every real topic.
const MAX_CANDIDATES = 300;

export function createRadar(options: RadarOptions = {}): Radar {
  const settings: Settings = { ...DEFAULTS, ...options };
  const retention = Math.max(settings.windowDays + settings.baselineDays, settings.sparklineDays);
  const stats = createTermStats(retention, settings.windowDays, settings.voiceOf);
  return {
    stats,
    addItem(item) {
      const day = dayOf(item.date);
      if (day === null) return false;
      const stored: Omit<StoredItem, 'sourceId' | 'dup' | 'terms' | 'headline'> = { title: item.title, source: item.source, day, date: item.date };
      if (item.url) stored.url = item.url;
      if (item.id) stored.id = item.id;
      addTerms(stats, stored, tokenize(item.title, item.text).terms, item.topics);
      return true;
    },
    advance(dayIso) {
      const today = dayOf(dayIso);
      if (today !== null) pruneStats(stats, today);
    },
    suggest(dayIso, opts = {}) {
      const today = dayOf(dayIso);
      if (today === null) return [];
      return suggestFor(stats, settings, today, opts);
    },
  };
}

type Scored = Candidate & { evidence: TermEvidence; volume: Volume };
type Topic = { seed: Scored; members: Scored[]; sources: Set<number>; score: number };

/** A term's items in the window: counted once per headline, at most CAP_PER_SOURCE_DAY per source and day. */
export type Volume = { items: number; expected: number; surprise: number; topShare: number; refs: number[] };
// One desk writing five pieces on a story in a day is more attention than one, but not five voices.
const CAP_PER_SOURCE_DAY = 2;

// Items in a week up to which the score floor stays minScore.
const STREAM_ITEMS = 500;
// Terms whose item sets overlap this much (share of the smaller set) are one story.
const STORY_OVERLAP = 0.3;

function volumeOf(stats: TermStats, term: string, state: TermState, refs: number[], w: Window, activity: Activity): Volume {
  const titles = new Set<number>();
  const perSourceDay = new Map<number, number>();
  const perSource = new Map<number, number>();
  let items = 0;
  for (const ref of refs) {
    const item = stats.items.get(ref)!;
    if (item.dup) continue;
    // The same headline from several sources is one template or one wire story, not several voices.
    if (titles.has(item.headline)) continue;
    titles.add(item.headline);
    const key = item.sourceId * 65536 + (item.day & 0xffff);
    const n = perSourceDay.get(key) ?? 0;
    if (n >= CAP_PER_SOURCE_DAY) continue;
    perSourceDay.set(key, n + 1);
    perSource.set(item.sourceId, (perSource.get(item.sourceId) ?? 0) + 1);
    items++;
  }
  const start = w.today - w.windowDays + 1;
  const baseStart = start - w.baselineDays;
  let baseline = 0;
  const v = state.volume;
  for (let i = 0; i < v.length; i += 2) if (v[i]! >= baseStart && v[i]! < start) baseline += v[i + 1]!;
  let expected = ((baseline + 0.5) * (activity.windowItems + 1)) / (activity.baselineItems + 1);
  // Seen at this level before the baseline (last year's season, an earlier flare): only a clearly
  // larger wave is news.
  expected = Math.max(expected, 0.5 * pastPeak(stats, term, w.today - HISTORY_DAYS, start - w.baselineDays - 1));
  if (items >= 3) remember(stats, term, w.today, items);
  let top = 0;
  for (const n of perSource.values()) top = Math.max(top, n);
  // Single-source vocabulary (a signature, a hashtag, a section name): only the other sources count.
  const spread = items - top;
  return { items, expected, surprise: poissonSurprise(Math.min(items, 2 * spread), expected), topShare: items ? top / items : 1, refs };
}

function suggestFor(stats: TermStats, s: Settings, today: number, opts: SuggestOptions): Suggestion[] {
  pruneStats(stats, today);
  const w: Window = { today, windowDays: s.windowDays, baselineDays: s.baselineDays, speedDays: 3 };
  const activity: Activity = activityOf(stats.all, w);
  // Less history than one window: nothing to compare with yet.
  if (activity.baselineItems < activity.windowItems) return [];
  const start = today - s.windowDays + 1;
  const reached = new Map<string, TermState>();
  for (const [term, state] of stats.terms) {
    if (state.spans.n < s.minSources || reachOf(state, w) < s.minSources) continue;
    reached.set(term, state);
  }
  // The window's items of each candidate term: for the volume, and to group the terms of one story.
  const postings = new Map<string, number[]>();
  for (const [ref, item] of stats.items) {
    if (item.day < start || item.day > today) continue;
    for (const term of item.terms) {
      if (!reached.has(term)) continue;
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(ref);
    }
  }
  const scored: Scored[] = [];
  for (const [term, state] of reached) {
    const evidence = evidenceOf(state, w, activity, stats.voiceIds);
    if (evidence.reach < s.minSources) continue;
    const volume = volumeOf(stats, term, state, postings.get(term) ?? [], w, activity);
    // More items than the term's own baseline predicts (the evidence that does not need new
    // voices), and either new voices taking it up or more source-days than usual.
    const spreading = Math.max(evidence.surprise, poissonSurprise(evidence.attention, evidence.expectedAttention));
    let score = combine(Math.min(volume.surprise, spreading), evidence.speed, evidence.topics);
    // A story is told over days: one day's flurry counts for less than a subject still carried.
    let days = 0;
    for (let i = 0; i < state.daily.length; i += 2) if (state.daily[i]! >= start && state.daily[i]! <= today && state.daily[i + 1]! >= 2) days++;
    score *= Math.min(days, 4) / 4;
    if (score <= 0) continue;
    evidence.score = score;
    scored.push({ term, score, sources: new Set(volume.refs), evidence, volume });
  }
  scored.sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
  const topics = clusterCandidates(scored.slice(0, MAX_CANDIDATES), STORY_OVERLAP).map((c) => scoreTopic(c as Cluster & { seed: Scored; members: Scored[] }));
  topics.sort((a, b) => b.score - a.score || a.seed.term.localeCompare(b.seed.term));
  const out: Suggestion[] = [];
  // A larger stream tests more terms on more items: the same relative excess is a larger deviance.
  // The floor grows with the square root of the window's items beyond STREAM_ITEMS.
  const floor = s.minScore * Math.max(1, Math.sqrt(activity.windowItems / STREAM_ITEMS));
  for (const topic of topics) {
    if (out.length >= (opts.top ?? 10) || topic.score < floor) break;
    if (opts.exclude && topic.members.some((m) => opts.exclude!.has(m.term))) continue;
    out.push(explain(stats, s, today, topic));
  }
  return out;
}

/** A topic is as strong as its strongest term; its other terms describe it. */
function scoreTopic(cluster: { seed: Scored; members: Scored[]; sources: Set<number> }): Topic {
  return { ...cluster, score: cluster.seed.score };
}

function chooseTerms(members: readonly Scored[]): string[] {
  const chosen: string[] = [];
  const covered = new Set<string>();
  // Phrases first when they are nearly as strong as the single words they contain.
  const ordered = [...members].sort((a, b) => {
    const la = a.term.split(' ').length;
    const lb = b.term.split(' ').length;
    const strongA = a.score >= 0.7 * members[0]!.score ? la : 0;
    const strongB = b.score >= 0.7 * members[0]!.score ? lb : 0;
    return strongB - strongA || b.score - a.score;
  });
  for (const m of ordered) {
    const words = m.term.split(' ');
    if (words.every((x) => covered.has(x))) continue;
    chosen.push(m.term);
    for (const x of words) covered.add(x);
    if (chosen.length === 5) break;
  }
  return chosen;
}

function toExample(item: StoredItem): Example {
  const e: Example = { title: item.title, source: item.source, date: item.date };
  if (item.url) e.url = item.url;
  if (item.id) e.id = item.id;
  return e;
}

function explain(stats: TermStats, s: Settings, today: number, cluster: Topic): Suggestion {
  const seed = cluster.seed;
  const seedState = stats.terms.get(seed.term) as TermState;
  const terms = chooseTerms(cluster.members);
  const start = today - s.windowDays + 1;
  // Representative items: those carrying the most terms of the topic, from distinct sources.
  const votes = new Map<number, number>();
  let first = seedState.first;
  for (const m of cluster.members) {
    const state = stats.terms.get(m.term) as TermState;
    if (state.first.day < first.day) first = state.first;
    eachSpan(state.spans, (_source, _first, last, ref) => {
      if (last >= start && stats.items.has(ref)) votes.set(ref, (votes.get(ref) ?? 0) + 1);
    });
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const examples: Example[] = [];
  const seen = new Set<string>();
  for (const [ref] of ranked) {
    const item = stats.items.get(ref)!;
    if (seen.has(item.source)) continue;
    seen.add(item.source);
    examples.push(toExample(item));
    if (examples.length === 5) break;
  }
  const counts: number[] = [];
  for (let d = today - s.sparklineDays + 1; d <= today; d++) counts.push(dailyCount(seedState.daily, d));
  const recent: [number, number][] = [];
  eachSpan(seedState.spans, (source, _first, last) => {
    if (last >= start) recent.push([source, last]);
  });
  const names = stats.sourceNames;
  const carriers = recent
    .sort((a, b) => b[1] - a[1] || names[a[0]]!.localeCompare(names[b[0]]!))
    .slice(0, 10)
    .map(([source]) => names[source]!);
  const topics: string[] = [];
  const t = seedState.topics;
  if (t) for (let i = 0; i < t.length; i += 2) if (t[i + 1]! >= start) topics.push(stats.topicNames[t[i]!]!);
  topics.sort();
  const label = labelOf(terms, seed.term);
  const expectedItems = Math.round(seed.volume.expected * 10) / 10;
  return {
    label,
    terms,
    score: Math.round(cluster.score * 10) / 10,
    sources: seed.evidence.reach,
    counts,
    expected: Math.round((seed.evidence.expected / s.windowDays) * 1000) / 1000,
    items: seed.volume.items,
    expectedItems,
    firstSeen: { ...toExample(first), date: first.date || isoDay(first.day) },
    carriers,
    topics,
    examples,
    why: whyToday(seed, label, expectedItems, s.windowDays, isoDay(first.day)),
  };
}

/** Two terms when the second adds words the first lacks ("east palestine · derailment"), else one. */
function labelOf(terms: readonly string[], fallback: string): string {
  const [a, b] = terms;
  if (!a) return fallback;
  if (!b) return a;
  const words = new Set(a.split(' '));
  return b.split(' ').some((w) => !words.has(w)) ? `${a} · ${b}` : a;
}

function whyToday(seed: Scored, label: string, expectedItems: number, windowDays: number, firstDay: string): string {
  const v = seed.volume;
  const e = seed.evidence;
  const ratio = expectedItems > 0 ? Math.round(v.items / Math.max(expectedItems, 0.1)) : v.items;
  const news = e.adopters > 0 ? `, ${e.adopters} of them new to it` : '';
  return `"${label}": ${v.items} items from ${e.reach} sources in the last ${windowDays} days${news}, ` +
    `about ${ratio}x the ${expectedItems} expected from its baseline (first seen ${firstDay}).`;
}
