/** Built digests (issues): the archive per subscription, and the model each output renders. */
import type { Sqlite } from '../db/client.js';
import { loadDigestItems, type DigestModel } from './model.js';
import type { Entry } from './select.js';
import type { Subscription } from './subscriptions.js';

/** Items an e-mail shows before "N more on the web". */
export const EMAIL_CAP = 15;

export { getIssue, listIssues, type Issue } from '../db/digests/issues.js';
export { issueDelivery } from '../db/digests/deliveries.js';

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
