/**
 * `kind: mastodon` — an account's public posts or a hashtag's on one instance, through the public REST API
 * (accounts/lookup + accounts/:id/statuses, timelines/tag/:tag). Instances that refuse anonymous API calls
 * (401/403/422) are read from their public RSS instead (`/@user.rss`, `/tags/x.rss`).
 */
import { z } from 'zod';
import { canonicalUrl } from '../lib/url.js';
import { normaliseLang } from '../parse/normalise.js';
import { createSanitiser } from '../text/sanitise.js';
import { escapeHtml } from '../text/strings.js';
import type { NormalisedItem } from '../model/item.js';
import { webUrl } from '../lib/web-url.js';
import { collected, fetchJson } from './fetch-json.js';
import { enclosure, mediaHtml, titleFromText } from './social-text.js';
import type { AdapterDeps, CollectResult, SourceAdapter, SourceRecord } from './types.js';

const account = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().nullish(),
  url: z.string().nullish(),
});

const media = z.object({
  type: z.string(),
  url: z.string().nullish(),
  preview_url: z.string().nullish(),
  remote_url: z.string().nullish(),
  description: z.string().nullish(),
});

const baseStatus = z.object({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  in_reply_to_id: z.string().nullish(),
  sensitive: z.boolean().nullish(),
  spoiler_text: z.string().nullish(),
  visibility: z.string().nullish(),
  language: z.string().nullish(),
  content: z.string(),
  account,
  media_attachments: z.array(media).default([]),
  tags: z.array(z.object({ name: z.string() })).default([]),
  card: z.object({ url: z.string(), title: z.string().nullish(), description: z.string().nullish() }).nullish(),
});
const status = baseStatus.extend({ reblog: baseStatus.nullish() });
type Status = z.output<typeof status>;

const REFUSED = new Set([401, 403, 422]);
const LIMIT = 40;

interface Target {
  base: string;
  acct: string | null;
  hashtag: string | null;
}

function targetOf(source: SourceRecord): Target | string {
  const base = typeof source.settings.instance === 'string' ? source.settings.instance : null;
  if (!base) return `source ${source.slug} has no instance`;
  const host = new URL(base).host;
  const handle = typeof source.settings.handle === 'string' ? source.settings.handle.replace(/^@/, '') : null;
  const hashtag = typeof source.settings.hashtag === 'string' ? source.settings.hashtag.replace(/^#/, '') : null;
  // "@user@this.instance" is the local account "user"; "@user@other.host" is looked up as a remote account.
  const acct = handle && handle.endsWith(`@${host}`) ? handle.slice(0, -host.length - 1) : handle;
  if (!acct && !hashtag) return `source ${source.slug} needs a handle or a hashtag`;
  return { base, acct, hashtag };
}

/** One status as an item: a boost shows the boosted post (so the same post from two sources is one story). */
export function statusToItem(s: Status, sanitise = createSanitiser()): NormalisedItem {
  const post = s.reblog ?? s;
  // Every link the instance hands out goes through the URL policy; a status whose `url` is refused keeps its uri.
  const url = webUrl(post.url) ?? webUrl(post.uri);
  const cardUrl = webUrl(post.card?.url, url);
  const mediaUrl = (m: Status['media_attachments'][number]) => webUrl(m.url, url) ?? webUrl(m.remote_url, url);
  const parts = [post.content];
  if (cardUrl) parts.push(`<p><a href="${escapeHtml(cardUrl)}">${escapeHtml(post.card?.title ?? cardUrl)}</a></p>`);
  for (const m of post.media_attachments) {
    const media = mediaUrl(m);
    if (media) parts.push(mediaHtml(media, m.type, m.description ?? null, webUrl(m.preview_url, url)));
  }
  const warning = post.spoiler_text?.trim() ? `<p><strong>CW: ${escapeHtml(post.spoiler_text)}</strong></p>` : '';
  const safe = sanitise.sanitise(warning + parts.join(''), url);
  const text = sanitise.toText(post.content);
  // The first paragraph (or line) stands in for a title.
  const firstParagraph = post.content.split(/<\/p>|<br\s*\/?>/i).map((p) => sanitise.toText(p)).find(Boolean) ?? '';
  const who = post.account.display_name?.trim() || `@${post.account.acct}`;
  return {
    guid: post.uri,
    url,
    canonicalUrl: canonicalUrl(url),
    title: post.spoiler_text?.trim() ? `CW: ${post.spoiler_text.trim()}` : titleFromText(firstParagraph, `Post by ${who}`),
    author: s.reblog ? `${who} (boosted by ${s.account.display_name?.trim() || `@${s.account.acct}`})` : who,
    published: Number.isFinite(Date.parse(post.created_at)) ? new Date(post.created_at).toISOString() : null,
    summary: text ? text.slice(0, 500) : null,
    contentHtml: safe.html,
    contentText: safe.text,
    categories: post.tags.map((t) => t.name),
    enclosures: post.media_attachments.flatMap((m) => {
      const media = mediaUrl(m);
      return media ? [enclosure(media, m.type)] : [];
    }),
    lang: normaliseLang(post.language),
  };
}

async function viaRss(t: Target, source: SourceRecord, deps: AdapterDeps, why: string): Promise<CollectResult> {
  const url = t.acct ? `${t.base}/@${t.acct}.rss` : `${t.base}/tags/${encodeURIComponent(t.hashtag!)}.rss`;
  const res = await deps.fetch({ url, guard: source.origin === 'app', etag: source.etag, lastModified: source.lastModified });
  if (!res.ok) return { ok: false, kind: res.kind, detail: `${why}; its public RSS failed too: ${res.detail}`, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
  if (res.notModified) return { ok: true, notModified: true, etag: res.etag, lastModified: res.lastModified, maxAgeMs: res.maxAgeMs };
  const parsed = await deps.parse({ body: res.body, contentType: res.contentType, url: res.finalUrl });
  if (!parsed.ok) return { ok: false, kind: parsed.kind, detail: `${why}; its public RSS is unreadable: ${parsed.detail}` };
  return { ok: true, notModified: false, feed: parsed.feed, etag: res.etag, lastModified: res.lastModified, httpStatus: res.status, bytes: res.body.length, maxAgeMs: res.maxAgeMs, warnings: [`${why}: read from ${url}`, ...parsed.warnings] };
}

export const mastodonAdapter: SourceAdapter = {
  async collect(source, deps): Promise<CollectResult> {
    const t = targetOf(source);
    if (typeof t === 'string') return { ok: false, kind: 'config', detail: t };
    const host = new URL(t.base).host;
    const replies = source.settings.include_replies === true;
    const boosts = source.settings.include_boosts !== false;
    let statusesUrl: string;
    let title: string;
    let link: string;
    if (t.acct) {
      const who = `account @${t.acct} on ${host}`;
      const found = await fetchJson(deps, source, `${t.base}/api/v1/accounts/lookup?acct=${encodeURIComponent(t.acct)}`, account, who);
      if (!found.ok) return found.httpStatus && REFUSED.has(found.httpStatus) ? viaRss(t, source, deps, `${host} refuses anonymous API calls`) : found;
      const q = new URLSearchParams({ limit: String(LIMIT), exclude_replies: String(!replies), exclude_reblogs: String(!boosts) });
      statusesUrl = `${t.base}/api/v1/accounts/${encodeURIComponent(found.data.id)}/statuses?${q}`;
      title = `${found.data.display_name?.trim() || found.data.username} (@${found.data.acct}@${host})`;
      link = webUrl(found.data.url) ?? `${t.base}/@${t.acct}`;
    } else {
      statusesUrl = `${t.base}/api/v1/timelines/tag/${encodeURIComponent(t.hashtag!)}?limit=${LIMIT}`;
      title = `#${t.hashtag} on ${host}`;
      link = `${t.base}/tags/${encodeURIComponent(t.hashtag!)}`;
    }
    const what = t.acct ? `posts of @${t.acct} on ${host}` : `#${t.hashtag} on ${host}`;
    const res = await fetchJson(deps, source, statusesUrl, z.array(status), what);
    if (!res.ok) return res.httpStatus && REFUSED.has(res.httpStatus) ? viaRss(t, source, deps, `${host} refuses anonymous API calls`) : res;
    const sanitise = createSanitiser();
    const items = res.data
      .filter((s) => (s.reblog ?? s).visibility !== 'private' && (s.reblog ?? s).visibility !== 'direct')
      .filter((s) => replies || !s.in_reply_to_id)
      .filter((s) => boosts || !s.reblog)
      .map((s) => statusToItem(s, sanitise));
    return collected({ feed: { title, link, description: null, language: null }, items }, res);
  },
};
