import { redactUrl } from '../access/rule.js';
import type { Sqlite } from '../db/client.js';
import { listOpmlRows } from '../db/sources/opml-rows.js';
import { renderOpml, type OpmlGroup } from './opml.js';

/** The sources as OPML, one folder per topic (sources without a topic in "Sans thème / No topic"). */
/** `redact`: drop what a URL may hide (userinfo, query values) — for readers who are not the topic's curators. */
export function exportSourcesOpml(sqlite: Sqlite, opts: { topic?: string; now: number; publicOnly?: boolean; redact?: boolean }): string {
  const rows = listOpmlRows(sqlite, opts);
  const groups = new Map<string, OpmlGroup>();
  for (const r of rows) {
    const name = r.topicName ?? 'Sans thème / No topic';
    const g = groups.get(name) ?? { title: name, feeds: [] };
    g.feeds.push(opts.redact ? { title: r.title, xmlUrl: redactUrl(r.url)!, htmlUrl: redactUrl(r.htmlUrl) } : { title: r.title, xmlUrl: r.url, htmlUrl: r.htmlUrl });
    groups.set(name, g);
  }
  return renderOpml(opts.topic ? `Vigie — ${opts.topic}` : 'Vigie — sources', [...groups.values()], new Date(opts.now));
}
