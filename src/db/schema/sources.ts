import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(unixepoch('subsec') * 1000)`;

export const topics = sqliteTable('topics', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  public: integer('public', { mode: 'boolean' }).notNull().default(true),
  /** 'file' when declared in feeds.yaml (the file wins), 'app' when created in the app. */
  origin: text('origin', { enum: ['file', 'app'] }).notNull().default('app'),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    kind: text('kind').notNull(),
    name: text('name'),
    url: text('url'),
    /** Kind-specific settings as declared (JSON). */
    settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    lang: text('lang'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** 'file' (feeds.yaml), 'cli' (operator: trusted) or 'app' (curators: fetched behind the SSRF guard). */
    origin: text('origin', { enum: ['file', 'app', 'cli'] }).notNull().default('app'),
    /** Configured interval (ms); null = adaptive. */
    intervalMs: integer('interval_ms'),
    /** Fetch state. */
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchAt: integer('last_fetch_at'),
    lastSuccessAt: integer('last_success_at'),
    lastStatus: text('last_status', { enum: ['ok', 'not_modified', 'error'] }),
    lastError: text('last_error'),
    errorCount: integer('error_count').notNull().default(0),
    nextFetchAt: integer('next_fetch_at').notNull().default(0),
    /** Adaptive interval currently in force (ms). */
    currentIntervalMs: integer('current_interval_ms'),
    /** False once a feed was seen repeating guids for different entries: identity falls back to URL. */
    guidsUnique: integer('guids_unique', { mode: 'boolean' }).notNull().default(true),
    feedTitle: text('feed_title'),
    feedLink: text('feed_link'),
    itemCount: integer('item_count').notNull().default(0),
    deletedAt: integer('deleted_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('sources_next_fetch').on(t.enabled, t.nextFetchAt)],
);

export const sourceTopics = sqliteTable(
  'source_topics',
  {
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.topicId] }), index('source_topics_topic').on(t.topicId)],
);

export const fetchLog = sqliteTable(
  'fetch_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    startedAt: integer('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    status: text('status', { enum: ['ok', 'not_modified', 'error'] }).notNull(),
    httpStatus: integer('http_status'),
    bytes: integer('bytes'),
    itemsSeen: integer('items_seen').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
    itemsUpdated: integer('items_updated').notNull().default(0),
    error: text('error'),
  },
  (t) => [index('fetch_log_source').on(t.sourceId, t.startedAt)],
);
