/**
 * What both reader APIs (Google Reader, Fever) share: the member behind an app password, their viewer (the one
 * visibility rule), the catalog of what they read (sources, topics, tags), and their read and starred state.
 */
import { viewerFor, type Viewer } from '../access/index.js';
import type { AuthUser } from '../accounts/types.js';
import { loadAuthUser } from '../accounts/users.js';
import type { AppPasswordRow } from '../accounts/app-passwords.js';
import type { Sqlite } from '../db/client.js';
import { listVisibleTagNames } from '../db/curation/reader-tags.js';
import { setStarMany } from '../db/curation/star-marks.js';
import { getReaderItems, type ReaderItem } from '../db/items/reader-streams.js';
import { setReadMany } from '../db/reading/stream-marks.js';
import { listReaderSources, type ReaderSource } from '../db/sources/reader.js';
import { listReadableTopics, type ReaderTopic } from '../db/topics/reader.js';
import { listTopicRefs } from '../db/topics/refs.js';
import type { StreamCatalog } from './streams.js';

export interface ReaderContext {
  sqlite: Sqlite;
  user: AuthUser;
  viewer: Viewer;
  now: number;
  sources: ReaderSource[];
  topics: ReaderTopic[];
  tags: string[];
  catalog: StreamCatalog;
}

export function readerContext(sqlite: Sqlite, pw: AppPasswordRow, opts: { publicRead: boolean; now: number }): ReaderContext | null {
  const user = loadAuthUser(sqlite, pw.userId, { via: 'token', scope: pw.scope, sessionId: null, tokenId: null, csrfToken: null });
  if (!user) return null;
  const viewer = viewerFor(user, listTopicRefs(sqlite), { publicRead: opts.publicRead });
  let sources: ReaderSource[] | null = null;
  let topics: ReaderTopic[] | null = null;
  let tags: string[] | null = null;
  const ctx: ReaderContext = {
    sqlite,
    user,
    viewer,
    now: opts.now,
    get sources() {
      return (sources ??= listReaderSources(sqlite, viewer));
    },
    get topics() {
      return (topics ??= listReadableTopics(sqlite, viewer));
    },
    get tags() {
      return (tags ??= listVisibleTagNames(sqlite, viewer));
    },
    get catalog() {
      return { sources: ctx.sources, topics: ctx.topics, tags: ctx.tags };
    },
  };
  return ctx;
}

/** The readable items among ids (others are ignored: unknown ids never fail a sync). */
export function readableItems(ctx: ReaderContext, ids: readonly number[]): ReaderItem[] {
  return getReaderItems(ctx.sqlite, ctx.viewer, ctx.user.id, ids);
}

/** Read/unread and star/unstar: idempotent, on readable items only. */
export function markItems(ctx: ReaderContext, ids: readonly number[], change: { read?: boolean; starred?: boolean }): number {
  const readable = readableItems(ctx, ids).map((i) => i.id);
  ctx.sqlite.transaction(() => {
    if (change.read !== undefined) setReadMany(ctx.sqlite, ctx.user.id, readable, change.read, ctx.now);
    if (change.starred !== undefined) setStarMany(ctx.sqlite, ctx.user.id, readable, change.starred, ctx.now);
  })();
  return readable.length;
}
