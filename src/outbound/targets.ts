/**
 * One delivery to one target, in the target's documented protocol: a signed JSON webhook, a Slack-compatible
 * incoming webhook (also Mattermost, Rocket.Chat), Matrix's client-server API, ntfy, Mastodon's statuses API,
 * Bluesky's createSession + createRecord. Each answer is classified: delivered, to retry (with the target's
 * Retry-After when it gives one), or refused for good.
 */
import { createHmac } from 'node:crypto';
import { trimTrailingSlashes } from '../lib/web-url.js';
import type { ChannelRow } from '../db/outbound/channels.js';
import type { DeliveryRow } from '../db/outbound/deliveries.js';
import type { OutboundAnswer, OutboundHttp } from './http.js';
import { blueskyPost, chatHtml, chatText, eventTitle, mastodonStatus, type ItemEventData } from './message.js';

export type SendResult = { ok: true; response: string; remoteId: string | null } | { ok: false; response: string; retryAfterMs?: number; permanent?: boolean };

export interface SendContext {
  http: OutboundHttp;
  now: number;
  /** The post an earlier delivery on this channel made, by its event key (for deleting it). */
  remoteIdOf(eventKey: string): string | null;
  /** Cancels a not-yet-sent delivery of this channel; true when there was one. */
  cancel(eventKey: string): boolean;
}

export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function retryAfterMs(h: Record<string, string>, now: number): number | undefined {
  const v = h['retry-after'];
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Math.min(Number(v) * 1000, 86_400_000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.min(at - now, 86_400_000)) : undefined;
}

function classify(a: OutboundAnswer, now: number, remoteId: (text: string) => string | null = () => null): SendResult {
  if (!a.ok) return { ok: false, response: a.error };
  const summary = `HTTP ${a.status}${a.text ? `: ${a.text.slice(0, 300)}` : ''}`;
  if (a.status >= 200 && a.status < 300) return { ok: true, response: summary, remoteId: remoteId(a.text) };
  if (a.status === 429 || a.status === 408 || a.status >= 500) {
    const wait = retryAfterMs(a.headers, now);
    return { ok: false, response: summary, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  return { ok: false, response: summary, permanent: true };
}

const json = (text: string): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
const base = (url: string) => trimTrailingSlashes(url);
const data = (d: DeliveryRow) => d.payload.data as ItemEventData;

async function webhook(c: ChannelRow, d: DeliveryRow, ctx: SendContext): Promise<SendResult> {
  const body = JSON.stringify({ id: d.eventKey, event: d.event, createdAt: new Date(d.createdAt).toISOString(), data: d.payload.data });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-vigie-event': d.event, 'x-vigie-delivery': String(d.id), 'idempotency-key': d.eventKey };
  if (c.secret) headers['x-vigie-signature'] = signBody(c.secret, body);
  return classify(await ctx.http({ method: 'POST', url: c.url, headers, body }), ctx.now);
}

async function slack(c: ChannelRow, d: DeliveryRow, ctx: SendContext): Promise<SendResult> {
  return classify(await ctx.http({ method: 'POST', url: c.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: chatText(d.event, data(d)) }) }), ctx.now);
}

async function matrix(c: ChannelRow, d: DeliveryRow, ctx: SendContext): Promise<SendResult> {
  // The transaction id makes a retried PUT the same event (Matrix deduplicates on it).
  const url = `${base(c.url)}/_matrix/client/v3/rooms/${encodeURIComponent(c.room ?? '')}/send/m.room.message/${encodeURIComponent(`vigie-${d.id}`)}`;
  const body = JSON.stringify({ msgtype: 'm.text', body: chatText(d.event, data(d)), format: 'org.matrix.custom.html', formatted_body: chatHtml(d.event, data(d)) });
  return classify(await ctx.http({ method: 'PUT', url, headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token ?? ''}` }, body }), ctx.now, (t) => (json(t)?.event_id as string | undefined) ?? null);
}

async function ntfy(c: ChannelRow, d: DeliveryRow, ctx: SendContext): Promise<SendResult> {
  const dd = data(d);
  // ntfy reads the title, click target and tags from query parameters as well as headers (no header encoding issues).
  const url = new URL(c.url);
  url.searchParams.set('title', `${eventTitle(d.event)}: ${dd.topic.name}`);
  const click = dd.item.url ?? dd.pageUrl;
  if (click) url.searchParams.set('click', click);
  url.searchParams.set('tags', 'eyes');
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  return classify(await ctx.http({ method: 'POST', url: url.toString(), headers, body: chatText(d.event, dd) }), ctx.now, (t) => (json(t)?.id as string | undefined) ?? null);
}

async function mastodon(c: ChannelRow, d: DeliveryRow, ctx: SendContext): Promise<SendResult> {
  const auth = { authorization: `Bearer ${c.token ?? ''}` };
  if (d.event === 'item.unpublished') return unpost(d, ctx, async (id) => classify(await ctx.http({ method: 'DELETE', url: `${base(c.url)}/api/v1/statuses/${encodeURIComponent(id)}`, headers: auth }), ctx.now));
  let max = 500;
  const inst = await ctx.http({ method: 'GET', url: `${base(c.url)}/api/v1/instance`, headers: auth });
  if (inst.ok && inst.status === 200) {
    const i = json(inst.text);
    const conf = i?.configuration as { statuses?: { max_characters?: number } } | undefined;
    max = conf?.statuses?.max_characters ?? (i?.max_toot_chars as number | undefined) ?? 500;
  }
  const status = mastodonStatus(data(d), max);
  const answer = await ctx.http({
    method: 'POST',
    url: `${base(c.url)}/api/v1/statuses`,
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': d.eventKey },
    body: JSON.stringify({ status, visibility: 'public' }),
  });
  return classify(answer, ctx.now, (t) => (json(t)?.id as string | undefined) ?? null);
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
/** A record key in atproto's TID form, fixed per delivery, so a retried createRecord names the same record. */
export function tidFor(createdAtMs: number, clock: number): string {
  let n = (BigInt(createdAtMs) * 1000n) << 10n | BigInt(clock & 1023);
  let s = '';
  for (let i = 0; i < 13; i++) {
    s = TID_ALPHABET[Number(n & 31n)]! + s;
    n >>= 5n;
  }
  return s;
}

async function bluesky(c: ChannelRow, d: DeliveryRow, ctx: SendContext): Promise<SendResult> {
  const pds = base(c.url || 'https://bsky.social');
  const session = await ctx.http({ method: 'POST', url: `${pds}/xrpc/com.atproto.server.createSession`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: c.handle ?? '', password: c.token ?? '' }) });
  const s = classify(session, ctx.now);
  if (!s.ok) return { ...s, response: `sign-in: ${s.response}` };
  const sj = json(session.ok ? session.text : '') ?? {};
  const jwt = String(sj.accessJwt ?? '');
  const did = String(sj.did ?? '');
  const auth = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  if (d.event === 'item.unpublished') {
    return unpost(d, ctx, async (uri) =>
      classify(await ctx.http({ method: 'POST', url: `${pds}/xrpc/com.atproto.repo.deleteRecord`, headers: auth, body: JSON.stringify({ repo: did, collection: 'app.bsky.feed.post', rkey: uri.split('/').pop() }) }), ctx.now),
    );
  }
  const rkey = tidFor(d.createdAt, d.id);
  const answer = await ctx.http({
    method: 'POST',
    url: `${pds}/xrpc/com.atproto.repo.createRecord`,
    headers: auth,
    body: JSON.stringify({ repo: did, collection: 'app.bsky.feed.post', rkey, record: blueskyPost(data(d), d.createdAt) }),
  });
  // The record key is fixed per delivery: a retry after a crash (or after an answer lost on the way) that finds
  // the record already there has made that post. PDSes answer such a create with an error (often a 500), so look.
  if (!(answer.ok && answer.status >= 200 && answer.status < 300)) {
    const q = new URLSearchParams({ repo: did, collection: 'app.bsky.feed.post', rkey });
    const existing = await ctx.http({ method: 'GET', url: `${pds}/xrpc/com.atproto.repo.getRecord?${q}`, headers: { authorization: `Bearer ${jwt}` } });
    if (existing.ok && existing.status === 200) return { ok: true, response: 'already posted', remoteId: `at://${did}/app.bsky.feed.post/${rkey}` };
  }
  return classify(answer, ctx.now, (t) => (json(t)?.uri as string | undefined) ?? null);
}

/** Unpublishing: delete the post the approval made, or cancel it if it has not gone out yet. */
async function unpost(d: DeliveryRow, ctx: SendContext, remove: (remoteId: string) => Promise<SendResult>): Promise<SendResult> {
  const of = String(d.payload.deleteOf ?? '');
  const remote = ctx.remoteIdOf(of);
  if (remote) {
    const r = await remove(remote);
    if (!r.ok && /HTTP 404/.test(r.response)) return { ok: true, response: 'already deleted', remoteId: null };
    return r.ok ? { ...r, remoteId: remote } : r;
  }
  return { ok: true, response: ctx.cancel(of) ? 'withdrawn before it was posted' : 'nothing was posted', remoteId: null };
}

export const TARGETS: Record<ChannelRow['kind'], (c: ChannelRow, d: DeliveryRow, ctx: SendContext) => Promise<SendResult>> = { webhook, slack, matrix, ntfy, mastodon, bluesky };
