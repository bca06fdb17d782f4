/**
 * The Meilisearch index as a derived copy of SQLite: settings set by code, documents sent in batches with every
 * task awaited and checked, and a full rebuild into a side index swapped in atomically (search stays up).
 */
import { Meilisearch, type Settings, type Task } from 'meilisearch';
import type { SearchDocument } from './document.js';
import { STOP_WORDS, SYNONYMS } from './stop-words.js';

export interface MeiliConnection {
  url: string;
  key?: string | undefined;
  /** Index uid (tests give each file its own prefix). */
  index: string;
}

/** Deep cursors must reach past Meilisearch's default 1,000 hits. */
export const MAX_TOTAL_HITS = 100_000;

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'summary', 'body', 'author', 'categories'],
  filterableAttributes: ['topics', 'topicIds', 'source', 'tags', 'topicTags', 'signal', 'signals', 'lang', 'publishedAt', 'approved'],
  sortableAttributes: ['publishedAt', 'id'],
  displayedAttributes: ['*'],
  // `sort` first: a date sort is a true date order; without a sort it is skipped and relevance decides.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'publishedAt:desc'],
  stopWords: [...STOP_WORDS],
  synonyms: { ...SYNONYMS },
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ['author'] },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  faceting: { maxValuesPerFacet: 100 },
  // Halves indexing time; proximity only matters inside one field for news items.
  proximityPrecision: 'byAttribute',
  facetSearch: false,
};

export interface MeiliIndex {
  readonly client: Meilisearch;
  readonly conn: MeiliConnection;
  /** Creates the index if missing and applies the settings; true when it already existed. */
  ensure(uid?: string): Promise<boolean>;
  exists(uid?: string): Promise<boolean>;
  /** Exists with our settings (an index auto-created by a stray addition after a reset has none). */
  isConfigured(uid?: string): Promise<boolean>;
  upsert(docs: SearchDocument[], uid?: string): Promise<void>;
  remove(ids: number[], uid?: string): Promise<void>;
  /** Builds `uid + '_rebuild'` from the pages, swaps it with the live index and drops the old one. */
  rebuild(pages: Iterable<SearchDocument[]>, onPage?: () => void): Promise<number>;
  count(uid?: string): Promise<number>;
}

const TASK_TIMEOUT_MS = 120_000;

/** Meilisearch refused the work itself (as opposed to not answering): the rows involved are retried later. */
export class TaskFailedError extends Error {
  override name = 'TaskFailedError';
}

function check(task: Task, what: string): void {
  if (task.status !== 'succeeded') throw new TaskFailedError(`meilisearch ${what} ${task.status}: ${task.error?.message ?? 'no detail'}`);
}

export function createMeiliClient(conn: MeiliConnection, timeoutMs = 5000): Meilisearch {
  return new Meilisearch({ host: conn.url, apiKey: conn.key, timeout: timeoutMs, defaultWaitOptions: { timeout: TASK_TIMEOUT_MS, interval: 25 } });
}

export function createMeiliIndex(conn: MeiliConnection): MeiliIndex {
  const client = createMeiliClient(conn, 30_000);
  const live = conn.index;

  async function exists(uid = live): Promise<boolean> {
    try {
      await client.getRawIndex(uid);
      return true;
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
      throw err;
    }
  }

  async function isConfigured(uid = live): Promise<boolean> {
    if (!(await exists(uid))) return false;
    const filterable = (await client.index(uid).getFilterableAttributes()) as unknown[];
    return filterable.includes('topicIds');
  }

  async function ensure(uid = live): Promise<boolean> {
    const existed = await exists(uid);
    if (!existed) check(await client.createIndex(uid, { primaryKey: 'id' }).waitTask(), 'create index');
    check(await client.index(uid).updateSettings(INDEX_SETTINGS).waitTask(), 'settings');
    return existed;
  }

  async function upsert(docs: SearchDocument[], uid = live): Promise<void> {
    if (docs.length) check(await client.index(uid).addDocuments(docs, { primaryKey: 'id' }).waitTask(), 'add documents');
  }

  async function remove(ids: number[], uid = live): Promise<void> {
    if (ids.length) check(await client.index(uid).deleteDocuments(ids).waitTask(), 'delete documents');
  }

  async function rebuild(pages: Iterable<SearchDocument[]>, onPage?: () => void): Promise<number> {
    const side = `${live}_rebuild`;
    if (await exists(side)) check(await client.deleteIndex(side).waitTask(), 'delete side index');
    await ensure(side);
    // Enqueue every page, then wait: Meilisearch batches consecutive additions together.
    const tasks: number[] = [];
    let n = 0;
    for (const page of pages) {
      tasks.push((await client.index(side).addDocuments(page, { primaryKey: 'id' })).taskUid);
      n += page.length;
      onPage?.();
    }
    for (const uid of tasks) check(await client.tasks.waitForTask(uid, { timeout: 30 * 60_000, interval: 100 }), 'add documents');
    await ensure(live);
    check(await client.swapIndexes([{ indexes: [live, side], rename: false }]).waitTask(), 'swap indexes');
    check(await client.deleteIndex(side).waitTask(), 'delete old index');
    return n;
  }

  async function count(uid = live): Promise<number> {
    return (await client.index(uid).getStats()).numberOfDocuments;
  }

  return { client, conn, ensure, exists, isConfigured, upsert, remove, rebuild, count };
}
