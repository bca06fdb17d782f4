import { firstOf, lastOf, STRIDE } from './spans.js';
import type { TermState } from './stats.js';

/**
 * Scores of one term on one day, all from distinct sources:
 * - reach: sources that used the term in the recent window;
 * - adopters: sources that took the term up in the window (had not used it during the retention
 *   period before). Counting adoptions, not mentions, keeps a source that repeats itself, or an
 *   item that stays listed for weeks, from looking like a spreading topic;
 * - expected: adoptions the term's baseline rate predicts for the window, scaled by the traffic of
 *   each period (so quiet days and gaps in the data do not fake a burst);
 * - surprise: Poisson deviance of adopters against expected: large for a term absent before and
 *   now taken up by several sources, small for everyday words and for one noisy source;
 * - attention: source-days in the window against the baseline's rate. A burst needs both: new
 *   adopters AND more attention than usual. A word some listed items have always carried, whose
 *   adopters happen to turn over this week, gains adopters but no attention;
 * - speed: share of the adopters that came in the last `speedDays` days (spreading right now).
 * Sources are grouped into voices (`voiceOf`, e.g. several repositories of one owner) so that one
 * publisher counts once however many addresses it has.
 */
export type Window = { today: number; windowDays: number; baselineDays: number; speedDays: number };

export type TermEvidence = {
  reach: number;
  adopters: number;
  recentAdopters: number;
  baselineAdopters: number;
  expected: number;
  attention: number;
  expectedAttention: number;
  topics: number;
  surprise: number;
  speed: number;
  score: number;
};

/** Traffic in the window and in the baseline, in source-days (the denominators of the rates). */
export type Activity = { windowVolume: number; baselineVolume: number; windowItems: number; baselineItems: number };

export function activityOf(all: TermState, w: Window): Activity {
  const start = w.today - w.windowDays + 1;
  const baseStart = start - w.baselineDays;
  let windowVolume = 0;
  let baselineVolume = 0;
  const daily = all.daily;
  for (let i = 0; i < daily.length; i += 2) {
    const day = daily[i]!;
    if (day >= start && day <= w.today) windowVolume += daily[i + 1]!;
    else if (day >= baseStart && day < start) baselineVolume += daily[i + 1]!;
  }
  let windowItems = 0;
  let baselineItems = 0;
  const volume = all.volume;
  for (let i = 0; i < volume.length; i += 2) {
    const day = volume[i]!;
    if (day >= start && day <= w.today) windowItems += volume[i + 1]!;
    else if (day >= baseStart && day < start) baselineItems += volume[i + 1]!;
  }
  return { windowVolume, baselineVolume, windowItems, baselineItems };
}

/** Reach in the window; cheap enough to run on every term to find candidates. */
export function reachOf(state: TermState, w: Window): number {
  const start = w.today - w.windowDays + 1;
  let n = 0;
  const d = state.spans.data;
  for (let o = 0, end = state.spans.n * STRIDE; o < end; o += STRIDE) if (lastOf(d[o + 1]!) >= start && firstOf(d[o + 1]!) <= w.today) n++;
  return n;
}

/** Poisson deviance of observing `o` where `e` was expected, counted only for excesses. */
export function poissonSurprise(o: number, e: number): number {
  if (o <= e) return 0;
  return 2 * (o * Math.log(o / e) - (o - e));
}

/** Count expected in the window from the baseline's count, with half an occurrence of prior. */
export function expectedAdopters(baselineCount: number, activity: Activity): number {
  return ((baselineCount + 0.5) * (activity.windowVolume + 1)) / (activity.baselineVolume + 1);
}

/** `voiceIds[sourceId]` is the source's voice (publisher), counted once however many addresses it has. */
export function evidenceOf(state: TermState, w: Window, activity: Activity, voiceIds: readonly number[]): TermEvidence {
  const start = w.today - w.windowDays + 1;
  const baseStart = start - w.baselineDays;
  const speedStart = w.today - w.speedDays + 1;
  const reach = new Set<number>();
  const adopters = new Set<number>();
  const recent = new Set<number>();
  const baseline = new Set<number>();
  const d = state.spans.data;
  for (let o = 0, end = state.spans.n * STRIDE; o < end; o += STRIDE) {
    const first = firstOf(d[o + 1]!);
    if (first > w.today) continue;
    const voice = voiceIds[d[o]!]!;
    if (lastOf(d[o + 1]!) >= start) reach.add(voice);
    if (first >= start) adopters.add(voice);
    if (first >= speedStart) recent.add(voice);
    if (first < start && first >= baseStart) baseline.add(voice);
  }
  // A voice already heard in the baseline is not a new adopter.
  for (const v of baseline) adopters.delete(v);
  let attention = 0;
  let baselineAttention = 0;
  const daily = state.daily;
  for (let i = 0; i < daily.length; i += 2) {
    const day = daily[i]!;
    if (day >= start && day <= w.today) attention += daily[i + 1]!;
    else if (day >= baseStart && day < start) baselineAttention += daily[i + 1]!;
  }
  const expected = expectedAdopters(baseline.size, activity);
  const expectedAttention = expectedAdopters(baselineAttention, activity);
  const surprise = Math.min(poissonSurprise(adopters.size, expected), poissonSurprise(attention, expectedAttention));
  let topics = 0;
  if (state.topics) for (let i = 1; i < state.topics.length; i += 2) if (state.topics[i]! >= start) topics++;
  const speed = adopters.size ? recent.size / adopters.size : 0;
  const score = combine(surprise, speed, topics);
  return {
    reach: reach.size,
    adopters: adopters.size,
    recentAdopters: recent.size,
    baselineAdopters: baseline.size,
    expected,
    attention,
    expectedAttention,
    topics,
    surprise,
    speed,
    score,
  };
}

/** Surprise is the evidence; spreading now and across topics order equally surprising terms. */
export function combine(surprise: number, speed: number, topics: number): number {
  return surprise * (0.75 + 0.5 * speed) * (1 + 0.25 * Math.log2(Math.max(1, topics)));
}
