import { clusterCandidates } from './cluster.js';
import type { Candidate, Cluster } from './cluster.js';
import { dayOf, isoDay } from './day.js';
import { activityOf, evidenceOf, reachOf } from './scores.js';
import type { Activity, TermEvidence, Window } from './scores.js';
import { eachSpan, lastOf, STRIDE } from './spans.js';
import { addTerms, createTermStats, dailyCount, pruneStats } from './stats.js';
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
      const stored: Omit<StoredItem, 'sourceId'> = { title: item.title, source: item.source, day, date: item.date };
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

type Scored = Candidate & { evidence: TermEvidence };
type Topic = { seed: Scored; members: Scored[]; sources: Set<number>; score: number };

function suggestFor(stats: TermStats, s: Settings, today: number, opts: SuggestOptions): Suggestion[] {
  pruneStats(stats, today);
  const w: Window = { today, windowDays: s.windowDays, baselineDays: s.baselineDays, speedDays: 3 };
  const activity: Activity = activityOf(stats.all, w);
  const scored: Scored[] = [];
  const start = today - s.windowDays + 1;
  for (const [term, state] of stats.terms) {
    if (state.spans.n < s.minSources || reachOf(state, w) < s.minSources) continue;
    const evidence = evidenceOf(state, w, activity, stats.voiceIds);
    if (evidence.score <= 0 || evidence.reach < s.minSources) continue;
    const sources = new Set<number>();
    const d = state.spans.data;
    for (let o = 0, end = state.spans.n * STRIDE; o < end; o += STRIDE) if (lastOf(d[o + 1]!) >= start) sources.add(d[o]!);
    scored.push({ term, score: evidence.score, sources, evidence });
  }
  scored.sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
  const topics = clusterCandidates(scored.slice(0, MAX_CANDIDATES)).map((c) => scoreTopic(c as Cluster & { seed: Scored; members: Scored[] }));
  topics.sort((a, b) => b.score - a.score || a.seed.term.localeCompare(b.seed.term));
  const out: Suggestion[] = [];
  for (const topic of topics) {
    if (out.length >= (opts.top ?? 10) || topic.score < s.minScore) break;
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
    if (examples.length === 3) break;
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
  return {
    label: terms[0] ?? seed.term,
    terms,
    score: Math.round(cluster.score * 10) / 10,
    sources: seed.evidence.reach,
    counts,
    expected: Math.round((seed.evidence.expected / s.windowDays) * 1000) / 1000,
    firstSeen: { ...toExample(first), date: first.date || isoDay(first.day) },
    carriers,
    topics,
    examples,
  };
}
