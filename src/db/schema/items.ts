
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sources } from './sources.js';

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    /** Identity within the source: 'g:<guid>', 'u:<canonical url>' or 'h:<hash>' (see ingest/dedupe.ts). */
    dedupeKey: text('dedupe_key').notNull(),
    guid: text('guid'),
    url: text('url'),
    canonicalUrl: text('canonical_url'),
    title: text('title'),
    author: text('author'),
    summary: text('summary'),
    contentHtml: text('content_html'),
    contentText: text('content_text'),
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull().default([]),
    enclosures: text('enclosures', { mode: 'json' })
      .$type<{ url: string; type: string | null; length: number | null }[]>()
      .notNull()
      .default([]),
    lang: text('lang'),
    /** Published time (ms UTC): the feed's date, else first-seen; never in the future. */
    publishedAt: integer('published_at').notNull(),
    /** True when publishedAt came from the feed rather than the first-seen fallback. */
    publishedFromFeed: integer('published_from_feed', { mode: 'boolean' }).notNull().default(true),
    firstSeenAt: integer('first_seen_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Hash of the fields that matter to readers; an update happens only when it changes. */
    contentHash: text('content_hash').notNull(),
    /** 64-bit similarity hash over title + text (hex), for near-duplicate clusters across sources. */
    simhash: text('simhash'),
    /** Id of the first item of this item's story cluster (itself when alone). */
    clusterId: integer('cluster_id'),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    uniqueIndex('items_source_key').on(t.sourceId, t.dedupeKey),
    index('items_published').on(t.publishedAt, t.id),
    index('items_source_published').on(t.sourceId, t.publishedAt),
    index('items_cluster').on(t.clusterId),
    index('items_canonical').on(t.canonicalUrl),
  ],
);

/** Locality-sensitive buckets of items' simhashes (4 bands of 16 bits) to find near-duplicates fast. */
export const itemBands = sqliteTable(
  'item_bands',
  {
    band: integer('band').notNull(),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    publishedAt: integer('published_at').notNull(),
  },
  (t) => [index('item_bands_band').on(t.band, t.publishedAt), index('item_bands_item').on(t.itemId)],
);
