import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { items } from './items.js';
import { sources } from './sources.js';

/**
 * Every e-mail received for a newsletter source (SMTP or IMAP), raw bytes kept so nothing is lost and a message can
 * be processed again. `status` says what became of it: an item, a sign-up confirmation waiting for a curator, or why not.
 */
export const inboundEmails = sqliteTable(
  'inbound_emails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null when the message could not be routed to a source (IMAP mailbox only). */
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    via: text('via', { enum: ['smtp', 'imap'] }).notNull(),
    receivedAt: integer('received_at').notNull(),
    /** Envelope sender (SMTP MAIL FROM) or the From address (IMAP), lower-cased; the rate limit counts on it. */
    sender: text('sender'),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull().default([]),
    messageId: text('message_id'),
    subject: text('subject'),
    fromHeader: text('from_header'),
    size: integer('size').notNull(),
    raw: blob('raw', { mode: 'buffer' }).notNull(),
    status: text('status', { enum: ['item', 'confirmation', 'held', 'unrouted', 'error'] }).notNull(),
    itemId: integer('item_id').references(() => items.id, { onDelete: 'set null' }),
    /** For sign-up confirmations: the link a curator clicks to confirm the network's subscription. */
    confirmUrl: text('confirm_url'),
    /** Links found in the message (after removing the network's own subscription links), JSON. */
    links: text('links', { mode: 'json' }).$type<{ url: string; text: string }[]>().notNull().default([]),
    /** Links removed from the item as shown (unsubscribe, preferences, tracking), JSON, for curators. */
    removedLinks: text('removed_links', { mode: 'json' }).$type<{ url: string; text: string; why: string }[]>().notNull().default([]),
    error: text('error'),
    /** When a curator dealt with a confirmation (clicked the link). */
    handledAt: integer('handled_at'),
    processedAt: integer('processed_at').notNull(),
  },
  (t) => [
    index('inbound_emails_source').on(t.sourceId, t.receivedAt),
    index('inbound_emails_sender').on(t.sourceId, t.sender, t.receivedAt),
    index('inbound_emails_message').on(t.sourceId, t.messageId),
    index('inbound_emails_status').on(t.status, t.receivedAt),
  ],
);
