/** Items and subscriptions in the shapes Google Reader clients parse. */
import type { ReaderItem } from '../db/items/reader-streams.js';
import type { ReaderSource } from '../db/sources/reader.js';
import type { ReaderTopic } from '../db/topics/reader.js';
import { longItemId } from './ids.js';
import { READ, READING_LIST, STARRED, feedId, labelId } from './streams.js';

const usec = (ms: number) => `${ms}000`;

export function itemJson(i: ReaderItem, source: ReaderSource | undefined, topicName: (id: number) => string | undefined) {
  const categories = [READING_LIST, ...i.topicIds.map(topicName).filter((n): n is string => Boolean(n)).map(labelId), ...i.tags.map(labelId)];
  if (i.read) categories.push(READ);
  if (i.starred) categories.push(STARRED);
  const html = i.contentHtml ?? i.summary ?? '';
  return {
    id: longItemId(i.id),
    crawlTimeMsec: String(i.firstSeenAt),
    timestampUsec: usec(i.firstSeenAt),
    published: Math.floor(i.publishedAt / 1000),
    updated: Math.floor(i.updatedAt / 1000),
    title: i.title ?? '',
    author: i.author ?? undefined,
    canonical: i.url ? [{ href: i.url }] : [],
    alternate: i.url ? [{ href: i.url, type: 'text/html' }] : [],
    categories,
    origin: { streamId: feedId(i.sourceId), title: source?.title ?? '', htmlUrl: source?.siteUrl ?? source?.url ?? '' },
    summary: { direction: 'ltr', content: html },
    content: { direction: 'ltr', content: html },
    enclosure: i.enclosures.map((e) => ({ href: e.url, type: e.type ?? undefined, length: e.length ?? undefined })),
  };
}

export function subscriptionJson(s: ReaderSource, topics: ReaderTopic[], url: string | null) {
  return {
    id: feedId(s.id),
    title: s.title,
    categories: s.topicIds
      .map((id) => topics.find((t) => t.id === id))
      .filter((t): t is ReaderTopic => t !== undefined)
      .map((t) => ({ id: labelId(t.name), label: t.name, type: 'folder' })),
    url: url ?? '',
    htmlUrl: s.siteUrl ?? url ?? '',
    iconUrl: '',
    firstitemmsec: String(s.createdAt),
    sortid: s.id.toString(16).padStart(8, '0'),
  };
}
