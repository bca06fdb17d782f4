import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.js';
import { savedSearches } from './curation.js';
import { items } from './items.js';
import { topics } from './sources.js';

/**
 * A member's digest: what (topic, tag, saved search or confirmed weak signals), when (frequency, day, hour, time
 * zone) and in which language. Targets are kept as `set null` references plus a label, so a deleted topic or saved
 * search pauses the subscription with a reason instead of silently removing it.
 */
export const digestSubscriptions = sqliteTable(
  'digest_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['topic', 'tag', 'saved_search', 'signals'] }).notNull(),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    /** Normalised tag name (tags are matched by name across the topics the member can read). */
    tagName: text('tag_name'),
    savedSearchId: integer('saved_search_id').references(() => savedSearches.id, { onDelete: 'set null' }),
    /** Topic slug, tag name or saved search name at subscription time: names the target once it is gone. */
    label: text('label').notNull(),
    frequency: text('frequency', { enum: ['daily', 'weekly', 'monthly'] }).notNull().default('daily'),
    /** Weekly: 1 = Monday … 7 = Sunday; monthly: day of month 1–28. */
    day: integer('day').notNull().default(1),
    hour: integer('hour').notNull().default(8),
    timeZone: text('time_zone').notNull(),
    lang: text('lang', { enum: ['fr', 'en'] }).notNull(),
    /** A topic's official digest, created by its curators. */
    official: integer('official', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: ['active', 'paused', 'unsubscribed'] }).notNull().default('active'),
    pausedReason: text('paused_reason'),
    /** Secret of the one-click unsubscribe link and of the private feed URL. */
    token: text('token').notNull().unique(),
    /** Next scheduled send (ms UTC) and the end of the last period covered. */
    nextDueAt: integer('next_due_at').notNull(),
    lastPeriodEnd: integer('last_period_end'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('digest_subs_due').on(t.status, t.nextDueAt), index('digest_subs_user').on(t.userId)],
);

/** One built digest (a subscription's period): what the e-mail, the web page and the feed show. */
export const digestIssues = sqliteTable(
  'digest_issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: 'cascade' }),
    runId: integer('run_id'),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    /** Ordered entries: [{ itemId, section, note, count }]. */
    entries: text('entries', { mode: 'json' }).$type<{ itemId: number; section: 'approved' | 'signal' | 'story' | 'match'; note: string | null; count: number }[]>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('digest_issues_period').on(t.subscriptionId, t.periodEnd)],
);

export const digestRuns = sqliteTable('digest_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  owner: text('owner').notNull(),
  trigger: text('trigger', { enum: ['schedule', 'now'] }).notNull(),
  status: text('status', { enum: ['running', 'done'] }).notNull().default('running'),
  built: integer('built').notNull().default(0),
  sent: integer('sent').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
});

/**
 * One e-mail to one recipient. 'sending' is written before the SMTP transaction starts: a row still 'sending' after
 * a crash is the one whose answer was lost, resent with the same Message-ID.
 */
export const digestDeliveries = sqliteTable(
  'digest_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    issueId: integer('issue_id')
      .notNull()
      .unique()
      .references(() => digestIssues.id, { onDelete: 'cascade' }),
    runId: integer('run_id').notNull(),
    email: text('email').notNull(),
    messageId: text('message_id').notNull().unique(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    smtpResponse: text('smtp_response'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [index('digest_deliveries_status').on(t.status, t.id)],
);

/** Items a member already received in a digest: never repeated. */
export const digestSentItems = sqliteTable(
  'digest_sent_items',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    issueId: integer('issue_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] })],
);
