import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.js';
import { topics } from './sources.js';

/**
 * Where a topic's watch is pushed (curators configure them) or where a member's alerts go: webhooks, chat (Slack-
 * compatible, Matrix, ntfy) and the network's social accounts (Mastodon, Bluesky). `token` is the credential the
 * target needs (kept to send; never shown again); `secret` signs webhook bodies.
 */
export const channels = sqliteTable(
  'channels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['webhook', 'slack', 'matrix', 'ntfy', 'mastodon', 'bluesky'] }).notNull(),
    name: text('name'),
    url: text('url').notNull(),
    token: text('token'),
    room: text('room'),
    handle: text('handle'),
    secret: text('secret'),
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    disabledReason: text('disabled_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('channels_topic').on(t.topicId), index('channels_user').on(t.userId)],
);

/**
 * One outbound message: an event for a channel, written in the transaction of what caused it, sent by the outbound
 * worker under a short lease, retried with backoff, never twice (one row per channel and event key).
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    eventKey: text('event_key').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed', 'cancelled'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: integer('claimed_until'),
    response: text('response'),
    /** What the target answered as the post's id (Mastodon status id, Bluesky record uri), for deleting it later. */
    remoteId: text('remote_id'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [uniqueIndex('deliveries_channel_key').on(t.channelId, t.eventKey), index('deliveries_due').on(t.status, t.nextAttemptAt)],
);
