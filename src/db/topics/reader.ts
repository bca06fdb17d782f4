import { accessParams, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';

export interface ReaderTopic {
  id: number;
  slug: string;
  name: string;
}

/** The topics a viewer reads, by name. */
export function listReadableTopics(sqlite: Sqlite, v: Viewer): ReaderTopic[] {
  return sqlite.prepare(`SELECT id, slug, name FROM topics WHERE ${topicReadableSql(v, 'id')} ORDER BY name COLLATE NOCASE, id`).all(accessParams(v)) as ReaderTopic[];
}
