/** The `inbound_emails` rows the push path of newsletters writes and reads (src/inbound/receive.ts). */
import type { Sqlite } from '../client.js';

export interface NewInboundEmail {
  sourceId: number | null;
  via: 'smtp' | 'imap';
  receivedAt: number;
  sender: string | null;
  recipients: string[];
  messageId: string | null;
  subject: string | null;
  fromHeader: string | null;
  raw: Buffer;
  status: 'item' | 'confirmation' | 'held' | 'unrouted' | 'error';
  confirmUrl: string | null;
  links: unknown[];
  removedLinks: unknown[];
  error: string | null;
}

/** Keeps a message (raw bytes included); returns its id. */
export function insertInboundEmail(sqlite: Sqlite, e: NewInboundEmail): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO inbound_emails (source_id, via, received_at, sender, recipients, message_id, subject, from_header, size, raw, status,
           confirm_url, links, removed_links, error, processed_at)
         VALUES (@sourceId, @via, @now, @sender, @recipients, @messageId, @subject, @fromHeader, @size, @raw, @status, @confirmUrl, @links, @removed, @error, @now)`,
      )
      .run({
        sourceId: e.sourceId,
        via: e.via,
        now: e.receivedAt,
        sender: e.sender,
        recipients: JSON.stringify(e.recipients),
        messageId: e.messageId,
        subject: e.subject,
        fromHeader: e.fromHeader,
        size: e.raw.length,
        raw: e.raw,
        status: e.status,
        confirmUrl: e.confirmUrl,
        links: JSON.stringify(e.links),
        removed: JSON.stringify(e.removedLinks),
        error: e.error,
      }).lastInsertRowid,
  );
}

/** Messages from `sender` to this source received after `since`, held ones aside. */
export function countFromSenderSince(sqlite: Sqlite, sourceId: number, sender: string | null, since: number): number {
  return sqlite
    .prepare(`SELECT count(*) FROM inbound_emails WHERE source_id = ? AND sender IS ? AND received_at > ? AND status != 'held'`)
    .pluck()
    .get(sourceId, sender, since) as number;
}

/** An already delivered (item or confirmation) message with this Message-ID for this source, if any. */
export function findDeliveredEmail(sqlite: Sqlite, sourceId: number, messageId: string): { id: number; itemId: number | null } | null {
  return (
    (sqlite
      .prepare(`SELECT id, item_id AS itemId FROM inbound_emails WHERE source_id = ? AND message_id = ? AND status IN ('item', 'confirmation') LIMIT 1`)
      .get(sourceId, messageId) as { id: number; itemId: number | null } | undefined) ?? null
  );
}

/** The message became its source's item `itemId`. */
export function markEmailAsItem(sqlite: Sqlite, emailId: number, itemId: number | null): void {
  sqlite.prepare(`UPDATE inbound_emails SET item_id = ?, status = 'item' WHERE id = ?`).run(itemId, emailId);
}

export function deleteInboundEmail(sqlite: Sqlite, emailId: number): void {
  sqlite.prepare(`DELETE FROM inbound_emails WHERE id = ?`).run(emailId);
}

/** What processing a stored message again needs: its bytes, envelope and the slug of its source (null if none). */
export function storedEmail(
  sqlite: Sqlite,
  emailId: number,
): { raw: Buffer; via: 'smtp' | 'imap'; sender: string | null; recipients: string[]; slug: string | null } | null {
  const row = sqlite
    .prepare(`SELECT e.raw, e.via, e.sender, e.recipients, s.slug FROM inbound_emails e LEFT JOIN sources s ON s.id = e.source_id WHERE e.id = ?`)
    .get(emailId) as { raw: Buffer; via: 'smtp' | 'imap'; sender: string | null; recipients: string; slug: string | null } | undefined;
  return row ? { ...row, recipients: JSON.parse(row.recipients) as string[] } : null;
}
