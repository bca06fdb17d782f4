/** Absolute public URLs, all derived from config.publicUrl (no trailing slash). */
import type { FeedFormat } from './model.js';

export type FeedScope = { kind: 'network' } | { kind: 'topic'; slug: string } | { kind: 'tag'; slug: string; tag: string };

export const topicUrl = (base: string, slug: string) => `${base}/t/${encodeURIComponent(slug)}`;
export const itemUrl = (base: string, slug: string, itemId: number) => `${topicUrl(base, slug)}/i/${itemId}`;
export const tagPath = (tag: string) => `/tags/${encodeURIComponent(tag)}`;

export function scopeHome(base: string, scope: FeedScope): string {
  return scope.kind === 'network' ? `${base}/public` : topicUrl(base, scope.slug);
}

export function feedUrl(base: string, scope: FeedScope, format: FeedFormat): string {
  if (scope.kind === 'network') return `${base}/public/feed.${format}`;
  const prefix = scope.kind === 'tag' ? `${topicUrl(base, scope.slug)}${tagPath(scope.tag)}` : topicUrl(base, scope.slug);
  return `${prefix}/feed.${format}`;
}

export const feedUrls = (base: string, scope: FeedScope): Record<FeedFormat, string> => ({
  rss: feedUrl(base, scope, 'rss'),
  atom: feedUrl(base, scope, 'atom'),
  json: feedUrl(base, scope, 'json'),
});
