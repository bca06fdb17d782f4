/** Small helpers shared by the social kinds: a post's title from its text, media as enclosures and HTML. */
import { escapeHtml, truncate } from '../text/strings.js';
import type { Enclosure } from '../model/item.js';

const TITLE_MAX = 120;

/** A post has no title: its first line, cut at a word boundary, stands in for one. */
export function titleFromText(text: string | null | undefined, fallback: string): string {
  const first = (text ?? '').split(/\n/).map((l) => l.trim()).find(Boolean);
  return first ? truncate(first.replace(/\s+/g, ' '), TITLE_MAX) : fallback;
}

const EXT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', m3u8: 'application/vnd.apple.mpegurl',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', m4a: 'audio/mp4', opus: 'audio/opus',
};

/** MIME type of a media URL from its extension, else from the network's coarse kind ("image" → "image/*"). */
export function mediaType(url: string, kind?: string | null): string | null {
  const ext = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  if (ext && EXT_TYPES[ext]) return EXT_TYPES[ext]!;
  if (kind === 'image' || kind === 'video' || kind === 'audio') return `${kind}/*`;
  if (kind === 'gifv') return 'video/*';
  return null;
}

export function enclosure(url: string, kind?: string | null): Enclosure {
  return { url, type: mediaType(url, kind), length: null };
}

/** An image (with its description as alt text) or a link to other media, as HTML to append to a post. */
export function mediaHtml(url: string, kind: string | null, description: string | null, preview?: string | null): string {
  const alt = escapeHtml(description ?? '');
  if (kind === 'image' || (!kind && /^image\//.test(mediaType(url) ?? ''))) {
    return `<p><img src="${escapeHtml(url)}" alt="${alt}"></p>`;
  }
  const label = description ? alt : escapeHtml(kind ?? 'media');
  const img = preview ? `<img src="${escapeHtml(preview)}" alt="${alt}"><br>` : '';
  return `<p><a href="${escapeHtml(url)}">${img}${label}</a></p>`;
}
