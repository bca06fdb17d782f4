/**
 * Vigie's own stable ids for what it republishes: `urn:uuid:` UUIDv5 of the item id under a namespace UUID
 * generated once per instance and kept in `meta`. Never the source's guid, and independent of PUBLIC_URL.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Sqlite } from '../db/client.js';
import { initMeta } from '../db/meta/meta.js';

const NAMESPACE_KEY = 'publish.namespace';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The instance's namespace UUID, created on first use (concurrent first uses agree: INSERT OR IGNORE then read). */
export function instanceNamespace(sqlite: Sqlite, now: number, random: () => string = randomUUID): string {
  const value = initMeta(sqlite, NAMESPACE_KEY, random(), now);
  if (!UUID.test(value)) throw new Error(`meta ${NAMESPACE_KEY} is not a UUID: ${value}`);
  return value;
}

/** RFC 9562 UUID version 5 (SHA-1, name-based). */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface PublishIds {
  item(itemId: number): string;
  /** A feed's own id (Atom <id>), by scope key such as 'topic:sante' or 'network'. */
  feed(scopeKey: string): string;
}

export function publishIds(namespace: string): PublishIds {
  return {
    item: (itemId) => `urn:uuid:${uuidV5(namespace, `item:${itemId}`)}`,
    feed: (scopeKey) => `urn:uuid:${uuidV5(namespace, `feed:${scopeKey}`)}`,
  };
}
