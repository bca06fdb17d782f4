/**
 * Rendered public outputs kept in memory and reused while the publication fingerprint is unchanged. The
 * fingerprint is read from SQLite on every request, so an unpublish shows at the very next request, whichever
 * process made the change.
 */
import { createHash } from 'node:crypto';

export interface Rendered {
  body: string;
  /** The body encoded once (UTF-8), so serving from the cache does no per-request work on it. */
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  /** Strong validator: a hash of the body. */
  etag: string;
  /** ms UTC; never moves backwards for a given output (removals count as changes). */
  lastModified: number;
}

export interface RenderCache {
  get(key: string, fingerprint: string, build: () => Omit<Rendered, 'etag' | 'bytes'>): Rendered;
  size(): number;
}

const utf8 = new TextEncoder();

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** A bounded map (oldest entry evicted first); entries built under another fingerprint are rebuilt. */
export function createRenderCache(max = 500): RenderCache {
  const map = new Map<string, { fingerprint: string; value: Rendered }>();
  return {
    get(key, fingerprint, build) {
      const hit = map.get(key);
      if (hit && hit.fingerprint === fingerprint) return hit.value;
      const built = build();
      const bytes = utf8.encode(built.body);
      const value = { ...built, bytes, etag: `"${createHash('sha1').update(bytes).digest('base64url')}"` };
      map.delete(key);
      map.set(key, { fingerprint, value });
      if (map.size > max) map.delete(map.keys().next().value!);
      return value;
    },
    size: () => map.size,
  };
}
