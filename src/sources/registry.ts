import type { SourceKind } from '../config/source-schema.js';
import { feedAdapter } from './feed.js';
import type { SourceAdapter } from './types.js';

/** One adapter per source kind; a new kind does not compile until it is wired here. */
export const adapters: Record<SourceKind, SourceAdapter> = {
  feed: feedAdapter,
};

export function adapterFor(kind: string): SourceAdapter | undefined {
  return (adapters as Record<string, SourceAdapter>)[kind];
}
