import type { Sqlite } from '../client.js';

export interface EventItem {
  item: { id: number; title: string | null; url: string | null; source: string | null };
  topic: { slug: string; name: string; public: boolean };
  /** The item's tags in this topic. */
  tags: string[];
}

/** An item as an outbound event about it in one topic describes it (its curation in that topic only). */
export function eventItem(sqlite: Sqlite, itemId: number, topicId: number): EventItem | null {
  const r = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, COALESCE(s.name, s.feed_title, s.slug) AS source, t.slug, t.name, t.public,
         (SELECT json_group_array(tg.name) FROM item_tags it JOIN tags tg ON tg.id = it.tag_id WHERE it.item_id = i.id AND tg.topic_id = t.id) AS tags
       FROM items i JOIN sources s ON s.id = i.source_id JOIN topics t ON t.id = ? WHERE i.id = ?`,
    )
    .get(topicId, itemId) as { id: number; title: string | null; url: string | null; source: string | null; slug: string; name: string; public: number; tags: string } | undefined;
  if (!r) return null;
  return { item: { id: r.id, title: r.title, url: r.url, source: r.source }, topic: { slug: r.slug, name: r.name, public: r.public === 1 }, tags: JSON.parse(r.tags) as string[] };
}
