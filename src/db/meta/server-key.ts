import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../client.js';
import { initMeta } from './meta.js';

/** A random key the server keeps in `meta` (created on first use; every process of the installation shares it). */
export function serverKey(sqlite: Sqlite, name: string, now: number): string {
  return initMeta(sqlite, `key.${name}`, randomBytes(32).toString('hex'), now);
}
