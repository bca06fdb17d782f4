import { accessParams, sourceReadableSql, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

export interface SourceHealth {
  slug: string;
  name: string | null;
  kind: string;
  /** As stored: the caller shows it through redactUrl unless canSeeSourceSecrets. */
  url: string | null;
  /** Slugs of the topics the viewer reads. */
  topics: string[];
  /** Ids of all the source's topics (what canSeeSourceSecrets and curation rights are decided on). */
  topicIds: number[];
  tags: string[];
  enabled: boolean;
  origin: 'file' | 'app' | 'cli';
  status: 'ok' | 'not_modified' | 'error' | null;
  error: string | null;
  errorCount: number;
  lastFetchAt: number | null;
  lastSuccessAt: number | null;
  nextFetchAt: number;
  intervalMs: number | null;
  itemCount: number;
  feedTitle: string | null;
}

/** Live sources the viewer may see (one of their topics is readable), by slug; `topic` narrows to one topic. */
export function listSources(sqlite: Sqlite, viewer: Viewer, opts: { topic?: string } = {}): SourceHealth[] {
  const rows = prepared(
    sqlite,
    `SELECT s.slug, COALESCE(s.name, s.feed_title) AS name, s.kind, s.url,
       (SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND ${topicReadableSql(viewer, 't.id')}) AS topics,
       (SELECT json_group_array(st.topic_id) FROM source_topics st WHERE st.source_id = s.id) AS topicIds,
       s.tags, s.enabled, s.origin, s.last_status AS status, s.last_error AS error, s.error_count AS errorCount,
       s.last_fetch_at AS lastFetchAt, s.last_success_at AS lastSuccessAt, s.next_fetch_at AS nextFetchAt,
       COALESCE(s.interval_ms, s.current_interval_ms) AS intervalMs, s.item_count AS itemCount, s.feed_title AS feedTitle
     FROM sources s
     WHERE s.deleted_at IS NULL AND ${sourceReadableSql(viewer, 's.id')}
       AND (@topic IS NULL OR EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.slug = @topic))
     ORDER BY s.slug`,
  ).all({ ...accessParams(viewer), topic: opts.topic ?? null }) as (Omit<SourceHealth, 'topics' | 'topicIds' | 'tags' | 'enabled'> & { topics: string; topicIds: string; tags: string; enabled: number })[];
  return rows.map((r) => ({ ...r, topics: JSON.parse(r.topics), topicIds: JSON.parse(r.topicIds), tags: JSON.parse(r.tags), enabled: r.enabled === 1 }));
}

/**
 * Whether a source with this slug exists and the viewer may see it: a filter on any other answers 404. A deleted
 * source counts (the items someone curated stay, and can still be listed by their source).
 */
export function sourceReadable(sqlite: Sqlite, viewer: Viewer, slug: string): boolean {
  return (
    prepared(sqlite, `SELECT 1 FROM sources s WHERE s.slug = @slug COLLATE NOCASE AND ${sourceReadableSql(viewer, 's.id')}`).get({
      ...accessParams(viewer),
      slug,
    }) !== undefined
  );
}
