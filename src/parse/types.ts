/** What each feed format maps to before normalisation: values as the feed gives them, with their base and type. */

export interface RawText {
  value: string;
  /** How `value` is to be read: plain text, escaped HTML, or inline XHTML markup. */
  type: 'text' | 'html' | 'xhtml';
  /** Base URL for relative links inside `value`. */
  base: string | null;
  /** xml:lang in scope ('' = explicitly none), or null. */
  lang: string | null;
}

export interface RawEnclosure {
  url: string;
  type: string | null;
  length: string | null;
}

export interface RawEntry {
  guid: string | null;
  /** Already resolved against the entry's base. */
  link: string | null;
  title: RawText | null;
  author: string | null;
  /** Date strings in order of preference (published, then updated, then created…). */
  dates: string[];
  summary: RawText | null;
  content: RawText | null;
  categories: string[];
  enclosures: RawEnclosure[];
  /** Entry language ('' = explicitly none), or null. */
  lang: string | null;
  base: string | null;
}

export interface RawFeed {
  title: RawText | null;
  link: string | null;
  description: RawText | null;
  language: string | null;
  base: string | null;
  entries: RawEntry[];
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';
