/**
 * The visibility rule for the search index. Items: a Meilisearch filter over the search document's `topicIds` (the
 * item's topics). Curation in a document is keyed by the topic it was made in (see src/db/items/search-documents.ts):
 * `topicTags` holds "<topicId>:<tag>", `signals` holds "<scope>:<strength>:<status>" per live flag and `approvals`
 * holds "<scope>" per approval, where the scope is the topic id, or for curation made in no topic 'p' (published:
 * a public flag) or 'n' (network-internal). Search shows curation to signed-in viewers only.
 */
import { isSignedIn } from './rule.js';
import type { Viewer } from './viewer.js';

/** Null = no restriction. A viewer who reads no topic gets a filter nothing matches. */
export function meiliReadableFilter(v: Viewer): string | null {
  if (v.topics === 'all') return null;
  const ids = [...v.topics];
  return ids.length ? `topicIds IN [${ids.join(', ')}]` : 'topicIds = -1';
}

/** Which curation scopes the viewer reads in search: 'all', none, or these scope keys. */
export function curationScopes(v: Viewer): 'all' | ReadonlySet<string> {
  if (v.kind === 'system' || (isSignedIn(v) && v.topics === 'all')) return 'all';
  if (!isSignedIn(v) || v.topics === 'all') return new Set();
  return new Set([...[...v.topics].map(String), 'p']);
}

const inScopes = (scopes: 'all' | ReadonlySet<string>, scope: string) => scopes === 'all' || scopes.has(scope);
const scopeOf = (key: string) => key.slice(0, key.indexOf(':'));
const restOf = (key: string) => key.slice(key.indexOf(':') + 1);

/** The item's tag names the viewer may read, from its "<topicId>:<tag>" keys. */
export function readableTags(v: Viewer, topicTags: readonly string[]): string[] {
  const scopes = curationScopes(v);
  return [...new Set(topicTags.filter((k) => inScopes(scopes, scopeOf(k))).map(restOf))];
}

export const SIGNAL_STATUSES = ['watching', 'confirmed'] as const;
const MAX_STRENGTH = 3;
/** Strongest first: higher strength, then confirmed before watching (as curation/flags.ts ranks them). */
const rank = (strength: number, status: string) => strength * 2 + (status === 'confirmed' ? 1 : 0);

/** The status of the strongest live flag the viewer may read, from the item's "<scope>:<strength>:<status>" keys. */
export function readableSignal(v: Viewer, signals: readonly string[]): string | null {
  const scopes = curationScopes(v);
  let best: { r: number; status: string } | null = null;
  for (const k of signals) {
    if (!inScopes(scopes, scopeOf(k))) continue;
    const [strength, status] = restOf(k).split(':') as [string, string];
    const r = rank(Number(strength), status);
    if (!best || r > best.r) best = { r, status };
  }
  return best?.status ?? null;
}

/** Whether the item carries an approval the viewer may read. */
export function readableApproval(v: Viewer, approvals: readonly string[]): boolean {
  const scopes = curationScopes(v);
  return approvals.some((s) => inScopes(scopes, s));
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const list = (keys: string[]) => `[${keys.map(quote).join(', ')}]`;

/** Items tagged `tag` in a topic whose curation the viewer reads. */
export function meiliTagFilter(v: Viewer, tag: string): string {
  const scopes = curationScopes(v);
  if (scopes === 'all') return `tags = ${quote(tag)}`;
  const keys = [...scopes].filter((s) => s !== 'p').map((s) => `${s}:${tag.toLowerCase()}`);
  return keys.length ? `topicTags IN ${list(keys)}` : 'topicIds = -1';
}

/** Items whose strongest live flag readable by the viewer has this status. */
export function meiliSignalFilter(v: Viewer, status: string): string {
  const scopes = curationScopes(v);
  if (scopes === 'all') return `signal = ${quote(status)}`;
  if (!scopes.size || !(SIGNAL_STATUSES as readonly string[]).includes(status)) return 'topicIds = -1';
  const keys = (strength: number, st: string) => [...scopes].map((s) => `${s}:${strength}:${st}`);
  const alternatives: string[] = [];
  for (let strength = 1; strength <= MAX_STRENGTH; strength++) {
    const stronger = SIGNAL_STATUSES.flatMap((st) => Array.from({ length: MAX_STRENGTH }, (_, i) => i + 1).filter((k) => rank(k, st) > rank(strength, status)).flatMap((k) => keys(k, st)));
    alternatives.push(stronger.length ? `(signals IN ${list(keys(strength, status))} AND NOT signals IN ${list(stronger)})` : `signals IN ${list(keys(strength, status))}`);
  }
  return `(${alternatives.join(' OR ')})`;
}
