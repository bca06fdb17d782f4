/**
 * What an event says, in each channel's words: plain text and HTML for chat, a status within the instance's length
 * for Mastodon (links count 23 characters there), a post of at most 300 graphemes with a link facet and an external
 * embed for Bluesky.
 */
export interface ItemEventData {
  item: { id: number; title: string | null; url: string | null; source: string | null };
  topic: { slug: string; name: string };
  note?: string | null;
  tags?: string[];
  /** The item on the public topic page, when it is republished there. */
  pageUrl?: string | null;
  rationale?: string | null;
}

const EVENT_WORDS: Record<string, string> = {
  'item.approved': 'Selected',
  'item.unpublished': 'Withdrawn',
  'flag.created': 'Weak signal flagged',
  'flag.confirmed': 'Weak signal confirmed',
  'radar.suggested': 'Radar suggestion',
  'alert.matched': 'Alert',
  'digest.issued': 'Digest issued',
};

export const eventTitle = (event: string) => EVENT_WORDS[event] ?? event;

function link(d: ItemEventData): string | null {
  return d.item.url ?? d.pageUrl ?? null;
}

export function chatText(event: string, d: ItemEventData): string {
  const parts = [`${eventTitle(event)} in ${d.topic.name}: ${d.item.title ?? '(untitled)'}`];
  const l = link(d);
  if (l) parts.push(l);
  if (d.note) parts.push(d.note);
  if (d.rationale) parts.push(d.rationale);
  return parts.join('\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function chatHtml(event: string, d: ItemEventData): string {
  const l = link(d);
  const title = escapeHtml(d.item.title ?? '(untitled)');
  const head = `<b>${escapeHtml(eventTitle(event))}</b> in ${escapeHtml(d.topic.name)}: ${l ? `<a href="${escapeHtml(l)}">${title}</a>` : title}`;
  return [head, d.note ? escapeHtml(d.note) : null, d.rationale ? escapeHtml(d.rationale) : null].filter(Boolean).join('<br>');
}

const hashtag = (t: string) => {
  const words = t.normalize('NFC').split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  return words.length ? `#${words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('')}` : null;
};

/** Mastodon counts every URL as 23 characters, whatever its length. */
export function mastodonLength(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, 'x'.repeat(23))].length;
}

/** The curator's note, the title, the link and the topic's tags as hashtags, within `max` characters. */
export function mastodonStatus(d: ItemEventData, max: number): string {
  const l = link(d);
  const tags = [...new Set((d.tags ?? []).map(hashtag).filter((t): t is string => t !== null))];
  const title = d.item.title ?? '';
  const tail = [l, tags.join(' ')].filter(Boolean).join('\n');
  let note = d.note?.trim() ?? '';
  const build = (n: string, t: string) => [n, t, tail].filter(Boolean).join('\n\n');
  let text = build(note, title);
  if (mastodonLength(text) <= max) return text;
  // Shorten the note first, then the title, keeping the link.
  while (note && mastodonLength(build(note, title)) > max) note = [...note].slice(0, -Math.max(1, mastodonLength(build(note, title)) - max + 1)).join('').trimEnd();
  text = build(note ? `${note}…` : '', title);
  let t = title;
  while (mastodonLength(text) > max && t) {
    t = [...t].slice(0, -Math.max(1, mastodonLength(text) - max + 1)).join('').trimEnd();
    text = build(note ? `${note}…` : '', t ? `${t}…` : '');
  }
  return text;
}

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((x) => x.segment);

/** A Bluesky post: text of at most 300 graphemes ending with the link, its facet (UTF-8 byte offsets), an embed. */
export function blueskyPost(d: ItemEventData, now: number) {
  const l = link(d);
  const head = [d.note?.trim(), d.item.title].filter(Boolean).join('\n\n');
  const room = 300 - (l ? graphemes(l).length + 2 : 0);
  const g = graphemes(head);
  const body = g.length > room ? `${g.slice(0, Math.max(0, room - 1)).join('').trimEnd()}…` : head;
  const text = l ? (body ? `${body}\n\n${l}` : l) : body;
  const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', text, createdAt: new Date(now).toISOString(), langs: undefined };
  if (l) {
    const start = Buffer.byteLength(text.slice(0, text.length - l.length), 'utf8');
    record.facets = [{ index: { byteStart: start, byteEnd: start + Buffer.byteLength(l, 'utf8') }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: l }] }];
    record.embed = { $type: 'app.bsky.embed.external', external: { uri: l, title: d.item.title ?? '', description: d.note ?? '' } };
  }
  delete record.langs;
  return record;
}
