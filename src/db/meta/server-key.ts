import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../client.js';

/** A random key the server keeps in `meta` (created on first use; every process of the installation shares it). */
export function serverKey(sqlite: Sqlite, name: string, now: number): string {
  const key = `key.${name}`;
  sqlite.prepare(`INSERT OR IGNORE INTO meta (key, value, updated_at) VALUES (?, ?, ?)`).run(key, randomBytes(32).toString('hex'), now);
  return sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string;
}
