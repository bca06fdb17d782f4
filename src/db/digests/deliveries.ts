/** Digest e-mails (owner of `digest_deliveries`): one row per issue, marked before and after the SMTP transaction. */
import type { Sqlite } from '../client.js';

export interface PendingDelivery {
  id: number;
  issueId: number;
  email: string;
  messageId: string;
  status: 'pending' | 'sending';
  attempts: number;
}

export function insertDelivery(sqlite: Sqlite, d: { issueId: number; runId: number; email: string; messageId: string }, now: number): void {
  sqlite.prepare(`INSERT INTO digest_deliveries (issue_id, run_id, email, message_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`).run(d.issueId, d.runId, d.email, d.messageId, now, now);
}

export function listPendingDeliveries(sqlite: Sqlite): PendingDelivery[] {
  return sqlite.prepare(`SELECT id, issue_id AS issueId, email, message_id AS messageId, status, attempts FROM digest_deliveries WHERE status IN ('pending', 'sending') ORDER BY id`).all() as PendingDelivery[];
}

export function hasPendingDeliveries(sqlite: Sqlite): boolean {
  return sqlite.prepare(`SELECT 1 FROM digest_deliveries WHERE status IN ('pending', 'sending') LIMIT 1`).get() !== undefined;
}

export function markSending(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE digest_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?`).run(now, id);
}

export function finishDelivery(sqlite: Sqlite, id: number, f: { status: 'sent' | 'failed' | 'pending'; response: string | null; nextAttemptAt: number; sentAt: number | null }, now: number): void {
  sqlite.prepare(`UPDATE digest_deliveries SET status = ?, smtp_response = ?, next_attempt_at = ?, sent_at = ?, updated_at = ? WHERE id = ?`).run(f.status, f.response, f.nextAttemptAt, f.sentAt, now, id);
}

/** Delivery state of an issue's e-mail, for the archive screen. */
export function issueDelivery(sqlite: Sqlite, issueId: number): { status: string; smtpResponse: string | null; attempts: number } | null {
  return (
    (sqlite.prepare(`SELECT status, smtp_response AS smtpResponse, attempts FROM digest_deliveries WHERE issue_id = ?`).get(issueId) as
      | { status: string; smtpResponse: string | null; attempts: number }
      | undefined) ?? null
  );
}
