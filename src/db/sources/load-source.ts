import type { Sqlite } from '../client.js';
import type { SourceRecord } from '../../sources/types.js';

type Row = Omit<SourceRecord, 'settings'> & { settings: string; guidsUnique: number };

/** The live source with this slug as the adapters take it (settings parsed), or null. */
export function loadSource(sqlite: Sqlite, slug: string): (SourceRecord & { guidsUnique: boolean }) | null {
  const row = sqlite
    .prepare(`SELECT id, slug, kind, url, settings, lang, etag, last_modified AS lastModified, origin, guids_unique AS guidsUnique FROM sources WHERE slug = ? AND deleted_at IS NULL`)
    .get(slug) as Row | undefined;
  if (!row) return null;
  return { ...row, settings: JSON.parse(row.settings) as Record<string, unknown>, guidsUnique: row.guidsUnique === 1 };
}
