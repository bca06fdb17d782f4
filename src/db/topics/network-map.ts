import { accessParams, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

export interface NetworkMap {
  topics: { id: number; slug: string; name: string; public: boolean }[];
  sources: { topicId: number; slug: string; name: string; failing: boolean }[];
  people: { topicId: number | null; name: string; role: 'curator' | 'member' }[];
  /** Story clusters reported in two topics (pairs with a < b), since `since`. */
  shared: { a: number; b: number; clusters: number }[];
}

/** Who watches what, as far as the viewer reads: readable topics, their sources and people, the stories they share. */
export function networkMap(sqlite: Sqlite, viewer: Viewer, since: number): NetworkMap {
  const p = accessParams(viewer);
  const readable = (expr: string) => topicReadableSql(viewer, expr);
  const topics = (prepared(sqlite, `SELECT id, slug, name, public FROM topics t WHERE ${readable('t.id')} ORDER BY name`).all(p) as { id: number; slug: string; name: string; public: number }[]).map((t) => ({
    ...t,
    public: t.public === 1,
  }));
  const sources = (
    prepared(
      sqlite,
      `SELECT st.topic_id AS topicId, s.slug, COALESCE(s.name, s.feed_title, s.slug) AS name, s.last_status = 'error' AS failing
       FROM source_topics st JOIN sources s ON s.id = st.source_id WHERE s.deleted_at IS NULL AND ${readable('st.topic_id')} ORDER BY s.slug`,
    ).all(p) as { topicId: number; slug: string; name: string; failing: number }[]
  ).map((s) => ({ ...s, failing: s.failing === 1 }));
  const people = prepared(
    sqlite,
    `SELECT m.topic_id AS topicId, u.display_name AS name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE u.deleted_at IS NULL AND (m.topic_id IS NULL OR ${readable('m.topic_id')}) ORDER BY m.role, u.display_name`,
  ).all(p) as NetworkMap['people'];
  const shared = prepared(
    sqlite,
    `WITH ct AS (SELECT DISTINCT i.cluster_id AS c, st.topic_id AS t FROM items i JOIN source_topics st ON st.source_id = i.source_id
                 WHERE i.cluster_id IS NOT NULL AND i.deleted_at IS NULL AND i.published_at >= @since AND ${readable('st.topic_id')})
     SELECT a.t AS a, b.t AS b, count(*) AS clusters FROM ct a JOIN ct b ON a.c = b.c AND a.t < b.t GROUP BY a.t, b.t ORDER BY clusters DESC`,
  ).all({ ...p, since }) as NetworkMap['shared'];
  return { topics, sources, people, shared };
}
