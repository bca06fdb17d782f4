/** Built digests (issues): the archive per subscription, and the model each output renders. */
import type { Sqlite } from '../db/client.js';
import { loadDigestItems, type DigestModel } from './model.js';
import type { Entry } from './select.js';
import type { Subscription } from './subscriptions.js';

/** Items an e-mail shows before "N more on the web". */
export const EMAIL_CAP = 15;

export interface Issue {
  id: number;
  subscriptionId: number;
  periodStart: number;
  periodEnd: number;
  entries: Entry[];
  createdAt: number;
}

const SELECT = `SELECT id, subscription_id AS subscriptionId, period_start AS periodStart, period_end AS periodEnd, entries, created_at AS createdAt FROM digest_issues`;
type Row = Omit<Issue, 'entries'> & { entries: string };
const fromRow = (r: Row): Issue => ({ ...r, entries: JSON.parse(r.entries) as Entry[] });

export function getIssue(sqlite: Sqlite, id: number): Issue | null {
  const r = sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

export function listIssues(sqlite: Sqlite, subscriptionId: number, limit = 50): Issue[] {
  return (sqlite.prepare(`${SELECT} WHERE subscription_id = ? ORDER BY period_end DESC LIMIT ?`).all(subscriptionId, limit) as Row[]).map(fromRow);
}

export function digestModel(sqlite: Sqlite, sub: Subscription, p: { periodStart: number; periodEnd: number; entries: readonly Entry[] }, publicUrl: string, cap = EMAIL_CAP): DigestModel {
  return {
    subscriptionId: sub.id,
    label: sub.label,
    kind: sub.kind,
    frequency: sub.frequency,
    lang: sub.lang,
    timeZone: sub.timeZone,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    // Only what will be shown is loaded: an e-mail needs its first `cap` items and the count of the rest.
    items: loadDigestItems(sqlite, p.entries.slice(0, cap), publicUrl),
    total: p.entries.length,
    cap,
  };
}

/** Delivery state of an issue's e-mail, for the archive screen. */
export function issueDelivery(sqlite: Sqlite, issueId: number): { status: string; smtpResponse: string | null; attempts: number } | null {
  return (
    (sqlite.prepare(`SELECT status, smtp_response AS smtpResponse, attempts FROM digest_deliveries WHERE issue_id = ?`).get(issueId) as
      | { status: string; smtpResponse: string | null; attempts: number }
      | undefined) ?? null
  );
}
