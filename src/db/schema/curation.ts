import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.js';
import { items } from './items.js';
import { topics } from './sources.js';

const now = sql`(unixepoch('subsec') * 1000)`;

/** A topic's tags: its controlled vocabulary (controlled = 1, kept by curators) plus free tags members add. */
export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    /** Normalised: trimmed, lower-case, single spaces. */
    name: text('name').notNull(),
    controlled: integer('controlled', { mode: 'boolean' }).notNull().default(false),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('tags_topic_name').on(t.topicId, t.name)],
);

export const itemTags = sqliteTable(
  'item_tags',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.tagId] }), index('item_tags_tag').on(t.tagId)],
);

/** Weak-signal flags: one flag may cover several items (flag_items). */
export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    strength: integer('strength').notNull(),
    rationale: text('rationale').notNull(),
    status: text('status', { enum: ['watching', 'confirmed', 'dismissed'] }).notNull().default('watching'),
    statusReason: text('status_reason'),
    statusById: integer('status_by_id').references(() => users.id, { onDelete: 'set null' }),
    statusAt: integer('status_at'),
    /** Flags stay inside the network until a curator makes one public. */
    public: integer('public', { mode: 'boolean' }).notNull().default(false),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('flags_status').on(t.status, t.createdAt), index('flags_topic').on(t.topicId)],
);

export const flagItems = sqliteTable(
  'flag_items',
  {
    flagId: integer('flag_id')
      .notNull()
      .references(() => flags.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.flagId, t.itemId] }), index('flag_items_item').on(t.itemId)],
);

/** Notes in markdown; body_html is the sanitised rendering (the only HTML ever served). */
export const annotations = sqliteTable(
  'annotations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    visibility: text('visibility', { enum: ['topic', 'public'] }).notNull().default('topic'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('annotations_item').on(t.itemId)],
);

/**
 * Approval for republication, made in ONE topic (the curator's acting topic), with a public note. It publishes only
 * in that topic, and only while the topic is public. Unpublishing deletes the row; the audit keeps it.
 */
export const approvals = sqliteTable(
  'approvals',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    note: text('note'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.topicId] }), index('approvals_created').on(t.createdAt), index('approvals_topic').on(t.topicId, t.createdAt)],
);

/** Personal marks: star, save for later. */
export const itemMarks = sqliteTable(
  'item_marks',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    mark: text('mark', { enum: ['star', 'later'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId, t.mark] })],
);

/** A named query (the search API's parameters, JSON) a member keeps and reuses; digests subscribe to them. */
export const savedSearches = sqliteTable(
  'saved_searches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('saved_searches_user').on(t.userId)],
);

/**
 * Who did what and when. The actor's e-mail and display name are copied so the history survives the account;
 * `detail` holds the content (rationale, note, tags, status change and reason).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    itemId: integer('item_id'),
    topicId: integer('topic_id'),
    targetType: text('target_type'),
    targetId: integer('target_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('audit_item').on(t.itemId, t.id),
    index('audit_actor').on(t.actorId, t.id),
    index('audit_topic').on(t.topicId, t.id),
  ],
);
