import type { Sqlite } from '../client.js';

export interface StoredText {
  contentHtml: string | null;
  contentText: string | null;
  summary: string | null;
  author: string | null;
  lang: string | null;
  firstSeenAt: number;
}

/** Looks up the text already stored for a source's item by canonical URL or URL (prepared once per fetch). */
export function prepareStoredTextLookup(sqlite: Sqlite): (sourceId: number, canonicalUrl: string, url: string) => StoredText | null {
  const lookup = sqlite.prepare(
    `SELECT content_html AS contentHtml, content_text AS contentText, summary, author, lang, first_seen_at AS firstSeenAt
     FROM items WHERE source_id = ? AND (canonical_url = ? OR url = ?) ORDER BY id LIMIT 1`,
  );
  return (sourceId, canonicalUrl, url) => (lookup.get(sourceId, canonicalUrl, url) as StoredText | undefined) ?? null;
}
