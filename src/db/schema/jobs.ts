import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Generic leases: a row per piece of work being done (key like 'source:12', 'digest:run:5'). */
export const leases = sqliteTable('leases', {
  key: text('key').primaryKey(),
  owner: text('owner').notNull(),
  claimedUntil: integer('claimed_until').notNull(),
});

/**
 * Written in the same transaction as each change the search index must see; drained by the index sync
 * (ids and an operation only: the drain rebuilds documents from SQLite).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entity: text('entity', { enum: ['item'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    doneAt: integer('done_at'),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending').on(t.doneAt, t.nextAttemptAt, t.id)],
);

/** Small key/value facts about the instance (last fetch cycle, schema notes). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
});
