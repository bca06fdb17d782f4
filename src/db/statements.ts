import type { Sqlite } from './client.js';

type Statement = ReturnType<Sqlite['prepare']>;
const caches = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * A statement prepared once per connection and SQL text: for queries whose text depends on the viewer (the access
 * fragments differ for 'all' viewers and for a set of topics), so hot paths still prepare each shape only once.
 */
export function preparedOnce(sqlite: Sqlite, sql: string): Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    if (cache.size > 500) cache.clear();
    cache.set(sql, (s = sqlite.prepare(sql)));
  }
  return s;
}
