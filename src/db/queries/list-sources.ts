import type { Sqlite } from '../client.js';

export interface SourceHealth {
  slug: string;
  name: string | null;
  kind: string;
  url: string | null;
  topics: string[];
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

export function listSources(sqlite: Sqlite, opts: { topic?: string; publicTopicsOnly?: boolean } = {}): SourceHealth[] {
  const rows = sqlite
    .prepare(
      `SELECT s.slug, COALESCE(s.name, s.feed_title) AS name, s.kind, s.url,
         (SELECT json_group_array(t.slug) FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id) AS topics,
         s.tags, s.enabled, s.origin, s.last_status AS status, s.last_error AS error, s.error_count AS errorCount,
         s.last_fetch_at AS lastFetchAt, s.last_success_at AS lastSuccessAt, s.next_fetch_at AS nextFetchAt,
         COALESCE(s.interval_ms, s.current_interval_ms) AS intervalMs, s.item_count AS itemCount, s.feed_title AS feedTitle
       FROM sources s
       WHERE s.deleted_at IS NULL
         AND (@topic IS NULL OR EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.slug = @topic))
         AND (@pub = 0 OR NOT EXISTS (SELECT 1 FROM source_topics st JOIN topics t ON t.id = st.topic_id WHERE st.source_id = s.id AND t.public = 0))
       ORDER BY s.slug`,
    )
    .all({ topic: opts.topic ?? null, pub: opts.publicTopicsOnly ? 1 : 0 }) as (Omit<SourceHealth, 'topics' | 'tags' | 'enabled'> & { topics: string; tags: string; enabled: number })[];
  return rows.map((r) => ({ ...r, topics: JSON.parse(r.topics), tags: JSON.parse(r.tags), enabled: r.enabled === 1 }));
}
