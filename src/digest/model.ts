/** The digest as every output (e-mail HTML, plain text, web page, feed) renders it. */
import type { Sqlite } from '../db/client.js';
import { digestItemRows } from '../db/items/digest-items.js';
import type { Entry, Section } from './select.js';
import type { DigestLang, Subscription } from './subscriptions.js';

export interface DigestItem {
  id: number;
  section: Section;
  title: string;
  url: string | null;
  /** The item's page on this instance. */
  permalink: string;
  source: string;
  publishedAt: number;
  excerpt: string | null;
  /** Curator's public note (approved) or the signal's rationale. */
  note: string | null;
  count: number;
}

export interface DigestModel {
  subscriptionId: number;
  label: string;
  kind: Subscription['kind'];
  frequency: Subscription['frequency'];
  lang: DigestLang;
  timeZone: string;
  periodStart: number;
  periodEnd: number;
  /** The items loaded: the first `cap` of the digest (all of them for the web page and the feed). */
  items: DigestItem[];
  /** How many items the digest holds in all. */
  total: number;
  /** Shown in the e-mail; the rest is "N more on the web". */
  cap: number;
}

export interface DigestLinks {
  web: string;
  unsubscribe: string;
  manage: string;
}

const EXCERPT = 240;

/** Summary and content text are plain text (the renderers escape them): a "<video>" in them is words, kept. */
function excerptOf(summary: string | null, text: string | null): string | null {
  const s = (summary ?? text ?? '').replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return s.length > EXCERPT ? `${s.slice(0, EXCERPT - 1).replace(/\s+\S*$/, '')}…` : s;
}

/** Loads the items of the entries, keeping their order (items deleted since are left out). */
export function loadDigestItems(sqlite: Sqlite, entries: readonly Entry[], publicUrl: string): DigestItem[] {
  if (!entries.length) return [];
  const rows = digestItemRows(sqlite, entries.map((e) => e.itemId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return entries.flatMap((e) => {
    const r = byId.get(e.itemId);
    if (!r) return [];
    return [{ id: r.id, section: e.section, title: r.title?.trim() || r.url || `#${r.id}`, url: r.url, permalink: `${publicUrl}/items/${r.id}`, source: r.source, publishedAt: r.publishedAt, excerpt: excerptOf(r.summary, r.contentText), note: e.note, count: e.count }];
  });
}

/** Links of one subscription's issue (the unsubscribe link needs no sign-in: its secret is the token). */
export function digestLinks(publicUrl: string, sub: Pick<Subscription, 'id' | 'token'>, issueId: number | null): DigestLinks {
  return {
    web: issueId === null ? `${publicUrl}/digests/${sub.id}` : `${publicUrl}/digests/${sub.id}/issues/${issueId}`,
    unsubscribe: `${publicUrl}/digests/unsubscribe/${sub.token}`,
    manage: `${publicUrl}/digests`,
  };
}
