import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.js';
import { topics } from './sources.js';

/**
 * The radar's suggestions of one day, per topic (topic_id) and network-wide (topic_id null), with the
 * evidence a curator checks them by. Rewritten for a day and scope each time the radar runs.
 */
export const radarSuggestions = sqliteTable(
  'radar_suggestions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** UTC day, YYYY-MM-DD. */
    day: text('day').notNull(),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
    /** Main (seed) term: what dismiss and mute apply to. */
    term: text('term').notNull(),
    label: text('label').notNull(),
    rank: integer('rank').notNull(),
    score: real('score').notNull(),
    /** Distinct sources carrying the main term in the recent window. */
    sources: integer('sources').notNull(),
    /** The suggestion's whole explanation (terms, counts per day, first seen, carriers, examples with item ids). */
    evidence: text('evidence', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('radar_suggestions_day').on(t.day, t.topicId, t.rank)],
);

/** Curators' decisions on suggestions: accepted (a flag was made), dismissed (with the score then) or muted. */
export const radarDecisions = sqliteTable(
  'radar_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    action: text('action', { enum: ['accepted', 'dismissed', 'muted'] }).notNull(),
    /** Score of the suggestion when the decision was made (a dismissed one comes back only well above it). */
    score: real('score').notNull(),
    suggestionId: integer('suggestion_id'),
    flagId: integer('flag_id'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('radar_decisions_term').on(t.topicId, t.term)],
);
