import type { Locale, Translate } from '../../i18n/index.js';

/** What every public page view receives (no account: these pages are the same for everyone). */
export interface PublicContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** config.publicUrl: every link in metadata is absolute. */
  base: string;
  /** Path + query of this page, to come back to after switching language. */
  path: string;
}

/** One published item as the public pages show it. */
export interface PublicEntry {
  itemId: number;
  uuid: string;
  title: string;
  url: string | null;
  permalink: string;
  author: string | null;
  sourceName: string;
  sourceHome: string | null;
  publishedAt: number;
  approvedAt: number;
  updatedAt: number;
  note: string | null;
  /** Sanitised HTML. */
  annotations: { html: string; author: string | null }[];
  excerpt: string | null;
  tags: string[];
  lang: string | null;
  topicSlug: string;
  topicName: string;
}

export interface FeedLinks {
  title: string;
  rss: string;
  atom: string;
  json: string;
}
