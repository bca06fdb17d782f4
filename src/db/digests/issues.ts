/** Built digests (owner of `digest_issues` and `digest_sent_items`): one issue per subscription and period. */
import type { Sqlite } from '../client.js';

export interface IssueEntry {
  itemId: number;
  section: 'approved' | 'signal' | 'story' | 'match';
  note: string | null;
  count: number;
}

export interface Issue {
  id: number;
  subscriptionId: number;
  periodStart: number;
  periodEnd: number;
  entries: IssueEntry[];
  createdAt: number;
}

const SELECT = `SELECT id, subscription_id AS subscriptionId, period_start AS periodStart, period_end AS periodEnd, entries, created_at AS createdAt FROM digest_issues`;
type Row = Omit<Issue, 'entries'> & { entries: string };
const fromRow = (r: Row): Issue => ({ ...r, entries: JSON.parse(r.entries) as IssueEntry[] });

export function getIssue(sqlite: Sqlite, id: number): Issue | null {
  const r = sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

export function listIssues(sqlite: Sqlite, subscriptionId: number, limit = 50): Issue[] {
  return (sqlite.prepare(`${SELECT} WHERE subscription_id = ? ORDER BY period_end DESC LIMIT ?`).all(subscriptionId, limit) as Row[]).map(fromRow);
}

/** Writes an issue (once per subscription and period end) and records its items as sent to the member; null if it existed. */
export function insertIssue(sqlite: Sqlite, i: { subscriptionId: number; userId: number; runId: number; periodStart: number; periodEnd: number; entries: readonly IssueEntry[] }, now: number): number | null {
  const res = sqlite
    .prepare(
      `INSERT INTO digest_issues (subscription_id, run_id, period_start, period_end, entries, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(subscription_id, period_end) DO NOTHING`,
    )
    .run(i.subscriptionId, i.runId, i.periodStart, i.periodEnd, JSON.stringify(i.entries), now);
  if (!res.changes) return null;
  const issueId = Number(res.lastInsertRowid);
  const sent = sqlite.prepare(`INSERT OR IGNORE INTO digest_sent_items (user_id, item_id, issue_id) VALUES (?, ?, ?)`);
  for (const e of i.entries) sent.run(i.userId, e.itemId, issueId);
  return issueId;
}

/** Which of these items the member already received in a digest. */
export function sentItemsOf(sqlite: Sqlite, userId: number, itemIds: readonly number[]): number[] {
  return sqlite.prepare(`SELECT item_id FROM digest_sent_items WHERE user_id = ? AND item_id IN (SELECT value FROM json_each(?))`).pluck().all(userId, JSON.stringify(itemIds)) as number[];
}
