/**
 * A topic's channels as its curators set them up: what each kind needs, checked before anything is stored; targets
 * added in the app pass the SSRF guard (FETCH_ALLOW_PRIVATE lifts it); a webhook's signing secret is made here and
 * shown once.
 */
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/client.js';
import { insertChannel, getChannel, type ChannelKind, type ChannelRow } from '../db/outbound/channels.js';
import { checkUrlTarget } from '../fetch/ssrf.js';
import { defaultEvents, EVENTS, eventsAllowed, isSocial } from './events.js';

export interface NewChannel {
  kind: ChannelKind;
  url?: string;
  token?: string;
  room?: string;
  handle?: string;
  name?: string;
  events?: string[];
}

export type ChannelResult = { ok: true; channel: ChannelRow; secret: string | null } | { ok: false; field: string; message: string };

function checkUrl(raw: string | undefined, field: string, allowPrivate: boolean): { ok: true; url: string } | { ok: false; field: string; message: string } {
  if (!raw) return { ok: false, field, message: `${field}: required` };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, field, message: `${field}: not a URL` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, field, message: `${field}: only http and https addresses` };
  if (u.username || u.password) return { ok: false, field, message: `${field}: put credentials in token, not in the address` };
  if (!allowPrivate) {
    const blocked = checkUrlTarget(u);
    if (blocked) return { ok: false, field, message: `${field}: ${blocked}` };
  }
  return { ok: true, url: u.toString() };
}

export function createTopicChannel(sqlite: Sqlite, topic: { id: number; public: boolean }, actorId: number, c: NewChannel, o: { allowPrivate: boolean; now: number }): ChannelResult {
  const events = c.events ?? defaultEvents(c.kind);
  const unknown = events.filter((e) => !(EVENTS as readonly string[]).includes(e));
  if (unknown.length) return { ok: false, field: 'events', message: `events: unknown ${unknown.join(', ')} (known: ${EVENTS.join(', ')})` };
  if (!events.length) return { ok: false, field: 'events', message: 'events: at least one' };
  if (!eventsAllowed(c.kind, events)) return { ok: false, field: 'events', message: 'events: social accounts cross-post approvals only (item.approved, item.unpublished)' };
  if (isSocial(c.kind) && !topic.public) return { ok: false, field: 'kind', message: 'a members-only topic is not cross-posted to social networks' };
  const url = checkUrl(c.kind === 'bluesky' ? (c.url ?? 'https://bsky.social') : c.url, 'url', o.allowPrivate);
  if (!url.ok) return url;
  const need = (v: string | undefined, field: string, what: string) => (v && v.trim() ? null : { ok: false as const, field, message: `${field}: ${what}` });
  const missing =
    c.kind === 'matrix'
      ? (need(c.token, 'token', 'the access token of the Matrix account that posts') ?? need(c.room, 'room', 'the room id, such as !abc:example.org'))
      : c.kind === 'mastodon'
        ? need(c.token, 'token', 'an access token with the write:statuses scope')
        : c.kind === 'bluesky'
          ? (need(c.handle, 'handle', 'the account handle, such as network.bsky.social') ?? need(c.token, 'token', 'an app password of that account'))
          : null;
  if (missing) return missing;
  const secret = c.kind === 'webhook' ? `whsec_${randomBytes(24).toString('base64url')}` : null;
  const id = insertChannel(sqlite, {
    topicId: topic.id,
    userId: null,
    kind: c.kind,
    name: c.name ?? null,
    url: url.url,
    token: c.token ?? null,
    room: c.room ?? null,
    handle: c.handle ?? null,
    secret,
    events,
    authorId: actorId,
    now: o.now,
  });
  return { ok: true, channel: getChannel(sqlite, id)!, secret };
}

/** A channel as curators see it: never its token or secret. */
export function channelJson(c: ChannelRow) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    url: c.url,
    room: c.room,
    handle: c.handle,
    events: c.events,
    enabled: c.enabled,
    disabledReason: c.disabledReason,
    consecutiveFailures: c.consecutiveFailures,
    hasToken: c.token !== null,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
