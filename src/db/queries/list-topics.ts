import type { Sqlite } from '../client.js';

export interface TopicRow {
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
  origin: 'file' | 'app';
}

export function listTopics(sqlite: Sqlite, opts: { publicOnly?: boolean } = {}): TopicRow[] {
  return (
    sqlite
      .prepare(`SELECT slug, name, description, public, origin FROM topics WHERE (@pub = 0 OR public = 1) ORDER BY name`)
      .all({ pub: opts.publicOnly ? 1 : 0 }) as (Omit<TopicRow, 'public'> & { public: number })[]
  ).map((t) => ({ ...t, public: t.public === 1 }));
}
