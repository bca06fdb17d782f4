import type { Sqlite } from '../db/client.js';
import { strongestSignal, type FlagStatus } from './flags.js';

/** What curation adds to an item's search document, so search can filter by tag, signal status and approval. */
export interface CurationFields {
  tags: string[];
  /** The strongest live flag's status, or null when no live flag covers the item. */
  signalStatus: 'watching' | 'confirmed' | null;
  signalStrength: number | null;
  /** A public flag covers it (anonymous readers may filter on the signal only then). */
  signalPublic: boolean;
  approved: boolean;
}

/** Read from SQLite at drain time (the outbox carries ids only). */
export function curationFields(sqlite: Sqlite, itemId: number): CurationFields {
  const tags = sqlite.prepare(`SELECT DISTINCT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name`).pluck().all(itemId) as string[];
  const flags = sqlite
    .prepare(`SELECT f.status, f.strength, f.public FROM flag_items fi JOIN flags f ON f.id = fi.flag_id WHERE fi.item_id = ?`)
    .all(itemId) as { status: FlagStatus; strength: number; public: number }[];
  const signal = strongestSignal(flags);
  const approved = sqlite.prepare(`SELECT 1 FROM approvals WHERE item_id = ?`).get(itemId) !== undefined;
  return {
    tags,
    signalStatus: signal?.status ?? null,
    signalStrength: signal?.strength ?? null,
    signalPublic: flags.some((f) => f.public === 1 && f.status !== 'dismissed'),
    approved,
  };
}
