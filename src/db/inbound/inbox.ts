/**
 * What curators see of a newsletter source's mailbox: sign-up confirmations to click, held (rate-limited) and
 * unreadable messages, and the links removed from each item (the raw message keeps them).
 */
import type { Sqlite } from '../client.js';

export interface InboxEntry {
  id: number;
  receivedAt: number;
  via: 'smtp' | 'imap';
  sender: string | null;
  from: string | null;
  subject: string | null;
  status: 'item' | 'confirmation' | 'held' | 'unrouted' | 'error';
  itemId: number | null;
  confirmUrl: string | null;
  handledAt: number | null;
  error: string | null;
  removedLinks: { url: string; text: string; why: string }[];
  size: number;
}

type Row = Omit<InboxEntry, 'removedLinks'> & { removedLinks: string };

export function listInbox(sqlite: Sqlite, sourceId: number | null, opts: { status?: InboxEntry['status']; limit?: number } = {}): InboxEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT id, received_at AS receivedAt, via, sender, from_header AS "from", subject, status, item_id AS itemId,
         confirm_url AS confirmUrl, handled_at AS handledAt, error, removed_links AS removedLinks, size
       FROM inbound_emails WHERE source_id IS @sourceId AND (@status IS NULL OR status = @status)
       ORDER BY received_at DESC, id DESC LIMIT @limit`,
    )
    .all({ sourceId, status: opts.status ?? null, limit: opts.limit ?? 50 }) as Row[];
  return rows.map((r) => ({ ...r, removedLinks: JSON.parse(r.removedLinks) as InboxEntry['removedLinks'] }));
}

/** Confirmations not yet dealt with, across newsletter sources (for a curator's to-do list). */
export function pendingConfirmations(sqlite: Sqlite): { id: number; sourceId: number; slug: string; subject: string | null; from: string | null; confirmUrl: string; receivedAt: number }[] {
  return sqlite
    .prepare(
      `SELECT e.id, e.source_id AS sourceId, s.slug, e.subject, e.from_header AS "from", e.confirm_url AS confirmUrl, e.received_at AS receivedAt
       FROM inbound_emails e JOIN sources s ON s.id = e.source_id
       WHERE e.status = 'confirmation' AND e.handled_at IS NULL ORDER BY e.received_at DESC`,
    )
    .all() as ReturnType<typeof pendingConfirmations>;
}

/** A curator clicked the confirmation link: it leaves the to-do list. */
export function markConfirmationHandled(sqlite: Sqlite, emailId: number, now: number): boolean {
  return sqlite.prepare(`UPDATE inbound_emails SET handled_at = ? WHERE id = ? AND status = 'confirmation'`).run(now, emailId).changes > 0;
}

/** The raw bytes of a stored message (for curators, and to process it again). */
export function rawEmail(sqlite: Sqlite, emailId: number): Buffer | null {
  return (sqlite.prepare(`SELECT raw FROM inbound_emails WHERE id = ?`).pluck().get(emailId) as Buffer | undefined) ?? null;
}
