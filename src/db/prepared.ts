import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './client.js';

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * The connection's prepared statement for this SQL text, prepared once. Owners whose SQL varies by viewer (an
 * unrestricted viewer's predicate is `1`) keep one statement per variant this way.
 */
export function prepared(sqlite: Sqlite, sql: string): Statement {
  let byText = cache.get(sqlite);
  if (!byText) cache.set(sqlite, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}
