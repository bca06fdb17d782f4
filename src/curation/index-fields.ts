import type { Sqlite } from '../db/client.js';
import { isApproved } from '../db/curation/approvals.js';
import { flagSignalsOf } from '../db/curation/flags.js';
import { itemTagNames } from '../db/curation/tags.js';
import { strongestSignal } from './flags.js';

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
  const flags = flagSignalsOf(sqlite, itemId);
  const signal = strongestSignal(flags);
  return {
    tags: itemTagNames(sqlite, itemId),
    signalStatus: signal?.status ?? null,
    signalStrength: signal?.strength ?? null,
    signalPublic: flags.some((f) => f.public === 1 && f.status !== 'dismissed'),
    approved: isApproved(sqlite, itemId),
  };
}
