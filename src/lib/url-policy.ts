/**
 * The URL policy (src/lib/web-url.ts) applied to a whole normalised feed: the feed's link, every item's link and
 * canonical link, every enclosure. Run on what every source kind hands the pipeline (src/sources/registry.ts wraps
 * each adapter with it, inbound mail goes through it too), so no kind can store a link that is not http(s).
 * A refused item link leaves the item without a link; a refused enclosure is dropped; both are counted as warnings.
 */
import { webUrl } from '../lib/web-url.js';
import { canonicalUrl } from '../lib/url.js';
import type { Enclosure, NormalisedFeed, NormalisedItem } from '../model/item.js';

const SHOWN = 60;

function shown(url: string): string {
  const s = JSON.stringify(url.length > SHOWN ? `${url.slice(0, SHOWN)}…` : url);
  return s.slice(1, -1);
}

/** One item under the policy; `refused` collects the links it dropped. */
export function applyUrlPolicyToItem(item: NormalisedItem, base: string | null, refused: string[]): NormalisedItem {
  const url = webUrl(item.url, base);
  if (item.url && !url) refused.push(item.url);
  const canonical = url === null ? null : url === item.url && item.canonicalUrl ? webUrl(item.canonicalUrl) : canonicalUrl(url);
  const enclosures: Enclosure[] = [];
  for (const e of item.enclosures) {
    const u = webUrl(e.url, url ?? base);
    if (u) enclosures.push(u === e.url ? e : { ...e, url: u });
    else refused.push(e.url);
  }
  if (url === item.url && canonical === item.canonicalUrl && enclosures.length === item.enclosures.length && enclosures.every((e, i) => e === item.enclosures[i])) return item;
  return { ...item, url, canonicalUrl: canonical, enclosures };
}

/** The feed under the policy, with a warning naming what was refused (none when everything was already http(s)). */
export function applyUrlPolicy(feed: NormalisedFeed, base: string | null): { feed: NormalisedFeed; warnings: string[] } {
  const refused: string[] = [];
  const link = webUrl(feed.feed.link, base);
  if (feed.feed.link && !link) refused.push(feed.feed.link);
  const items = feed.items.map((it) => applyUrlPolicyToItem(it, link ?? base, refused));
  const warnings = refused.length
    ? [`${refused.length} link(s) refused: only http(s) links are kept (first: "${shown(refused[0]!)}")`]
    : [];
  return { feed: { feed: { ...feed.feed, link }, items }, warnings };
}
