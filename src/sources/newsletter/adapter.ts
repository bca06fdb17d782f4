import type { CollectResult, SourceAdapter } from '../types.js';

/**
 * `kind: newsletter` is pushed (SMTP receiver, IMAP poller: src/inbound/), not pulled: the fetch cycle has nothing
 * to collect, so it records the source as checked and looks again in a day.
 */
export const newsletterAdapter: SourceAdapter = {
  async collect(): Promise<CollectResult> {
    return { ok: true, notModified: true, etag: null, lastModified: null, maxAgeMs: 86_400_000 };
  },
};
