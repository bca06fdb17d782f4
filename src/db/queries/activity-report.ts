import { csvLine } from '../../lib/csv.js';
import type { Sqlite } from '../client.js';

export interface TopicActivity {
  topic: string;
  name: string;
  gathered: number;
  flagged: number;
  confirmed: number;
  approved: number;
  /** Approved items of public topics: what the public pages and feeds republish. */
  republished: number;
  contributors: number;
  sources: number;
  sourcesFailing: number;
  sourcesPaused: number;
  /** Null when the digest tables do not exist in this installation. */
  digestSubscribers: number | null;
  digestDeliveries: number | null;
}

const hasTable = (sqlite: Sqlite, name: string) => Boolean(sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name));
const hasColumn = (sqlite: Sqlite, table: string, col: string) => (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).includes(col);

/** Counts per topic over [from, to): what the network gathered and curated. Counts only, nothing per reader. */
export function activityReport(sqlite: Sqlite, p: { from: number; to: number; topicIds: number[] | null }): TopicActivity[] {
  const inTopic = `SELECT st.source_id FROM source_topics st WHERE st.topic_id = t.id`;
  const itemInTopic = (alias: string) => `${alias} IN (SELECT i.id FROM items i WHERE i.source_id IN (${inTopic}))`;
  const digest =
    hasTable(sqlite, 'digest_subscriptions') && hasColumn(sqlite, 'digest_subscriptions', 'topic_id')
      ? `(SELECT count(*) FROM digest_subscriptions d WHERE d.topic_id = t.id)`
      : 'NULL';
  const deliveries =
    hasTable(sqlite, 'digest_deliveries') && hasColumn(sqlite, 'digest_deliveries', 'topic_id') && hasColumn(sqlite, 'digest_deliveries', 'created_at')
      ? `(SELECT count(*) FROM digest_deliveries d WHERE d.topic_id = t.id AND d.created_at >= @from AND d.created_at < @to)`
      : 'NULL';
  return sqlite
    .prepare(
      `SELECT t.slug AS topic, t.name,
         (SELECT count(*) FROM items i WHERE i.source_id IN (${inTopic}) AND i.first_seen_at >= @from AND i.first_seen_at < @to) AS gathered,
         (SELECT count(DISTINCT f.id) FROM flags f JOIN flag_items fi ON fi.flag_id = f.id WHERE f.created_at >= @from AND f.created_at < @to
            AND (f.topic_id = t.id OR (f.topic_id IS NULL AND ${itemInTopic('fi.item_id')}))) AS flagged,
         (SELECT count(DISTINCT f.id) FROM flags f JOIN flag_items fi ON fi.flag_id = f.id WHERE f.status = 'confirmed' AND f.status_at >= @from AND f.status_at < @to
            AND (f.topic_id = t.id OR (f.topic_id IS NULL AND ${itemInTopic('fi.item_id')}))) AS confirmed,
         (SELECT count(*) FROM approvals a WHERE a.created_at >= @from AND a.created_at < @to AND (a.topic_id = t.id OR (a.topic_id IS NULL AND ${itemInTopic('a.item_id')}))) AS approved,
         CASE WHEN t.public = 1 THEN (SELECT count(*) FROM approvals a WHERE a.created_at >= @from AND a.created_at < @to AND (a.topic_id = t.id OR (a.topic_id IS NULL AND ${itemInTopic('a.item_id')}))) ELSE 0 END AS republished,
         (SELECT count(DISTINCT al.actor_id) FROM audit_log al WHERE al.topic_id = t.id AND al.actor_id IS NOT NULL AND al.created_at >= @from AND al.created_at < @to) AS contributors,
         (SELECT count(*) FROM sources s WHERE s.id IN (${inTopic}) AND s.deleted_at IS NULL) AS sources,
         (SELECT count(*) FROM sources s WHERE s.id IN (${inTopic}) AND s.deleted_at IS NULL AND s.last_status = 'error') AS sourcesFailing,
         (SELECT count(*) FROM sources s WHERE s.id IN (${inTopic}) AND s.deleted_at IS NULL AND s.enabled = 0) AS sourcesPaused,
         ${digest} AS digestSubscribers, ${deliveries} AS digestDeliveries
       FROM topics t WHERE (@topics IS NULL OR t.id IN (SELECT value FROM json_each(@topics))) ORDER BY t.name`,
    )
    .all({ from: p.from, to: p.to, topics: p.topicIds ? JSON.stringify(p.topicIds) : null }) as TopicActivity[];
}

/** Items gathered per month over [from, to) (network-wide or for the given topics), for the chart. */
export function gatheredByMonth(sqlite: Sqlite, p: { from: number; to: number; topicIds: number[] | null }): { month: string; count: number }[] {
  return sqlite
    .prepare(
      `SELECT strftime('%Y-%m', i.first_seen_at / 1000, 'unixepoch') AS month, count(*) AS count FROM items i
       WHERE i.first_seen_at >= @from AND i.first_seen_at < @to
         AND (@topics IS NULL OR i.source_id IN (SELECT st.source_id FROM source_topics st WHERE st.topic_id IN (SELECT value FROM json_each(@topics))))
       GROUP BY month ORDER BY month`,
    )
    .all({ from: p.from, to: p.to, topics: p.topicIds ? JSON.stringify(p.topicIds) : null }) as { month: string; count: number }[];
}

export const REPORT_COLUMNS = ['gathered', 'flagged', 'confirmed', 'approved', 'republished', 'contributors', 'sources', 'sourcesFailing', 'sourcesPaused', 'digestSubscribers', 'digestDeliveries'] as const;

/** The report as CSV (RFC 4180 quoting, formula-looking text neutralised), one row per topic. */
export function reportCsv(rows: TopicActivity[], period: { from: string; to: string }): string {
  const header = ['topic', 'name', 'from', 'to', ...REPORT_COLUMNS];
  const lines = rows.map((r) => csvLine([r.topic, r.name, period.from, period.to, ...REPORT_COLUMNS.map((k) => r[k])]));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
