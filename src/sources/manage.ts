import type { Sqlite } from '../db/client.js';
import { insertSource } from '../db/sources/insert-source.js';
import { liveSourceSlugByUrl, sourceSlugTaken } from '../db/sources/source-id.js';
import { ensureAppTopic } from '../db/topics/file-topics.js';
import { slugify } from './opml.js';

export interface NewSource {
  slug?: string;
  kind: string;
  url: string;
  name?: string | null;
  topics?: string[];
  tags?: string[];
  origin: 'app' | 'cli';
  settings?: Record<string, unknown>;
}

/** A slug not yet taken, derived from `base`. */
export function freeSlug(sqlite: Sqlite, base: string): string {
  let slug = slugify(base);
  for (let n = 2; sourceSlugTaken(sqlite, slug); n++) slug = `${slugify(base).slice(0, 44)}-${n}`;
  return slug;
}

/** Creates a topic managed in the app when it does not exist yet; returns its id. */
export function ensureTopic(sqlite: Sqlite, slug: string, name: string, now: number): number {
  return ensureAppTopic(sqlite, slug, name, now);
}

/** Adds a source (or returns the existing one with the same URL); returns its slug and whether it was created. */
export function addSource(sqlite: Sqlite, s: NewSource, now: number): { slug: string; created: boolean } {
  const existing = liveSourceSlugByUrl(sqlite, s.url);
  if (existing) return { slug: existing, created: false };
  const slug = s.slug ?? freeSlug(sqlite, s.name || new URL(s.url).hostname);
  insertSource(sqlite, { slug, kind: s.kind, url: s.url, name: s.name ?? null, settings: s.settings ?? {}, tags: s.tags ?? [], origin: s.origin, topics: s.topics ?? [] }, now);
  return { slug, created: true };
}
