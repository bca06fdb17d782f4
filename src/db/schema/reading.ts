import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.js';
import { items } from './items.js';

/** Read state per member: a row once the member opened the item (no row = unread). Private to the member. */
export const itemReads = sqliteTable(
  'item_reads',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    readAt: integer('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] }), index('item_reads_item').on(t.itemId)],
);

/** A member's interface preferences (the language of the web pages; null = follow the browser). */
export const userPrefs = sqliteTable('user_prefs', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  locale: text('locale'),
  updatedAt: integer('updated_at').notNull(),
});
