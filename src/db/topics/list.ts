import { accessParams, topicReadableSql, type Viewer } from '../../access/index.js';
import type { Sqlite } from '../client.js';
import { prepared } from '../prepared.js';

export interface TopicRow {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
  origin: 'file' | 'app';
}

/** The topics the viewer reads, by name. */
export function listTopics(sqlite: Sqlite, viewer: Viewer): TopicRow[] {
  return (
    prepared(sqlite, `SELECT id, slug, name, description, public, origin FROM topics t WHERE ${topicReadableSql(viewer, 't.id')} ORDER BY name`).all(accessParams(viewer)) as (Omit<TopicRow, 'public'> & {
      public: number;
    })[]
  ).map((t) => ({ ...t, public: t.public === 1 }));
}

/** The topic with this slug when the viewer reads it; null otherwise (unknown and unreadable answer alike: 404). */
export function readableTopic(sqlite: Sqlite, viewer: Viewer, slug: string): TopicRow | null {
  const t = prepared(sqlite, `SELECT id, slug, name, description, public, origin FROM topics t WHERE t.slug = @slug COLLATE NOCASE AND ${topicReadableSql(viewer, 't.id')}`).get({
    ...accessParams(viewer),
    slug,
  }) as (Omit<TopicRow, 'public'> & { public: number }) | undefined;
  return t ? { ...t, public: t.public === 1 } : null;
}
