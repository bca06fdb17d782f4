import type { Sqlite } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { FetchRequest, FetchResult } from '../fetch/types.js';
import type { NormalisedFeed } from '../model/item.js';
import type { ParseResult } from '../parse/index.js';

/** A source as the pipeline sees it (a row of `sources`). */
export interface SourceRecord {
  id: number;
  slug: string;
  kind: string;
  url: string | null;
  settings: Record<string, unknown>;
  lang: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Sources added through the app are fetched behind the SSRF guard; feeds.yaml and the CLI are trusted. */
  origin: 'file' | 'app' | 'cli';
}

export interface AdapterDeps {
  fetch: (req: FetchRequest) => Promise<FetchResult>;
  parse: (input: { body: Buffer; contentType?: string | null; url?: string | null; contentLanguage?: string | null }) => Promise<ParseResult>;
  log: Logger;
  /** Optional extras: full text reuses what it already extracted for stored items (src/sources/full-text.ts). */
  sqlite?: Sqlite;
  clock?: Clock;
  fullTextConcurrency?: number;
}

/** What a source kind hands the pipeline: entries, nothing new, or a failure a curator can read. */
export type CollectResult =
  | {
      ok: true;
      notModified: false;
      feed: NormalisedFeed;
      etag: string | null;
      lastModified: string | null;
      httpStatus: number | null;
      bytes: number | null;
      maxAgeMs: number | null;
      warnings: string[];
    }
  | { ok: true; notModified: true; etag: string | null; lastModified: string | null; maxAgeMs: number | null }
  | { ok: false; kind: string; detail: string; httpStatus?: number; retryAfterMs?: number };

export interface SourceAdapter {
  collect(source: SourceRecord, deps: AdapterDeps): Promise<CollectResult>;
}
