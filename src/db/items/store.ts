import type { Sqlite } from '../client.js';
import type { KeyedItem } from '../../ingest/dedupe.js';
import { hammingDistance, simhash, simhashBands } from '../../text/simhash.js';
import { enqueueItems } from '../search/outbox.js';

export interface StoreResult {
  seen: number;
  inserted: number[];
  updated: number[];
  unchanged: number;
}

/** How close two simhashes must be to count as the same story, and how far back to look for one. */
const NEAR_DUPLICATE_BITS = 3;
const CLUSTER_WINDOW_MS = 7 * 86_400_000;

type Existing = { id: number; contentHash: string; publishedAt: number; publishedFromFeed: number };

/**
 * The hot path of ingestion (owner: src/db/items — items, item_bands, clusters), on prepared statements: inserts
 * new items, updates changed ones, and queues each for the search index in the same transaction. Near-duplicates
 * across sources join one story cluster. The SimHash comes with the item when the parse worker computed it.
 * `store` runs in a transaction of its own, or as a savepoint of the caller's (a batch of sources).
 */
export function createItemStore(sqlite: Sqlite) {
  const byKey = sqlite.prepare(
    `SELECT id, content_hash AS contentHash, published_at AS publishedAt, published_from_feed AS publishedFromFeed
     FROM items WHERE source_id = ? AND dedupe_key = ?`,
  );
  const byUrl = sqlite.prepare(
    `SELECT id, content_hash AS contentHash, published_at AS publishedAt, published_from_feed AS publishedFromFeed
     FROM items WHERE source_id = @sourceId AND canonical_url = @url AND (guid IS NULL OR guid = @guid OR @anyGuid = 1) LIMIT 1`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO items (source_id, dedupe_key, guid, url, canonical_url, title, author, summary, content_html, content_text,
       categories, enclosures, lang, published_at, published_from_feed, first_seen_at, updated_at, content_hash, simhash)
     VALUES (@sourceId, @dedupeKey, @guid, @url, @canonicalUrl, @title, @author, @summary, @contentHtml, @contentText,
       @categories, @enclosures, @lang, @publishedAt, @publishedFromFeed, @now, @now, @contentHash, @simhash)`,
  );
  const update = sqlite.prepare(
    `UPDATE items SET dedupe_key = @dedupeKey, guid = @guid, url = @url, canonical_url = @canonicalUrl, title = @title,
       author = @author, summary = @summary, content_html = @contentHtml, content_text = @contentText,
       categories = @categories, enclosures = @enclosures, lang = @lang, published_at = @publishedAt,
       published_from_feed = @publishedFromFeed, updated_at = @now, content_hash = @contentHash, simhash = @simhash,
       deleted_at = NULL
     WHERE id = @id`,
  );
  const setCluster = sqlite.prepare(`UPDATE items SET cluster_id = ? WHERE id = ?`);
  const sameUrlElsewhere = sqlite.prepare(
    `SELECT cluster_id FROM items WHERE canonical_url = ? AND source_id != ? AND cluster_id IS NOT NULL ORDER BY id LIMIT 1`,
  ).pluck();
  const bandCandidates = sqlite.prepare(
    `SELECT i.id, i.cluster_id AS clusterId, i.simhash FROM item_bands b JOIN items i ON i.id = b.item_id
     WHERE b.band IN (?, ?, ?, ?) AND b.published_at >= ? AND i.source_id != ? LIMIT 40`,
  );
  const insertBand = sqlite.prepare(`INSERT INTO item_bands (band, item_id, published_at) VALUES (?, ?, ?)`);

  function findCluster(sourceId: number, canonicalUrl: string | null, hash: string | null, publishedAt: number): number | null {
    if (canonicalUrl) {
      const c = sameUrlElsewhere.get(canonicalUrl, sourceId) as number | undefined;
      if (c) return c;
    }
    if (!hash) return null;
    const candidates = bandCandidates.all(...simhashBands(hash), publishedAt - CLUSTER_WINDOW_MS, sourceId) as { id: number; clusterId: number | null; simhash: string }[];
    for (const cand of candidates) {
      if (hammingDistance(hash, cand.simhash) <= NEAR_DUPLICATE_BITS) return cand.clusterId ?? cand.id;
    }
    return null;
  }

  function publishedOf(item: KeyedItem, now: number, existing?: Existing): { publishedAt: number; publishedFromFeed: number } {
    const t = item.published ? Date.parse(item.published) : NaN;
    // A date in the future is wrong: the item is dated when it was seen.
    if (Number.isFinite(t)) return { publishedAt: Math.min(t, now), publishedFromFeed: 1 };
    // No usable date: keep the first-seen time we already have.
    return existing ? { publishedAt: existing.publishedAt, publishedFromFeed: existing.publishedFromFeed } : { publishedAt: now, publishedFromFeed: 0 };
  }

  function store(sourceId: number, items: KeyedItem[], now: number, useGuid: boolean): StoreResult {
    const result: StoreResult = { seen: items.length, inserted: [], updated: [], unchanged: 0 };
    sqlite.transaction(() => {
      for (const item of items) {
        let existing = byKey.get(sourceId, item.dedupeKey) as Existing | undefined;
        if (!existing && item.canonicalUrl) {
          existing = byUrl.get({ sourceId, url: item.canonicalUrl, guid: item.guid, anyGuid: useGuid ? 0 : 1 }) as Existing | undefined;
        }
        const dates = publishedOf(item, now, existing);
        if (existing && existing.contentHash === item.contentHash && (!item.published || existing.publishedAt === dates.publishedAt)) {
          result.unchanged++;
          continue;
        }
        const hash = item.simhash !== undefined ? item.simhash : simhash(item.title, item.contentText ?? item.summary);
        const row = {
          sourceId,
          dedupeKey: item.dedupeKey,
          guid: item.guid,
          url: item.url,
          canonicalUrl: item.canonicalUrl,
          title: item.title,
          author: item.author,
          summary: item.summary,
          contentHtml: item.contentHtml,
          contentText: item.contentText,
          categories: JSON.stringify(item.categories),
          enclosures: JSON.stringify(item.enclosures),
          lang: item.lang,
          ...dates,
          now,
          contentHash: item.contentHash,
          simhash: hash,
        };
        if (existing) {
          update.run({ ...row, id: existing.id });
          result.updated.push(existing.id);
          continue;
        }
        const id = Number(insert.run(row).lastInsertRowid);
        setCluster.run(findCluster(sourceId, item.canonicalUrl, hash, dates.publishedAt) ?? id, id);
        if (hash) for (const band of simhashBands(hash)) insertBand.run(band, id, dates.publishedAt);
        result.inserted.push(id);
      }
      enqueueItems(sqlite, result.updated.length ? [...result.updated, ...result.inserted] : result.inserted, now);
    })();
    return result;
  }

  return { store };
}

export type ItemStore = ReturnType<typeof createItemStore>;
