/**
 * Republication's entry point: resolves what a scope publishes, shapes it into the shared Feed model and renders
 * it in the asked format, through the fingerprint-keyed cache.
 */
import { publicViewer, type Viewer } from '../access/viewer.js';
import { lastRemovalAt } from '../db/audit/audit-log.js';
import type { Sqlite } from '../db/client.js';
import { listPublished, publicationFingerprint, type PublishedRow, type PublishScope } from '../db/curation/published.js';
import { listTopicRefs } from '../db/topics/refs.js';
import type { TopicInfo } from '../db/topics/public.js';
import type { Clock } from '../lib/clock.js';
import type { I18n, Locale } from '../lib/i18n.js';
import { renderAtom } from './atom.js';
import { createRenderCache, type Rendered } from './cache.js';
import { createEntrySanitiser, entryHtml, excerpt } from './content.js';
import { instanceNamespace, publishIds, type PublishIds } from './ids.js';
import { renderJsonFeed } from './jsonfeed.js';
import { FEED_TYPES, type Feed, type FeedEntry, type FeedFormat } from './model.js';
import { renderRss } from './rss.js';
import { feedUrls, itemUrl, scopeHome, type FeedScope } from './urls.js';
import { cleanText } from './xml.js';

export const FEED_LIMIT = 50;

export type ResolvedScope =
  | { kind: 'network' }
  | { kind: 'topic'; topic: TopicInfo }
  | { kind: 'tag'; topic: TopicInfo; tag: { id: number; name: string } };

export interface PublisherDeps {
  sqlite: Sqlite;
  publicUrl: string;
  hub: string | null;
  clock: Clock;
  timeZone: string;
  version: string;
  /** The interface language (the HTTP layer passes web/i18n's). */
  i18n: I18n;
}

export interface Publisher {
  /** Read once per request: everything cached is reused only while it is unchanged. */
  fingerprint(): string;
  feed(scope: ResolvedScope, format: FeedFormat, locale: Locale, fingerprint: string): Rendered;
  /** Any other public output (pages, sitemap), cached under the same rule. */
  cached(key: string, fingerprint: string, build: () => Omit<Rendered, 'etag' | 'bytes'>): Rendered;
  entries(rows: PublishedRow[], locale: Locale): FeedEntry[];
  ids(): PublishIds;
  lastRemovalAt(): number;
  /** Who republication shows things to: the world at large (public topics, what was published there). */
  viewer(): Viewer;
}

const RENDER: Record<FeedFormat, (f: Feed) => string> = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

export const urlScope = (s: ResolvedScope): FeedScope =>
  s.kind === 'network' ? s : s.kind === 'topic' ? { kind: 'topic', slug: s.topic.slug } : { kind: 'tag', slug: s.topic.slug, tag: s.tag.name };

const scopeKey = (s: ResolvedScope) => (s.kind === 'network' ? 'network' : s.kind === 'topic' ? `topic:${s.topic.id}` : `tag:${s.tag.id}`);
const queryScope = (s: ResolvedScope): PublishScope => (s.kind === 'network' ? {} : s.kind === 'topic' ? { topicId: s.topic.id } : { topicId: s.topic.id, tagId: s.tag.id });

export function createPublisher(deps: PublisherDeps): Publisher {
  const cache = createRenderCache(1000);
  const sanitise = createEntrySanitiser(deps.publicUrl);
  let ids: PublishIds | null = null;
  const getIds = () => (ids ??= publishIds(instanceNamespace(deps.sqlite, deps.clock.now())));
  const viewer = () => publicViewer(listTopicRefs(deps.sqlite));

  function entries(rows: PublishedRow[], locale: Locale): FeedEntry[] {
    const t = deps.i18n.translator(locale);
    const date = (ms: number) => deps.i18n.formatDate(locale, ms, deps.timeZone, false);
    return rows.map((r) => ({
      id: getIds().item(r.itemId),
      title: cleanText(r.title?.trim() || r.url || t('public.untitled')),
      link: r.url,
      permalink: itemUrl(deps.publicUrl, r.topicSlug, r.itemId),
      contentHtml: entryHtml(r, t, date, sanitise),
      summary: excerpt(r),
      published: r.approvedAt,
      updated: Math.max(r.approvedAt, r.updatedAt, ...r.annotations.map((a) => a.updatedAt)),
      author: r.author?.trim() ? cleanText(r.author.trim()) : null,
      source: { name: cleanText(r.sourceName), feedUrl: r.sourceFeed, homeUrl: r.sourceHome },
      tags: r.tags,
      lang: r.lang,
    }));
  }

  function buildFeed(scope: ResolvedScope, locale: Locale): Feed {
    const t = deps.i18n.translator(locale);
    const rows = listPublished(deps.sqlite, viewer(), queryScope(scope), FEED_LIMIT);
    const list = entries(rows, locale);
    const topic = scope.kind === 'network' ? null : scope.topic;
    const title =
      scope.kind === 'network' ? t('public.networkTitle') : scope.kind === 'topic' ? scope.topic.name : t('public.tagTitle', { topic: scope.topic.name, tag: scope.tag.name });
    const description = topic?.description?.trim() || (topic ? t('public.topicDescription', { topic: topic.name }) : t('public.networkDescription'));
    const updated = Math.max(topic?.updatedAt ?? 0, lastRemovalAt(deps.sqlite), ...list.map((e) => e.updated));
    return {
      id: getIds().feed(scopeKey(scope)),
      title: cleanText(title),
      description: cleanText(description),
      language: locale,
      homeUrl: scopeHome(deps.publicUrl, urlScope(scope)),
      urls: feedUrls(deps.publicUrl, urlScope(scope)),
      hub: deps.hub,
      updated: updated || deps.clock.now(),
      generator: { name: 'Vigie', version: deps.version },
      entries: list,
    };
  }

  return {
    fingerprint: () => publicationFingerprint(deps.sqlite),
    feed(scope, format, locale, fingerprint) {
      return cache.get(`feed:${scopeKey(scope)}:${format}:${locale}`, fingerprint, () => {
        const feed = buildFeed(scope, locale);
        return { body: RENDER[format](feed), type: `${FEED_TYPES[format]}; charset=utf-8`, lastModified: feed.updated };
      });
    },
    cached: (key, fingerprint, build) => cache.get(key, fingerprint, build),
    entries,
    ids: getIds,
    lastRemovalAt: () => lastRemovalAt(deps.sqlite),
    viewer,
  };
}
