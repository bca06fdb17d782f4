/** What the next digest of a subscription would hold right now (nothing is written, nothing is sent). */
import type { Sqlite } from '../db/client.js';
import type { I18n } from '../lib/i18n.js';
import type { SearchService } from '../search/service.js';
import { digestModel } from './issues.js';
import { digestLinks, type DigestModel } from './model.js';
import { renderDigestEmail, type RenderedDigest } from './render.js';
import { periodLength } from './schedule.js';
import { createSelector } from './select.js';
import type { Subscription } from './subscriptions.js';

export interface PreviewDeps {
  sqlite: Sqlite;
  search: Pick<SearchService, 'search'>;
  publicUrl: string;
  publicRead: boolean;
  i18n: I18n;
}

/** Built with the rights the real digest would have (the subscriber's, or anonymous ones for a public official digest). */
export async function previewDigest(deps: PreviewDeps, sub: Subscription, now: number): Promise<{ model: DigestModel; email: RenderedDigest }> {
  const start = sub.lastPeriodEnd ?? now - periodLength(sub.frequency);
  const entries = await createSelector(deps).select(sub, Math.min(start, now), now);
  const model = digestModel(deps.sqlite, sub, { periodStart: start, periodEnd: now, entries }, deps.publicUrl);
  return { model, email: renderDigestEmail(model, digestLinks(deps.publicUrl, sub, null), deps.i18n.translator(sub.lang)) };
}
