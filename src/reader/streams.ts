/**
 * Google Reader stream ids as Vigie reads them: the reading list, the read and starred states, a source
 * (`feed/<id>` or `feed/<feed URL>`), and labels (`user/-/label/<name>`: a topic by its name or slug, else a tag).
 * Only what the viewer reads resolves; anything else is unknown.
 */
import type { Stream } from '../db/items/reader-streams.js';

export const READING_LIST = 'user/-/state/com.google/reading-list';
export const READ = 'user/-/state/com.google/read';
export const STARRED = 'user/-/state/com.google/starred';
export const labelId = (name: string) => `user/-/label/${name}`;
export const feedId = (sourceId: number) => `feed/${sourceId}`;

export interface StreamCatalog {
  sources: { id: number; url: string | null }[];
  topics: { id: number; slug: string; name: string }[];
  tags: string[];
}

/** `user/<anything>/` is the same as `user/-/` (clients put their user id there). */
function userRelative(id: string): string {
  return id.replace(/^user\/[^/]+\//, 'user/-/');
}

export function parseStream(raw: string, cat: StreamCatalog): Stream | null {
  const id = userRelative(raw.trim());
  if (id === READING_LIST) return { kind: 'all' };
  if (id === READ) return { kind: 'read' };
  if (id === STARRED || id === 'user/-/state/com.google/saved') return { kind: 'starred' };
  if (id.startsWith('feed/')) {
    const rest = id.slice(5);
    if (/^\d{1,12}$/.test(rest)) {
      const s = cat.sources.find((x) => x.id === Number(rest));
      return s ? { kind: 'source', id: s.id } : null;
    }
    const s = cat.sources.find((x) => x.url !== null && x.url === rest);
    return s ? { kind: 'source', id: s.id } : null;
  }
  if (id.startsWith('user/-/label/')) {
    const name = id.slice('user/-/label/'.length);
    const t = cat.topics.find((x) => x.name === name) ?? cat.topics.find((x) => x.slug === name);
    if (t) return { kind: 'topic', id: t.id };
    return cat.tags.includes(name) ? { kind: 'tag', name } : null;
  }
  return null;
}
