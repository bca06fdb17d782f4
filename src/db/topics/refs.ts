import type { Sqlite } from '../client.js';
import type { TopicRef } from '../../access/viewer.js';

/** Every topic's id, slug and public flag: what a viewer is built from (a handful of rows, read per request). */
export function listTopicRefs(sqlite: Sqlite): TopicRef[] {
  return (sqlite.prepare(`SELECT id, slug, public FROM topics ORDER BY id`).all() as { id: number; slug: string; public: number }[]).map((t) => ({
    id: t.id,
    slug: t.slug,
    public: t.public === 1,
  }));
}
