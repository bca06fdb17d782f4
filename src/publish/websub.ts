/**
 * WebSub publisher pings: tells the hub which feed URLs changed (`hub.mode=publish`, the form every common hub
 * accepts). Best effort: failures are logged and returned, never thrown, so publishing never depends on the hub.
 */
import type { Sqlite } from '../db/client.js';
import { publicTopicsOfItem } from '../db/topics/public.js';
import type { Logger } from '../lib/log.js';
import { FEED_FORMATS } from './model.js';
import { feedUrl, type FeedScope } from './urls.js';

export interface PingResult {
  url: string;
  ok: boolean;
  status?: number;
  error?: string;
}

export interface PingDeps {
  hub: string;
  post: typeof fetch;
  log: Logger;
  timeoutMs?: number;
}

export async function pingHub(deps: PingDeps, urls: readonly string[]): Promise<PingResult[]> {
  return Promise.all(
    urls.map(async (url): Promise<PingResult> => {
      try {
        const res = await deps.post(deps.hub, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
          signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) deps.log.warn({ hub: deps.hub, feed: url, status: res.status }, 'websub hub refused the ping');
        return { url, ok: res.ok, status: res.status };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        deps.log.warn({ hub: deps.hub, feed: url, error }, 'websub hub ping failed');
        return { url, ok: false, error };
      }
    }),
  );
}

/**
 * Feeds an item's (un)publication changes: the network feeds, and for each public topic of its source the topic
 * feeds and the feeds of the item's tags there. Read from the source's topics, so it works after an unpublish.
 */
export function feedsOfItem(sqlite: Sqlite, base: string, itemId: number): string[] {
  const rows = publicTopicsOfItem(sqlite, itemId);
  if (!rows.length) return [];
  const scopes: FeedScope[] = [{ kind: 'network' }];
  for (const r of rows) {
    scopes.push({ kind: 'topic', slug: r.slug });
    for (const tag of r.tags) scopes.push({ kind: 'tag', slug: r.slug, tag });
  }
  return scopes.flatMap((s) => FEED_FORMATS.map((f) => feedUrl(base, s, f)));
}
