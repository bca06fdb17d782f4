import { writeAudit } from '../curation/audit.js';
import type { Actor } from '../curation/audit.js';
import { createFlag } from '../curation/flags.js';
import type { Sqlite } from '../db/client.js';
import { existingItemIds } from '../db/items/radar-items.js';
import { getSuggestion, isDecided, recordDecision } from '../db/radar/suggestions.js';
import type { StoredSuggestion } from '../db/radar/suggestions.js';

/** Curator actions on a suggestion. Each is recorded in radar_decisions and in the audit log. */
export type DecideResult =
  | { ok: true; suggestion: StoredSuggestion; flagId: number | null }
  | { ok: false; kind: 'not_found' | 'decided' | 'no_items'; detail: string };

function load(sqlite: Sqlite, id: number): StoredSuggestion | DecideResult {
  const s = getSuggestion(sqlite, id);
  if (!s) return { ok: false, kind: 'not_found', detail: `no suggestion ${id}` };
  if (isDecided(sqlite, id)) return { ok: false, kind: 'decided', detail: `suggestion ${id} was already accepted, dismissed or muted` };
  return s;
}

/** The suggestion's evidence in words, for the flag's rationale: checkable without the radar. */
export function rationaleOf(s: StoredSuggestion, note?: string): string {
  const e = s.evidence;
  const first = e.firstSeen;
  const lines = [
    `Signal radar, ${s.day}: "${s.label}" (${e.terms.join(', ')}), score ${s.score}.`,
    `${s.sources} sources in the last 7 days (about ${e.expected} a day expected from the 8 weeks before).`,
    `Sources per day over ${e.counts.length} days: ${e.counts.join(' ')}.`,
    `First seen ${first.date.slice(0, 10)} in ${first.source}${first.title ? `: "${first.title}"` : ''}.`,
    `Carried by: ${e.carriers.join(', ')}.`,
  ];
  if (e.why) lines.splice(1, 0, e.why);
  if (note) lines.unshift(note);
  return lines.join('\n');
}

/** Creates a weak-signal flag over the representative items, with the evidence as rationale. */
export function acceptSuggestion(sqlite: Sqlite, actor: Actor, id: number, opts: { strength?: number; note?: string }, now: number): DecideResult {
  const s = load(sqlite, id);
  if ('ok' in s) return s;
  const candidates = s.evidence.examples.map((e) => e.itemId).filter((x): x is number => x !== null);
  const existing = existingItemIds(sqlite, candidates);
  if (!existing.length) return { ok: false, kind: 'no_items', detail: 'the representative items of this suggestion are gone' };
  return sqlite.transaction((): DecideResult => {
    const flagId = createFlag(sqlite, actor, { itemIds: existing, topicId: s.topicId, strength: opts.strength ?? 1, rationale: rationaleOf(s, opts.note) }, now);
    recordDecision(sqlite, { topicId: s.topicId, term: s.term, action: 'accepted', score: s.score, suggestionId: s.id, flagId, authorId: actor.id }, now);
    writeAudit(sqlite, actor, { action: 'radar.accept', topicId: s.topicId, targetType: 'radar_suggestion', targetId: s.id, detail: { term: s.term, score: s.score, flag: flagId, items: existing } }, now);
    return { ok: true, suggestion: s, flagId };
  })();
}

/** Not suggested again unless it grows much further (see decisions.ts). */
export function dismissSuggestion(sqlite: Sqlite, actor: Actor, id: number, now: number): DecideResult {
  return decide(sqlite, actor, id, 'dismissed', now);
}

/** The suggestion's term is never suggested again in its scope. */
export function muteSuggestion(sqlite: Sqlite, actor: Actor, id: number, now: number): DecideResult {
  return decide(sqlite, actor, id, 'muted', now);
}

function decide(sqlite: Sqlite, actor: Actor, id: number, action: 'dismissed' | 'muted', now: number): DecideResult {
  const s = load(sqlite, id);
  if ('ok' in s) return s;
  sqlite.transaction(() => {
    recordDecision(sqlite, { topicId: s.topicId, term: s.term, action, score: s.score, suggestionId: s.id, flagId: null, authorId: actor.id }, now);
    writeAudit(sqlite, actor, { action: action === 'dismissed' ? 'radar.dismiss' : 'radar.mute', topicId: s.topicId, targetType: 'radar_suggestion', targetId: s.id, detail: { term: s.term, score: s.score } }, now);
  })();
  return { ok: true, suggestion: s, flagId: null };
}
