/**
 * Sends the pending digest e-mails, idempotently per recipient. A row is marked 'sending' (committed) before the
 * SMTP transaction and 'sent'/'failed' with the server's answer after it. After a crash, 'pending' rows are sent
 * and a row still 'sending' — the one whose answer was lost — is sent again with the SAME Message-ID, so mail
 * clients fold the copy. 4xx answers and timeouts are retried with backoff; 5xx give up; hard bounces pause.
 */
import type { Sqlite } from '../db/client.js';
import { finishDelivery, listPendingDeliveries, markSending as markSendingRow } from '../db/digests/deliveries.js';
import type { I18n } from '../lib/i18n.js';
import type { Logger } from '../lib/log.js';
import { digestModel, getIssue } from './issues.js';
import { digestLinks } from './model.js';
import { renderDigestEmail, type InlineCache } from './render.js';
import type { DigestTransport } from './smtp.js';
import { getSubscription, pauseSubscription } from './subscriptions.js';

export interface DeliverDeps {
  sqlite: Sqlite;
  log: Logger;
  now: () => number;
  publicUrl: string;
  transport: DigestTransport;
  i18n: I18n;
  /** Real waiting between retry rounds (tests pass a short backoff). */
  sleep: (ms: number) => Promise<void>;
  /** Called after each message, to keep the run's lease alive. */
  heartbeat?: () => void;
}

export interface DeliverOptions {
  maxAttempts: number;
  backoffMs: number;
}

export interface DeliverReport {
  sent: number;
  failed: number;
  resent: number;
  bounced: number;
}

interface Pending {
  id: number;
  issueId: number;
  email: string;
  messageId: string;
  status: 'pending' | 'sending';
  attempts: number;
}

export async function deliverPending(deps: DeliverDeps, o: DeliverOptions): Promise<DeliverReport> {
  const { sqlite } = deps;
  const report: DeliverReport = { sent: 0, failed: 0, resent: 0, bounced: 0 };
  const finish = { run: (status: 'sent' | 'failed' | 'pending', response: string | null, nextAttemptAt: number, sentAt: number | null, now: number, id: number) => finishDelivery(sqlite, id, { status, response, nextAttemptAt, sentAt }, now) };

  const inlined: InlineCache = new Map();
  for (let round = 1; ; round++) {
    const rows: Pending[] = listPendingDeliveries(sqlite);
    if (!rows.length) break;
    let retry = false;
    for (const d of rows) {
      const issue = getIssue(sqlite, d.issueId);
      const sub = issue ? getSubscription(sqlite, issue.subscriptionId) : null;
      const now = deps.now();
      if (!issue || !sub || sub.status === 'unsubscribed') {
        finish.run('failed', 'not sent: unsubscribed before sending', 0, null, now, d.id);
        report.failed++;
        continue;
      }
      if (d.status === 'sending') {
        report.resent++;
        deps.log.warn({ deliveryId: d.id, messageId: d.messageId }, 'digest: resending a message whose SMTP answer was lost');
      }
      const links = digestLinks(deps.publicUrl, sub, issue.id);
      const mail = renderDigestEmail(digestModel(sqlite, sub, issue, deps.publicUrl), links, deps.i18n.translator(sub.lang), inlined);
      const host = new URL(deps.publicUrl).hostname || 'localhost';
      markSendingRow(sqlite, d.id, now);
      const outcome = await deps.transport.send({
        to: d.email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: d.messageId,
        date: new Date(issue.createdAt),
        headers: {
          'List-Id': `${listPhrase(sub.label)} <digest-${sub.id}.${host}>`,
          'List-Unsubscribe': `<${links.unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Archive': `<${deps.publicUrl}/digests/${sub.id}>`,
          'Auto-Submitted': 'auto-generated',
        },
      });
      const after = deps.now();
      if (outcome.ok) {
        finish.run('sent', outcome.response, 0, after, after, d.id);
        report.sent++;
      } else if (outcome.kind === 'transient' && d.attempts + 1 < o.maxAttempts) {
        finish.run('pending', outcome.response, after + o.backoffMs * 2 ** (round - 1), null, after, d.id);
        retry = true;
      } else {
        finish.run('failed', outcome.response, 0, null, after, d.id);
        report.failed++;
        if (outcome.kind === 'bounce') {
          pauseSubscription(sqlite, sub.id, `hard bounce: ${outcome.response}`, after);
          report.bounced++;
        }
      }
      deps.log.info({ deliveryId: d.id, subscriptionId: sub.id, ok: outcome.ok, response: outcome.response }, 'digest delivery');
      deps.heartbeat?.();
    }
    if (retry) await deps.sleep(o.backoffMs * 2 ** (round - 1));
  }
  return report;
}

/** The display part of List-Id: a quoted phrase without characters that would break the header. */
function listPhrase(label: string): string {
  const ascii = label.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, ' ');
  return `"Vigie ${ascii.slice(0, 60)}"`;
}
