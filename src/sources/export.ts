import { redactUrl } from '../access/rule.js';
import type { Sqlite } from '../db/client.js';
import { renderOpml, type OpmlGroup } from './opml.js';

/** The sources as OPML, one folder per topic (sources without a topic in "Sans thème / No topic"). */
/** `redact`: drop what a URL may hide (userinfo, query values) — for readers who are not the topic's curators. */
export function exportSourcesOpml(sqlite: Sqlite, opts: { topic?: string; now: number; publicOnly?: boolean; redact?: boolean }): string {
  const rows = sqlite
    .prepare(
      `SELECT s.slug, COALESCE(s.name, s.feed_title, s.slug) AS title, s.url, s.feed_link AS htmlUrl, t.slug AS topic, t.name AS topicName
       FROM sources s LEFT JOIN source_topics st ON st.source_id = s.id LEFT JOIN topics t ON t.id = st.topic_id
       WHERE s.deleted_at IS NULL AND s.url IS NOT NULL AND (@topic IS NULL OR t.slug = @topic) AND (@pub = 0 OR t.public = 1)
       ORDER BY t.name, title`,
    )
    .all({ topic: opts.topic ?? null, pub: opts.publicOnly ? 1 : 0 }) as { title: string; url: string; htmlUrl: string | null; topic: string | null; topicName: string | null }[];
  const groups = new Map<string, OpmlGroup>();
  for (const r of rows) {
    const name = r.topicName ?? 'Sans thème / No topic';
    const g = groups.get(name) ?? { title: name, feeds: [] };
    g.feeds.push(opts.redact ? { title: r.title, xmlUrl: redactUrl(r.url)!, htmlUrl: redactUrl(r.htmlUrl) } : { title: r.title, xmlUrl: r.url, htmlUrl: r.htmlUrl });
    groups.set(name, g);
  }
  return renderOpml(opts.topic ? `Vigie — ${opts.topic}` : 'Vigie — sources', [...groups.values()], new Date(opts.now));
}
