import type { Example, Suggestion } from '../../signals/types.js';
import type { Sqlite } from '../client.js';
import { getMeta, setMeta } from '../meta/meta.js';

/**
 * Owner of the radar's tables (radar_suggestions, radar_decisions): the suggestions of each day per scope (a topic, or null for network-wide)
 * and the curators' decisions on them.
 */
export type StoredExample = Omit<Example, 'id'> & { itemId: number | null };
export type Evidence = {
  terms: string[];
  counts: number[];
  expected: number;
  firstSeen: StoredExample;
  carriers: string[];
  topics: string[];
  examples: StoredExample[];
  /** Items in the window and what the baseline expected (absent on rows stored before they were kept). */
  items?: number;
  expectedItems?: number;
  /** One sentence saying why today. */
  why?: string;
};
export type StoredSuggestion = {
  id: number;
  day: string;
  topicId: number | null;
  term: string;
  label: string;
  rank: number;
  score: number;
  sources: number;
  evidence: Evidence;
  createdAt: number;
};
export type Decision = { term: string; action: 'accepted' | 'dismissed' | 'muted'; score: number };

const toStored = ({ id, ...e }: Example): StoredExample => ({ ...e, itemId: id !== undefined && /^\d+$/.test(id) ? Number(id) : null });

/** Replaces the suggestions of one day and scope. */
export function saveSuggestions(sqlite: Sqlite, day: string, topicId: number | null, suggestions: readonly Suggestion[], now: number): void {
  const insert = sqlite.prepare(
    `INSERT INTO radar_suggestions (day, topic_id, term, label, rank, score, sources, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    sqlite.prepare(`DELETE FROM radar_suggestions WHERE day = ? AND topic_id IS ?`).run(day, topicId);
    suggestions.forEach((s, rank) => {
      const evidence: Evidence = {
        terms: s.terms, counts: s.counts, expected: s.expected, firstSeen: toStored(s.firstSeen),
        carriers: s.carriers, topics: s.topics, examples: s.examples.map(toStored),
        items: s.items, expectedItems: s.expectedItems, why: s.why,
      };
      insert.run(day, topicId, s.terms[0] ?? s.label, s.label, rank + 1, s.score, s.sources, JSON.stringify(evidence), now);
    });
  })();
}

type Row = Omit<StoredSuggestion, 'evidence'> & { evidence: string };
const COLUMNS = `id, day, topic_id AS topicId, term, label, rank, score, sources, evidence, created_at AS createdAt`;
const parse = (r: Row): StoredSuggestion => ({ ...r, evidence: JSON.parse(r.evidence) as Evidence });

export function getSuggestion(sqlite: Sqlite, id: number): StoredSuggestion | null {
  const r = sqlite.prepare(`SELECT ${COLUMNS} FROM radar_suggestions WHERE id = ?`).get(id) as Row | undefined;
  return r ? parse(r) : null;
}

/**
 * The scope's suggestions of `day` (default: the latest day the radar ran), best first,
 * without those a curator already decided on.
 */
export function listSuggestions(sqlite: Sqlite, topicId: number | null, day?: string): { day: string | null; suggestions: StoredSuggestion[] } {
  const latest = day ?? lastRunDay(sqlite);
  if (!latest) return { day: null, suggestions: [] };
  const rows = sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM radar_suggestions s WHERE day = ? AND topic_id IS ?
         AND NOT EXISTS (SELECT 1 FROM radar_decisions d WHERE d.suggestion_id = s.id
           OR (d.topic_id IS s.topic_id AND d.term = s.term AND d.action = 'muted'))
       ORDER BY rank`,
    )
    .all(latest, topicId) as Row[];
  return { day: latest, suggestions: rows.map(parse) };
}

const LAST_RUN = 'radar.last_run_day';

/** Remembers the day the radar last ran, so "nothing emerging" differs from "never ran". */
export function markRun(sqlite: Sqlite, day: string, now: number): void {
  setMeta(sqlite, LAST_RUN, day, now);
}

export function lastRunDay(sqlite: Sqlite): string | null {
  return getMeta(sqlite, LAST_RUN);
}

/** Whether a curator already accepted, dismissed or muted this suggestion. */
export function isDecided(sqlite: Sqlite, suggestionId: number): boolean {
  return sqlite.prepare(`SELECT 1 FROM radar_decisions WHERE suggestion_id = ?`).get(suggestionId) !== undefined;
}

export function decisionsFor(sqlite: Sqlite, topicId: number | null): Decision[] {
  return sqlite
    .prepare(`SELECT term, action, score FROM radar_decisions WHERE topic_id IS ? ORDER BY id`)
    .all(topicId) as Decision[];
}

export function recordDecision(
  sqlite: Sqlite,
  d: Decision & { topicId: number | null; suggestionId: number | null; flagId: number | null; authorId: number | null },
  now: number,
): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO radar_decisions (topic_id, term, action, score, suggestion_id, flag_id, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(d.topicId, d.term, d.action, d.score, d.suggestionId, d.flagId, d.authorId, now).lastInsertRowid,
  );
}
