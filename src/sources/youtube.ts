/**
 * `kind: youtube` — a channel's or a playlist's latest videos from YouTube's public Atom feed
 * (`/feeds/videos.xml?channel_id=…` or `?playlist_id=…`, no API key). The generic feed parser knows nothing of
 * `media:group`, where YouTube puts the description and thumbnail, so this kind reads the feed itself.
 */
import { XMLParser } from 'fast-xml-parser';
import { canonicalUrl } from '../lib/url.js';
import { parseDate } from '../text/dates.js';
import { escapeHtml } from '../text/strings.js';
import { createSanitiser } from '../text/sanitise.js';
import type { NormalisedItem } from '../model/item.js';
import { webUrl } from '../lib/web-url.js';
import type { CollectResult, SourceAdapter } from './types.js';

type Node = Record<string, unknown>;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return str((v as Node)['#text']);
  return null;
};
const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});

/** Plain description to HTML: paragraphs, line breaks and bare URLs as links. */
function describe(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function parseYoutubeFeed(body: string): { title: string | null; link: string | null; items: NormalisedItem[] } | null {
  let doc: Node;
  try {
    doc = obj(xml.parse(body));
  } catch {
    return null;
  }
  const feed = obj(doc.feed);
  if (!doc.feed) return null;
  const sanitise = createSanitiser();
  const alt = (links: unknown) => (Array.isArray(links) ? links.map(obj).find((l) => l['@rel'] === 'alternate')?.['@href'] : undefined) as string | undefined;
  const entries = Array.isArray(feed.entry) ? feed.entry.map(obj) : [];
  const items = entries.map((e): NormalisedItem => {
    const group = obj(e['media:group']);
    const videoId = str(e['yt:videoId']);
    // The feed's links go through the URL policy; a refused video link falls back to the watch page of its id.
    const url = webUrl(alt(e.link)) ?? (videoId ? `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}` : null);
    const thumb = webUrl(str(obj(group['media:thumbnail'])['@url']), url) ?? undefined;
    const description = str(group['media:description']) ?? '';
    const title = str(e.title) ?? str(group['media:title']);
    const html = `${thumb && url ? `<p><a href="${escapeHtml(url)}"><img src="${escapeHtml(thumb)}" alt="${escapeHtml(title ?? '')}"></a></p>` : ''}${describe(description)}`;
    const safe = sanitise.sanitise(html, url);
    return {
      guid: str(e.id) ?? (videoId ? `yt:video:${videoId}` : null),
      url,
      canonicalUrl: canonicalUrl(url),
      title,
      author: str(obj(e.author).name),
      published: parseDate(str(e.published) ?? str(e.updated)),
      summary: description ? description.replace(/\s+/g, ' ').trim().slice(0, 500) : null,
      contentHtml: safe.html,
      contentText: safe.text,
      categories: [],
      enclosures: thumb ? [{ url: thumb, type: 'image/jpeg', length: null }] : [],
      lang: null,
    };
  });
  return { title: str(feed.title), link: webUrl(alt(feed.link)), items };
}

export const youtubeAdapter: SourceAdapter = {
  async collect(source, deps): Promise<CollectResult> {
    const base = typeof source.settings.base_url === 'string' ? source.settings.base_url : 'https://www.youtube.com';
    const channel = typeof source.settings.channel === 'string' ? source.settings.channel : null;
    const playlist = typeof source.settings.playlist === 'string' ? source.settings.playlist : null;
    if (!channel && !playlist) return { ok: false, kind: 'config', detail: `source ${source.slug} needs a channel or a playlist` };
    const what = channel ? `YouTube channel ${channel}` : `YouTube playlist ${playlist}`;
    const url = `${base}/feeds/videos.xml?${channel ? `channel_id=${encodeURIComponent(channel)}` : `playlist_id=${encodeURIComponent(playlist!)}`}`;
    const res = await deps.fetch({ url, guard: source.origin === 'app', etag: source.etag, lastModified: source.lastModified });
    if (!res.ok) {
      if (res.status === 404) return { ok: false, kind: 'not_found', detail: `${what} not found (HTTP 404 from ${new URL(url).host})`, httpStatus: 404 };
      return { ok: false, kind: res.kind, detail: `${what}: ${res.detail}`, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
    }
    if (res.notModified) return { ok: true, notModified: true, etag: res.etag, lastModified: res.lastModified, maxAgeMs: res.maxAgeMs };
    const parsed = parseYoutubeFeed(res.body.toString('utf8'));
    if (!parsed) return { ok: false, kind: 'api_changed', detail: `${what}: the answer of ${url} is not YouTube's Atom feed; has it changed?`, httpStatus: res.status };
    return {
      ok: true,
      notModified: false,
      feed: { feed: { title: parsed.title, link: parsed.link, description: null, language: null }, items: parsed.items },
      etag: res.etag,
      lastModified: res.lastModified,
      httpStatus: res.status,
      bytes: res.body.length,
      maxAgeMs: res.maxAgeMs,
      warnings: [],
    };
  },
};
