import { documentUrl } from '../fetch/document-url.js';
import type { CollectResult, SourceAdapter } from './types.js';

/** `kind: feed` — RSS, Atom and JSON Feed over HTTP with conditional GET. */
export const feedAdapter: SourceAdapter = {
  async collect(source, deps): Promise<CollectResult> {
    if (!source.url) return { ok: false, kind: 'config', detail: `source ${source.slug} has no url` };
    const res = await deps.fetch({
      url: source.url,
      etag: source.etag,
      lastModified: source.lastModified,
      guard: source.origin === 'app',
    });
    if (!res.ok) return { ok: false, kind: res.kind, detail: res.detail, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
    if (res.notModified) return { ok: true, notModified: true, etag: res.etag, lastModified: res.lastModified, maxAgeMs: res.maxAgeMs };
    const parsed = await deps.parse({ body: res.body, contentType: res.contentType, url: documentUrl(res), contentLanguage: res.contentLanguage ?? null });
    if (!parsed.ok) {
      return { ok: false, kind: parsed.kind, detail: `${source.url}: ${parsed.detail}`, httpStatus: res.status };
    }
    return {
      ok: true,
      notModified: false,
      feed: parsed.feed,
      etag: res.etag,
      lastModified: res.lastModified,
      httpStatus: res.status,
      bytes: res.body.length,
      maxAgeMs: res.maxAgeMs,
      warnings: parsed.warnings,
    };
  },
};
