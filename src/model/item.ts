/** The normalised shape every source kind produces; `vigie parse --json` prints it as is. */

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface NormalisedItem {
  /** The entry's own id (RSS guid, Atom id, JSON Feed id), or null when it has none. */
  guid: string | null;
  /** The entry's link as the feed gives it, resolved to an absolute URL. */
  url: string | null;
  /** `url` cleaned of tracking parameters (utm_*, fbclid, …) and fragment. */
  canonicalUrl: string | null;
  title: string | null;
  author: string | null;
  /** ISO 8601 (UTC) or null when the feed gives no usable date (the store falls back to first-seen). */
  published: string | null;
  /** Plain-text summary, at most a few hundred characters. */
  summary: string | null;
  /** Sanitised HTML (no script, no event handlers, no javascript: URLs). */
  contentHtml: string | null;
  /** Plain text of the content, whitespace folded. */
  contentText: string | null;
  categories: string[];
  enclosures: Enclosure[];
  /** BCP 47 language tag from the entry or the feed (xml:lang, <language>), else null. */
  lang: string | null;
  /**
   * SimHash of title + text (src/ingest/simhash.ts), set by the parse worker so the store does not compute it on
   * the main thread; absent means "not computed" (whoever changes title or text afterwards must drop it).
   */
  simhash?: string | null;
  /** The item's content hash (src/ingest/dedupe.ts), set by the parse worker under the same rule as `simhash`. */
  contentHash?: string;
}

export interface NormalisedFeed {
  feed: {
    title: string | null;
    link: string | null;
    description: string | null;
    language: string | null;
  };
  items: NormalisedItem[];
}
