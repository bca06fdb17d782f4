/**
 * Builds the digests that are due: one issue per subscription and period, written with the items it holds
 * (never repeated to this member) and its pending delivery in ONE transaction, so a crash leaves either nothing
 * or a complete issue waiting to be sent. An empty period writes no issue and sends nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/client.js';
import { tagNameExists } from '../db/curation/tags.js';
import { insertDelivery } from '../db/digests/deliveries.js';
import { insertIssue } from '../db/digests/issues.js';
import type { Selector } from './select.js';
import { periodLength } from './schedule.js';
import { advanceSchedule, dueSubscriptions, pauseSubscription, type Subscription } from './subscriptions.js';

export interface BuildReport {
  built: number;
  empty: number;
  /** Subscriptions paused because their target is gone, with the reason (the member is told). */
  paused: { sub: Subscription; reason: string }[];
}

export interface BuildOptions {
  runId: number;
  now: number;
  /** `digest run --now`: every active subscription is due, its period ending now. */
  all: boolean;
  /** Create a delivery per issue (false when SMTP is off: web and feeds only). */
  mail: boolean;
  /** Host part of Message-IDs. */
  host: string;
}

/** Why a subscription cannot be built any more, or null. */
export function missingTarget(sqlite: Sqlite, sub: Subscription): string | null {
  if (sub.kind === 'topic' && sub.topicId === null) return `the topic '${sub.label}' was deleted`;
  if (sub.kind === 'saved_search' && sub.savedSearchId === null) return `the saved search '${sub.label}' was deleted`;
  if (sub.kind === 'tag' && !tagNameExists(sqlite, sub.tagName ?? '')) return `the tag '${sub.label}' was deleted`;
  return null;
}

export function newMessageId(issueId: number, host: string): string {
  return `<digest.${issueId}.${randomBytes(8).toString('hex')}@${host}>`;
}

export async function buildDueDigests(sqlite: Sqlite, selector: Selector, o: BuildOptions): Promise<BuildReport> {
  const report: BuildReport = { built: 0, empty: 0, paused: [] };
  for (const sub of dueSubscriptions(sqlite, o.now, o.all)) {
    const gone = missingTarget(sqlite, sub);
    if (gone) {
      pauseSubscription(sqlite, sub.id, gone, o.now);
      report.paused.push({ sub, reason: gone });
      continue;
    }
    const end = o.all ? o.now : sub.nextDueAt;
    const start = Math.min(sub.lastPeriodEnd ?? end - periodLength(sub.frequency), end);
    const entries = start < end ? await selector.select(sub, start, end) : [];
    sqlite.transaction(() => {
      if (entries.length) {
        const issueId = insertIssue(sqlite, { subscriptionId: sub.id, userId: sub.userId, runId: o.runId, periodStart: start, periodEnd: end, entries }, o.now);
        if (issueId !== null) {
          if (o.mail) insertDelivery(sqlite, { issueId, runId: o.runId, email: sub.email, messageId: newMessageId(issueId, o.host) }, o.now);
          report.built++;
        }
      } else report.empty++;
      advanceSchedule(sqlite, sub, end, o.now);
    })();
  }
  return report;
}
