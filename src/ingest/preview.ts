/**
 * `vigie source test SLUG`: collects one source exactly as the fetch cycle would (conditional headers left out, so
 * a feed always answers in full) and says what each entry would be — new, updated or unchanged — without storing
 * anything or touching the source's fetch state.
 */
import type { Sqlite } from '../db/client.js';
import { prepareStoredHashLookup } from '../db/items/stored-hash.js';
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

export async function previewSource(deps: AdapterDeps & { sqlite: Sqlite }, source: SourceRecord & { guidsUnique: boolean }): Promise<SourcePreview> {
  const base: SourcePreview = { source: source.slug, kind: source.kind, status: 'ok', error: null, errorKind: null, httpStatus: null, warnings: [], new: 0, updated: 0, unchanged: 0, items: [] };
  const adapter = adapterFor(source.kind);
  if (!adapter) return { ...base, status: 'error', errorKind: 'config', error: `kind '${source.kind}' is not supported by this version` };
  const res = await adapter.collect({ ...source, etag: null, lastModified: null }, deps);
  if (!res.ok) return { ...base, status: 'error', error: res.detail, errorKind: res.kind, httpStatus: res.httpStatus ?? null };
  if (res.notModified) return { ...base, status: 'not_modified' };
  const entries = res.feed.items.map((it) => (it.lang || !source.lang ? it : { ...it, lang: source.lang }));
  const useGuid = source.guidsUnique && guidsAreUnique(entries);
  const storedHash = prepareStoredHashLookup(deps.sqlite);
  const seen = new Set<string>();
  const items: PreviewItem[] = [];
  for (const it of entries) {
    const key = dedupeKey(it, useGuid);
    if (seen.has(key)) continue;
    seen.add(key);
    const stored = storedHash(source.id, key, it.canonicalUrl);
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
