import { accessParams, itemReadableSql, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

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
  /** Members subscribed to the topic's digest (active or paused). */
  digestSubscribers: number;
  /** Topic digests e-mailed in the period. */
  digestDeliveries: number;
}

/**
 * Counts per topic over [from, to): what the network gathered and curated, for the topics asked for (null = all) that
 * the viewer reads. Counts only, nothing per reader.
 */
export function activityReport(sqlite: Sqlite, viewer: Viewer, p: { from: number; to: number; topicIds: number[] | null }): TopicActivity[] {
  const inTopic = `SELECT st.source_id FROM source_topics st WHERE st.topic_id = t.id`;
  const itemInTopic = (alias: string) => `${alias} IN (SELECT i.id FROM items i WHERE i.source_id IN (${inTopic}))`;
  const digest = `(SELECT count(*) FROM digest_subscriptions d WHERE d.kind = 'topic' AND d.topic_id = t.id AND d.status != 'unsubscribed')`;
  const deliveries = `(SELECT count(*) FROM digest_deliveries dd JOIN digest_issues di ON di.id = dd.issue_id JOIN digest_subscriptions d ON d.id = di.subscription_id
     WHERE d.kind = 'topic' AND d.topic_id = t.id AND dd.status = 'sent' AND dd.sent_at >= @from AND dd.sent_at < @to)`;
  return prepared(
    sqlite,
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
       FROM topics t WHERE (@topics IS NULL OR t.id IN (SELECT value FROM json_each(@topics))) AND ${topicReadableSql(viewer, 't.id')} ORDER BY t.name`,
  ).all({ ...accessParams(viewer), from: p.from, to: p.to, topics: p.topicIds ? JSON.stringify(p.topicIds) : null }) as TopicActivity[];
}

/** Readable items gathered per month over [from, to) (network-wide or for the given topics), for the chart. */
export function gatheredByMonth(sqlite: Sqlite, viewer: Viewer, p: { from: number; to: number; topicIds: number[] | null }): { month: string; count: number }[] {
  return prepared(
    sqlite,
    `SELECT strftime('%Y-%m', i.first_seen_at / 1000, 'unixepoch') AS month, count(*) AS count FROM items i
       WHERE i.first_seen_at >= @from AND i.first_seen_at < @to AND ${itemReadableSql(viewer, 'i.source_id')}
         AND (@topics IS NULL OR i.source_id IN (SELECT st.source_id FROM source_topics st WHERE st.topic_id IN (SELECT value FROM json_each(@topics))))
       GROUP BY month ORDER BY month`,
  ).all({ ...accessParams(viewer), from: p.from, to: p.to, topics: p.topicIds ? JSON.stringify(p.topicIds) : null }) as { month: string; count: number }[];
}

export const REPORT_COLUMNS = ['gathered', 'flagged', 'confirmed', 'approved', 'republished', 'contributors', 'sources', 'sourcesFailing', 'sourcesPaused', 'digestSubscribers', 'digestDeliveries'] as const;

/** The report as CSV (RFC 4180 quoting), one row per topic. */
export function reportCsv(rows: TopicActivity[], period: { from: string; to: string }): string {
  const quote = (v: string | number) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const header = ['topic', 'name', 'from', 'to', ...REPORT_COLUMNS];
  const lines = rows.map((r) => [r.topic, r.name, period.from, period.to, ...REPORT_COLUMNS.map((k) => r[k])].map(quote).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
