/** The shared model every output format (RSS, Atom, JSON Feed, pages, widget) renders from. */

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

export interface FeedEntry {
  /** Vigie's own `urn:uuid:` id, stable for the item's life. */
  id: string;
  title: string;
  /** The original article (attribution). */
  link: string | null;
  /** The item's page on this instance. */
  permalink: string;
  /** Sanitised HTML: the curator's note, public annotations, excerpt and attribution; absolute URLs only. */
  contentHtml: string;
  /** Plain-text excerpt. */
  summary: string | null;
  /** When Vigie published it (the approval). */
  published: number;
  /** Last change to anything shown (approval, item, annotations). */
  updated: number;
  /** Original author, else null (the source is credited separately). */
  author: string | null;
  source: { name: string; feedUrl: string | null; homeUrl: string | null };
  tags: string[];
  lang: string | null;
}

export interface Feed {
  /** `urn:uuid:` of the feed itself. */
  id: string;
  title: string;
  description: string;
  language: string;
  /** The HTML page this feed mirrors. */
  homeUrl: string;
  /** Absolute URL of this feed in each format (the self link is the one being rendered). */
  urls: Record<FeedFormat, string>;
  /** WebSub hub, when configured. */
  hub: string | null;
  /** Latest change among entries (or the feed's creation when empty). */
  updated: number;
  generator: { name: string; version: string };
  entries: FeedEntry[];
}
