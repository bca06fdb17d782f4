/** What the fetcher is asked and what it answers. Expected failures are values, not exceptions. */

export interface FetchRequest {
  url: string;
  /** Conditional GET validators from the previous successful fetch. */
  etag?: string | null;
  lastModified?: string | null;
  /** Apply the SSRF guard (sources added through the app; feeds.yaml and the operator CLI are trusted). */
  guard?: boolean;
  /** Overrides of the fetcher's defaults. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  accept?: string;
  signal?: AbortSignal;
}

export type FetchFailureKind =
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'rate_limited'
  | 'network'
  | 'blocked'
  | 'invalid_url'
  | 'decompression';

export type FetchResult =
  | {
      ok: true;
      notModified: false;
      status: number;
      body: Buffer;
      /** Content-Type header as received (charset included), or null. */
      contentType: string | null;
      /** URL after redirects. */
      finalUrl: string;
      /** Content-Language header as received, or null (absent in replayed results). */
      contentLanguage?: string | null;
      /** Content-Location resolved against finalUrl, when the server sends one. */
      contentLocation: string | null;
      etag: string | null;
      lastModified: string | null;
      /** Caching hints the scheduler may use (Cache-Control max-age / Expires), in ms from now. */
      maxAgeMs: number | null;
    }
  | { ok: true; notModified: true; status: 304; finalUrl: string; etag: string | null; lastModified: string | null; maxAgeMs: number | null }
  | {
      ok: false;
      kind: FetchFailureKind;
      /** A sentence a curator can read: what failed, where. */
      detail: string;
      status?: number;
      /** From Retry-After (seconds or HTTP date), in ms from now. */
      retryAfterMs?: number;
    };
