import type { Decision } from '../db/radar/suggestions.js';
import type { Suggestion } from './types.js';

/** A dismissed topic comes back only when its score grows past this many times its score then. */
export const RESUGGEST_FACTOR = 3;

/**
 * Drops what curators already decided on: muted terms never come back, accepted ones are flags
 * already, dismissed ones only when they grew much further. Any of a suggestion's terms counts,
 * since the label of a topic can change from one day to the next.
 */
export function applyDecisions(suggestions: readonly Suggestion[], decisions: readonly Decision[]): Suggestion[] {
  const muted = new Set<string>();
  const dismissedAt = new Map<string, number>();
  for (const d of decisions) {
    if (d.action === 'dismissed') dismissedAt.set(d.term, Math.max(d.score, dismissedAt.get(d.term) ?? 0));
    else muted.add(d.term);
  }
  return suggestions.filter((s) => {
    const terms = [s.label, ...s.terms];
    if (terms.some((t) => muted.has(t))) return false;
    return terms.every((t) => !dismissedAt.has(t) || s.score > RESUGGEST_FACTOR * dismissedAt.get(t)!);
  });
}
