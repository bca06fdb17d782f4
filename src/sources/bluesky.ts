/**
 * `kind: bluesky` — an account's posts from the public AppView (`app.bsky.feed.getAuthorFeed`, no login). Facets
 * (links, mentions, tags; UTF-8 byte offsets) become links; image, link-card, video and quote embeds are kept.
 */
import { z } from 'zod';
import { canonicalUrl } from '../lib/url.js';
import { normaliseLang } from '../parse/normalise.js';
import { createSanitiser } from '../text/sanitise.js';
import { escapeHtml } from '../text/strings.js';
import type { Enclosure, NormalisedItem } from '../model/item.js';
import { collected, fetchJson } from './fetch-json.js';
import { enclosure, titleFromText } from './social-text.js';
import type { CollectResult, SourceAdapter } from './types.js';

/** Where post links point readers (the public web app), not the API host. */
const WEB = 'https://bsky.app';

const profile = z.object({ did: z.string(), handle: z.string(), displayName: z.string().nullish() });
const facet = z.object({
  index: z.object({ byteStart: z.number().int(), byteEnd: z.number().int() }),
  features: z.array(z.object({ $type: z.string(), uri: z.string().optional(), did: z.string().optional(), tag: z.string().optional() })),
});
const record = z.object({
  text: z.string().default(''),
  createdAt: z.string(),
  langs: z.array(z.string()).nullish(),
  facets: z.array(facet).nullish(),
  reply: z.unknown().optional(),
});
const embedView = z
  .object({
    $type: z.string(),
    images: z.array(z.object({ fullsize: z.string(), thumb: z.string().nullish(), alt: z.string().nullish() })).optional(),
    external: z.object({ uri: z.string(), title: z.string().nullish(), description: z.string().nullish(), thumb: z.string().nullish() }).optional(),
    playlist: z.string().optional(),
    thumbnail: z.string().nullish(),
    alt: z.string().nullish(),
    record: z.unknown().optional(),
    media: z.unknown().optional(),
  })
  .passthrough();
type EmbedView = z.output<typeof embedView>;
const postView = z.object({ uri: z.string(), cid: z.string(), author: profile, record, embed: embedView.nullish(), indexedAt: z.string().nullish() });
const feedResponse = z.object({
  feed: z.array(z.object({ post: postView, reason: z.object({ $type: z.string(), by: profile.optional() }).passthrough().nullish() })),
  cursor: z.string().nullish(),
});
type PostView = z.output<typeof postView>;

/** Text with its facets as links; offsets count UTF-8 bytes, hence the Buffer slicing. */
export function renderFacets(text: string, facets: z.output<typeof facet>[] | null | undefined): string {
  const bytes = Buffer.from(text, 'utf8');
  const sorted = [...(facets ?? [])].sort((a, b) => a.index.byteStart - b.index.byteStart);
  let out = '';
  let pos = 0;
  for (const f of sorted) {
    const { byteStart, byteEnd } = f.index;
    if (byteStart < pos || byteEnd > bytes.length || byteEnd <= byteStart) continue;
    const feature = f.features[0];
    const href = feature?.uri ?? (feature?.did ? `${WEB}/profile/${feature.did}` : feature?.tag ? `${WEB}/hashtag/${encodeURIComponent(feature.tag)}` : null);
    out += escapeHtml(bytes.subarray(pos, byteStart).toString('utf8'));
    const label = escapeHtml(bytes.subarray(byteStart, byteEnd).toString('utf8'));
    out += href ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    pos = byteEnd;
  }
  out += escapeHtml(bytes.subarray(pos).toString('utf8'));
  return out.split(/\n{2,}/).map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join('');
}

function embedHtml(e: EmbedView | null | undefined, enclosures: Enclosure[]): string {
  if (!e) return '';
  const t = e.$type;
  if (t.startsWith('app.bsky.embed.images') && e.images) {
    return e.images
      .map((img) => {
        enclosures.push(enclosure(img.fullsize, 'image'));
        return `<p><img src="${escapeHtml(img.fullsize)}" alt="${escapeHtml(img.alt ?? '')}"></p>`;
      })
      .join('');
  }
  if (t.startsWith('app.bsky.embed.external') && e.external) {
    const x = e.external;
    return `<p><a href="${escapeHtml(x.uri)}">${escapeHtml(x.title || x.uri)}</a>${x.description ? `<br>${escapeHtml(x.description)}` : ''}</p>`;
  }
  if (t.startsWith('app.bsky.embed.video') && e.playlist) {
    enclosures.push(enclosure(e.playlist, 'video'));
    const img = e.thumbnail ? `<img src="${escapeHtml(e.thumbnail)}" alt="${escapeHtml(e.alt ?? '')}"><br>` : '';
    return `<p><a href="${escapeHtml(e.playlist)}">${img}video</a></p>`;
  }
  if (t.startsWith('app.bsky.embed.recordWithMedia')) {
    const media = embedView.safeParse(e.media);
    const rec = embedView.safeParse({ $type: 'app.bsky.embed.record#view', record: (e.record as { record?: unknown } | undefined)?.record });
    return (media.success ? embedHtml(media.data, enclosures) : '') + (rec.success ? embedHtml(rec.data, enclosures) : '');
  }
  if (t.startsWith('app.bsky.embed.record')) {
    const quoted = z.object({ uri: z.string(), author: profile, value: z.object({ text: z.string() }) }).safeParse(e.record);
    if (!quoted.success) return '';
    const q = quoted.data;
    return `<blockquote cite="${escapeHtml(postUrl(q.uri, q.author.handle))}"><p>${escapeHtml(q.value.text)}</p><p>— ${escapeHtml(q.author.displayName || `@${q.author.handle}`)}</p></blockquote>`;
  }
  return '';
}

function postUrl(uri: string, handle: string): string {
  const rkey = uri.split('/').pop() ?? '';
  return `${WEB}/profile/${handle}/post/${rkey}`;
}

export function postToItem(post: PostView, repostedBy: string | null, sanitise = createSanitiser()): NormalisedItem {
  const enclosures: Enclosure[] = [];
  const html = renderFacets(post.record.text, post.record.facets) + embedHtml(post.embed, enclosures);
  const url = postUrl(post.uri, post.author.handle);
  const safe = sanitise.sanitise(html, url);
  const who = post.author.displayName?.trim() || `@${post.author.handle}`;
  const text = post.record.text.trim();
  return {
    guid: post.uri,
    url,
    canonicalUrl: canonicalUrl(url),
    title: titleFromText(text, `Post by ${who}`),
    author: repostedBy ? `${who} (reposted by ${repostedBy})` : who,
    published: Number.isFinite(Date.parse(post.record.createdAt)) ? new Date(post.record.createdAt).toISOString() : null,
    summary: text ? text.slice(0, 500) : null,
    contentHtml: safe.html,
    contentText: safe.text,
    categories: (post.record.facets ?? []).flatMap((f) => f.features.flatMap((x) => (x.tag ? [x.tag] : []))),
    enclosures,
    lang: normaliseLang(post.record.langs?.[0]),
  };
}

export const blueskyAdapter: SourceAdapter = {
  async collect(source, deps): Promise<CollectResult> {
    const handle = typeof source.settings.handle === 'string' ? source.settings.handle.replace(/^@/, '') : null;
    const appview = typeof source.settings.appview === 'string' ? source.settings.appview : 'https://public.api.bsky.app';
    if (!handle) return { ok: false, kind: 'config', detail: `source ${source.slug} has no handle` };
    const replies = source.settings.include_replies === true;
    const reposts = source.settings.include_reposts !== false;
    const q = new URLSearchParams({ actor: handle, limit: '50', filter: replies ? 'posts_with_replies' : 'posts_no_replies' });
    const url = `${appview}/xrpc/app.bsky.feed.getAuthorFeed?${q}`;
    const res = await fetchJson(deps, source, url, feedResponse, `Bluesky account ${handle}`);
    if (!res.ok) {
      // The AppView answers 400 {"error":"InvalidRequest","message":"Profile not found"} for unknown actors.
      if (res.httpStatus === 400) return { ...res, kind: 'not_found', detail: `Bluesky account ${handle} not found or not readable (HTTP 400 from ${new URL(appview).host})` };
      return res;
    }
    const sanitise = createSanitiser();
    const items = res.data.feed
      .filter((f) => reposts || !f.reason)
      .filter((f) => replies || !f.post.record.reply)
      .map((f) => postToItem(f.post, f.reason?.by ? f.reason.by.displayName?.trim() || `@${f.reason.by.handle}` : null, sanitise));
    const self = res.data.feed.find((f) => !f.reason)?.post.author;
    const title = self ? `${self.displayName?.trim() || self.handle} (@${self.handle})` : `@${handle}`;
    return collected({ feed: { title, link: `${WEB}/profile/${self?.handle ?? handle}`, description: null, language: null }, items }, res);
  },
};
