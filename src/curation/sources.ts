import type { Sqlite } from '../db/client.js';
import type { FetchRequest, FetchResult } from '../fetch/types.js';
import type { ParseResult } from '../parse/index.js';
import { decodeBody } from '../parse/decode.js';
import { findFeedLinks } from '../sources/discover.js';
import { addSource } from '../sources/manage.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';
import { enqueueOutbox } from '../db/search/outbox.js';

export interface SourceManageDeps {
  sqlite: Sqlite;
  fetch: (req: FetchRequest) => Promise<FetchResult>;
  parse: (input: { body: Buffer; contentType?: string | null; url?: string | null }) => Promise<ParseResult>;
}

export type AddByUrlResult =
  | { ok: true; slug: string; created: boolean; feedUrl: string; discoveredFrom: string | null }
  | { ok: false; code: 'unreachable' | 'no_feed'; message: string };

/**
 * Adds a source from a URL a curator pasted: the URL itself when it is a feed, else the first feed the HTML page
 * advertises with `<link rel=alternate>`. Fetched behind the SSRF guard; stored with origin 'app' so the fetcher
 * keeps guarding it.
 */
export async function addSourceByUrl(deps: SourceManageDeps, actor: Actor, a: { url: string; topicId: number; topicSlug: string; name?: string }, now: number): Promise<AddByUrlResult> {
  const page = await deps.fetch({ url: a.url, guard: true });
  if (!page.ok || page.notModified) return { ok: false, code: 'unreachable', message: page.ok ? `${a.url}: unexpected 304` : page.detail };
  let feedUrl = page.finalUrl;
  let discoveredFrom: string | null = null;
  let parsed = await deps.parse({ body: page.body, contentType: page.contentType, url: page.finalUrl });
  if (!parsed.ok) {
    const candidates = findFeedLinks(decodeBody(page.body, page.contentType).text, page.finalUrl);
    parsed = { ok: false, kind: 'not_a_feed', detail: 'no feed advertised' };
    for (const c of candidates.slice(0, 3)) {
      const res = await deps.fetch({ url: c.url, guard: true });
      if (!res.ok || res.notModified) continue;
      parsed = await deps.parse({ body: res.body, contentType: res.contentType, url: res.finalUrl });
      if (parsed.ok) {
        feedUrl = res.finalUrl;
        discoveredFrom = page.finalUrl;
        break;
      }
    }
    if (!parsed.ok) return { ok: false, code: 'no_feed', message: `${a.url} is not a feed and advertises no readable feed (<link rel="alternate">)` };
  }
  const title = a.name ?? parsed.feed.feed.title ?? null;
  const added = addSource(deps.sqlite, { kind: 'feed', url: feedUrl, name: title, topics: [a.topicSlug], origin: 'app' }, now);
  if (added.created) {
    writeAudit(deps.sqlite, actor, { action: 'source.add', topicId: a.topicId, targetType: 'source', detail: { source: added.slug, url: feedUrl, discoveredFrom } }, now);
  }
  return { ok: true, slug: added.slug, created: added.created, feedUrl, discoveredFrom };
}

export interface ManagedSource {
  id: number;
  slug: string;
  origin: 'file' | 'app' | 'cli';
  enabled: boolean;
  topicIds: number[];
}

export function managedSource(sqlite: Sqlite, slug: string): ManagedSource | null {
  const r = sqlite
    .prepare(
      `SELECT id, slug, origin, enabled, (SELECT json_group_array(topic_id) FROM source_topics WHERE source_id = s.id) AS topicIds
       FROM sources s WHERE slug = ? AND deleted_at IS NULL`,
    )
    .get(slug) as { id: number; slug: string; origin: ManagedSource['origin']; enabled: number; topicIds: string } | undefined;
  return r ? { ...r, enabled: r.enabled === 1, topicIds: JSON.parse(r.topicIds) as number[] } : null;
}

/** Pauses or resumes fetching (app and CLI sources; feeds.yaml decides for its own). */
export function setSourceEnabled(sqlite: Sqlite, actor: Actor, s: ManagedSource, enabled: boolean, now: number): void {
  sqlite.transaction(() => {
    sqlite.prepare(`UPDATE sources SET enabled = ?, next_fetch_at = CASE WHEN ? = 1 THEN 0 ELSE next_fetch_at END, updated_at = ? WHERE id = ?`).run(enabled ? 1 : 0, enabled ? 1 : 0, now, s.id);
    writeAudit(sqlite, actor, { action: enabled ? 'source.resume' : 'source.pause', topicId: s.topicIds[0] ?? null, targetType: 'source', targetId: s.id, detail: { source: s.slug } }, now);
  })();
}

/** An item counts as curated when it carries a tag, flag, annotation, approval or someone's mark. */
const CURATED = `(EXISTS (SELECT 1 FROM item_tags x WHERE x.item_id = i.id) OR EXISTS (SELECT 1 FROM flag_items x WHERE x.item_id = i.id)
  OR EXISTS (SELECT 1 FROM annotations x WHERE x.item_id = i.id AND x.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM approvals x WHERE x.item_id = i.id)
  OR EXISTS (SELECT 1 FROM item_marks x WHERE x.item_id = i.id))`;

/**
 * Deletes a source: it stops being fetched and its uncurated items leave the index; items someone curated stay,
 * with their history. The row is kept (soft delete) because the curated items still point at it.
 */
export function deleteSource(sqlite: Sqlite, actor: Actor, s: ManagedSource, now: number): { removedItems: number; keptItems: number } {
  return sqlite.transaction(() => {
    const drop = sqlite.prepare(`SELECT id FROM items i WHERE i.source_id = ? AND i.deleted_at IS NULL AND NOT ${CURATED}`).pluck().all(s.id) as number[];
    const kept = sqlite.prepare(`SELECT count(*) FROM items i WHERE i.source_id = ? AND i.deleted_at IS NULL AND ${CURATED}`).pluck().get(s.id) as number;
    const mark = sqlite.prepare(`UPDATE items SET deleted_at = ? WHERE id = ?`);
    for (const id of drop) mark.run(now, id);
    enqueueOutbox(sqlite, drop, 'delete', now);
    // Kept items are reindexed too: their source is now shown as deleted.
    touchItems(sqlite, sqlite.prepare(`SELECT id FROM items WHERE source_id = ? AND deleted_at IS NULL`).pluck().all(s.id) as number[], now);
    sqlite.prepare(`UPDATE sources SET enabled = 0, deleted_at = ?, updated_at = ? WHERE id = ?`).run(now, now, s.id);
    writeAudit(sqlite, actor, { action: 'source.delete', topicId: s.topicIds[0] ?? null, targetType: 'source', targetId: s.id, detail: { source: s.slug, removedItems: drop.length, keptItems: kept } }, now);
    return { removedItems: drop.length, keptItems: kept };
  })();
}
