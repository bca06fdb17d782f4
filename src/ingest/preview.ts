/**
 * `vigie source test SLUG`: collects one source exactly as the fetch cycle would (conditional headers left out, so
 * a feed always answers in full) and says what each entry would be — new, updated or unchanged — without storing
 * anything or touching the source's fetch state.
 */
import type { Sqlite } from '../db/client.js';
import { contentHash, dedupeKey, guidsAreUnique } from './dedupe.js';
import type { NormalisedItem } from '../model/item.js';
import { adapterFor } from '../sources/registry.js';
import type { AdapterDeps, SourceRecord } from '../sources/types.js';

export interface PreviewItem extends NormalisedItem {
  status: 'new' | 'updated' | 'unchanged';
}

export interface SourcePreview {
  source: string;
  kind: string;
  status: 'ok' | 'not_modified' | 'error';
  error: string | null;
  errorKind: string | null;
  httpStatus: number | null;
  warnings: string[];
  new: number;
  updated: number;
  unchanged: number;
  items: PreviewItem[];
}

type Row = Omit<SourceRecord, 'settings'> & { settings: string; guidsUnique: number };

export function loadSource(sqlite: Sqlite, slug: string): (SourceRecord & { guidsUnique: boolean }) | null {
  const row = sqlite
    .prepare(`SELECT id, slug, kind, url, settings, lang, etag, last_modified AS lastModified, origin, guids_unique AS guidsUnique FROM sources WHERE slug = ? AND deleted_at IS NULL`)
    .get(slug) as Row | undefined;
  if (!row) return null;
  return { ...row, settings: JSON.parse(row.settings) as Record<string, unknown>, guidsUnique: row.guidsUnique === 1 };
}

export async function previewSource(deps: AdapterDeps & { sqlite: Sqlite }, source: SourceRecord & { guidsUnique: boolean }): Promise<SourcePreview> {
  const base: SourcePreview = { source: source.slug, kind: source.kind, status: 'ok', error: null, errorKind: null, httpStatus: null, warnings: [], new: 0, updated: 0, unchanged: 0, items: [] };
  const adapter = adapterFor(source.kind);
  if (!adapter) return { ...base, status: 'error', errorKind: 'config', error: `kind '${source.kind}' is not supported by this version` };
  const res = await adapter.collect({ ...source, etag: null, lastModified: null }, deps);
  if (!res.ok) return { ...base, status: 'error', error: res.detail, errorKind: res.kind, httpStatus: res.httpStatus ?? null };
  if (res.notModified) return { ...base, status: 'not_modified' };
  const entries = res.feed.items.map((it) => (it.lang || !source.lang ? it : { ...it, lang: source.lang }));
  const useGuid = source.guidsUnique && guidsAreUnique(entries);
  const byKey = deps.sqlite.prepare(`SELECT content_hash FROM items WHERE source_id = ? AND dedupe_key = ?`).pluck();
  const byUrl = deps.sqlite.prepare(`SELECT content_hash FROM items WHERE source_id = ? AND canonical_url = ? LIMIT 1`).pluck();
  const seen = new Set<string>();
  const items: PreviewItem[] = [];
  for (const it of entries) {
    const key = dedupeKey(it, useGuid);
    if (seen.has(key)) continue;
    seen.add(key);
    const stored = (byKey.get(source.id, key) ?? (it.canonicalUrl ? byUrl.get(source.id, it.canonicalUrl) : undefined)) as string | undefined;
    const status = stored === undefined ? 'new' : stored === contentHash(it) ? 'unchanged' : 'updated';
    items.push({ ...it, status });
  }
  return {
    ...base,
    httpStatus: res.httpStatus,
    warnings: res.warnings,
    new: items.filter((i) => i.status === 'new').length,
    updated: items.filter((i) => i.status === 'updated').length,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
    items,
  };
}
