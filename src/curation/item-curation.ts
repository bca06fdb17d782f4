/**
 * Everything curated on one item that a viewer may read (the API's /curation answer and the item page's panel):
 * curation belongs to the topic it was made in, and each owner query applies the rule from src/access.
 */
import type { Viewer } from '../access/viewer.js';
import type { Sqlite } from '../db/client.js';
import { listReadableAnnotations, type Annotation } from '../db/curation/annotations.js';
import { listReadableApprovals, type Approval } from '../db/curation/approvals.js';
import { listReadableFlags, type Flag } from '../db/curation/flags.js';
import { readableItemTags } from '../db/curation/tags.js';
import { strongestSignal } from './flags.js';

export interface ItemCuration {
  tags: string[];
  signal: ReturnType<typeof strongestSignal>;
  flags: Flag[];
  annotations: Annotation[];
  /** One per topic the item is approved in (and the viewer may read), newest first. */
  approvals: Approval[];
}

export function readItemCuration(sqlite: Sqlite, v: Viewer, itemId: number, flagLimit = 1000): ItemCuration {
  const flags = listReadableFlags(sqlite, v, { itemId, limit: flagLimit });
  return {
    tags: readableItemTags(sqlite, v, itemId),
    signal: strongestSignal(flags),
    flags,
    annotations: listReadableAnnotations(sqlite, v, itemId),
    approvals: listReadableApprovals(sqlite, v, { itemId, limit: 100 }),
  };
}
