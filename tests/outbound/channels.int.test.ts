/**
 * Outbound channels end to end: a curator adds channels to a topic through the API, approves an item, and the
 * outbound runs deliver to local stand-ins of each service (tests/outbound/fakes.ts) — once, signed, retried on
 * failure with the target's Retry-After, idempotent across a crash, disabled after repeated refusals, logged.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { createApp } from '../../src/http/app.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import { manualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/log.js';
import { claimDueDeliveries } from '../../src/db/outbound/deliveries.js';
import { createOutboundHttp } from '../../src/outbound/http.js';
import { mastodonLength } from '../../src/outbound/message.js';
import { runDeliveries } from '../../src/outbound/run.js';
import { TARGETS } from '../../src/outbound/targets.js';
import { getChannel } from '../../src/db/outbound/channels.js';
import { addTestUser, call, type TestUser } from '../helpers/accounts.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';
import { startFakes, type Fakes } from './fakes.js';

vi.setConfig({ testTimeout: 60_000 });

const FEEDS = `topics:
  - { slug: sante, name: Santé publique }
  - { slug: interne, name: Interne, public: false }
sources:
  - { slug: who, kind: feed, url: "https://who.example/feed", topic: sante }
  - { slug: memo, kind: feed, url: "https://memo.example/feed", topic: interne }
`;
const T0 = Date.UTC(2026, 11, 1, 9);

let fakes: Fakes;
let install: TestInstall;
let deps: Deps;
let app: ReturnType<typeof createApp>;
let clock: ReturnType<typeof manualClock>;
let curator: TestUser;
let member: TestUser;
let items: number[];
const http = createOutboundHttp({ guard: false, timeoutMs: 5_000 });
const run = (owner = 'test') => runDeliveries({ sqlite: deps.sqlite, http, clock, log: silentLogger() }, { owner });

beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(async () => {
  await fakes.close();
  await http.close();
});

beforeEach(async () => {
  install = makeTestInstall(FEEDS, { PUBLIC_URL: 'https://vigie.test' });
  clock = manualClock(T0);
  deps = makeTestDeps(install, { clock });
  app = createApp(deps);
  curator = await addTestUser(deps.sqlite, { email: 'cur@example.org', role: 'curator', topics: { sante: 'curator', interne: 'curator' } }, T0);
  member = await addTestUser(deps.sqlite, { email: 'mem@example.org', topics: { sante: 'member' } }, T0);
  const src = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = 'who'`).pluck().get() as number;
  const titles = ['Choléra : l’OMS alerte sur une flambée au Yémen', 'Rougeole en hausse en Europe'];
  deps.store.store(
    src,
    keyItems(
      titles.map((title, n) => ({ guid: `g${n}`, url: `https://who.example/news/${n}`, canonicalUrl: `https://who.example/news/${n}`, title, author: null, published: new Date(T0 - n * 60_000).toISOString(), summary: title, contentHtml: null, contentText: title, categories: [], enclosures: [], lang: 'fr' })),
      true,
    ),
    T0,
    true,
  );
  items = titles.map((t) => deps.sqlite.prepare(`SELECT id FROM items WHERE title = ?`).pluck().get(t) as number);
  fakes.reset();
});
afterEach(async () => {
  await deps.close();
  install.cleanup();
});

const addChannel = async (body: Record<string, unknown>, slug = 'sante', as = curator) => call(app, 'POST', `/api/v1/topics/${slug}/channels`, { as, body });
const approve = (id: number, note: string) => call(app, 'PUT', `/api/v1/items/${id}/approval`, { as: curator, body: { note } });
const deliveries = async (id: number) => (await call(app, 'GET', `/api/v1/topics/sante/channels/${id}/deliveries`, { as: curator })).body.deliveries as { event: string; status: string; attempts: number; response: string }[];

describe('webhooks', () => {
  it('POST the event as JSON signed with X-Vigie-Signature (HMAC-SHA256 of the body, secret shown once), once', async () => {
    const made = await addChannel({ kind: 'webhook', url: `${fakes.url}/hook`, events: ['item.approved', 'flag.created'] });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    fakes.webhookSecret = made.body.secret;
    expect(JSON.stringify((await call(app, 'GET', '/api/v1/topics/sante/channels', { as: curator })).body)).not.toContain(made.body.secret);
    await approve(items[0]!, 'À suivre de près.');
    await approve(items[0]!, 'À suivre de près (note corrigée).');
    await call(app, 'POST', `/api/v1/items/${items[1]}/flags`, { as: member, body: { strength: 2, rationale: 'premiers cas signalés' } });
    expect(await run()).toMatchObject({ delivered: 2, failed: 0 });
    expect(await run()).toMatchObject({ delivered: 0 });
    const hooks = fakes.received.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(2);
    expect(fakes.signatureOk).toEqual([true, true]);
    const first = JSON.parse(hooks[0]!.body);
    expect(first).toMatchObject({ event: 'item.approved', data: { item: { id: items[0], url: 'https://who.example/news/0' }, topic: { slug: 'sante' }, note: 'À suivre de près.' } });
    expect(hooks[0]!.headers['x-vigie-event']).toBe('item.approved');
    expect((await deliveries(made.body.channel.id)).map((d) => [d.event, d.status])).toEqual([
      ['flag.created', 'delivered'],
      ['item.approved', 'delivered'],
    ]);
  });

  it('retry a target that is down, then deliver once; a 429 waits what Retry-After says', async () => {
    const made = await addChannel({ kind: 'webhook', url: `${fakes.url}/hook` });
    fakes.webhookSecret = made.body.secret;
    fakes.failNext('/hook', 2, 503);
    await approve(items[0]!, 'note');
    expect(await run()).toMatchObject({ delivered: 0, retrying: 1 });
    expect(await run()).toMatchObject({ delivered: 0 }); // not due yet: backoff
    clock.advance(31_000);
    expect(await run()).toMatchObject({ retrying: 1 });
    fakes.failNext('/hook', 1, 429, { 'retry-after': '120' });
    clock.advance(61_000);
    expect(await run()).toMatchObject({ retrying: 1 });
    clock.advance(100_000);
    expect(await run()).toMatchObject({ delivered: 0 });
    clock.advance(21_000);
    expect(await run()).toMatchObject({ delivered: 1 });
    const log = await deliveries(made.body.channel.id);
    expect(log).toMatchObject([{ event: 'item.approved', status: 'delivered', attempts: 4 }]);
    expect(fakes.signatureOk.filter(Boolean)).toHaveLength(1);
  });

  it('are disabled after repeated refusals, with the reason shown; resuming clears it', async () => {
    const made = await addChannel({ kind: 'webhook', url: `${fakes.url}/gone`, events: ['flag.created'] });
    for (let n = 0; n < 5; n++) await call(app, 'POST', `/api/v1/items/${items[n % 2]}/flags`, { as: member, body: { strength: 1, rationale: `r${n}` } });
    await run();
    const ch = (await call(app, 'GET', '/api/v1/topics/sante/channels', { as: curator })).body.channels[0];
    expect(ch.enabled).toBe(false);
    expect(ch.disabledReason).toMatch(/5 deliveries failed in a row.*HTTP 404/);
    const resumed = await call(app, 'PATCH', `/api/v1/topics/sante/channels/${made.body.channel.id}`, { as: curator, body: { enabled: true } });
    expect(resumed.body.channel).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });
});

describe('chat', () => {
  it('Slack-compatible webhooks, Matrix rooms and ntfy topics get the message in their own format', async () => {
    await addChannel({ kind: 'slack', url: `${fakes.url}/slack/hook` });
    await addChannel({ kind: 'matrix', url: fakes.url, token: 'mx-token', room: '!room:matrix.test' });
    await addChannel({ kind: 'ntfy', url: `${fakes.url}/ntfy/vigie-sante` });
    await approve(items[0]!, 'Note <b>curateur</b>');
    expect(await run()).toMatchObject({ delivered: 3 });
    const slack = JSON.parse(fakes.received.find((r) => r.path === '/slack/hook')!.body);
    expect(slack.text).toContain('Choléra');
    expect(slack.text).toContain('https://who.example/news/0');
    const mx = [...fakes.matrixEvents.values()][0]!.body;
    expect(mx).toMatchObject({ msgtype: 'm.text', format: 'org.matrix.custom.html' });
    expect(String(mx.formatted_body)).toContain('&#60;b&#62;curateur');
    expect(String(mx.formatted_body)).toContain('<a href="https://who.example/news/0">');
    const nt = fakes.received.find((r) => r.path.startsWith('/ntfy/vigie-sante'))!;
    expect(new URL(nt.path, 'http://x').searchParams.get('click')).toBe('https://who.example/news/0');
    expect(nt.body).toContain('Choléra');
  });

  it('a crash in the middle of a run sends once more with the same transaction id: the room shows one message', async () => {
    await addChannel({ kind: 'matrix', url: fakes.url, token: 'mx-token', room: '!room:matrix.test' });
    await approve(items[0]!, 'note');
    // A worker claims, sends, and dies before recording the answer.
    const [d] = claimDueDeliveries(deps.sqlite, 'dead-worker', clock.now(), clock.now() + 60_000, 10);
    const ch = getChannel(deps.sqlite, d!.channelId)!;
    await TARGETS.matrix(ch, d!, { http, now: clock.now(), remoteIdOf: () => null, cancel: () => false });
    expect(await run('other')).toMatchObject({ delivered: 0 }); // still leased
    clock.advance(61_000);
    expect(await run('other')).toMatchObject({ delivered: 1 });
    expect(fakes.received.filter((r) => r.path.includes('/send/m.room.message/'))).toHaveLength(2);
    expect(fakes.matrixEvents.size).toBe(1);
  });
});

describe('cross-posting to the network’s accounts', () => {
  it('Mastodon: one status per approval (note, link, tags as hashtags, within the length limit), deleted on unpublish', async () => {
    const made = await addChannel({ kind: 'mastodon', url: `${fakes.url}/mastodon`, token: 'masto-token' });
    expect(made.status).toBe(201);
    await call(app, 'POST', `/api/v1/items/${items[0]}/tags`, { as: curator, body: { tags: ['santé mondiale', 'choléra'] } });
    await approve(items[0]!, 'Une longue note. '.repeat(60));
    expect(await run()).toMatchObject({ delivered: 1 });
    const [status] = [...fakes.mastodonStatuses.values()];
    expect(status!.status).toContain('https://who.example/news/0');
    expect(status!.status).toMatch(/#santéMondiale/);
    expect(status!.status).toContain('#choléra');
    expect(mastodonLength(status!.status)).toBeLessThanOrEqual(500);
    const post = fakes.received.find((r) => r.path === '/mastodon/api/v1/statuses')!;
    expect(post.headers['idempotency-key']).toBeTruthy();
    await call(app, 'DELETE', `/api/v1/items/${items[0]}/approval`, { as: curator });
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(status!.deleted).toBe(true);
    expect((await deliveries(made.body.channel.id)).map((d) => d.event)).toEqual(['item.unpublished', 'item.approved']);
  });

  it('Mastodon: a retry after a lost answer reuses the Idempotency-Key: one status', async () => {
    await addChannel({ kind: 'mastodon', url: `${fakes.url}/mastodon`, token: 'masto-token' });
    await approve(items[1]!, 'note');
    const [d] = claimDueDeliveries(deps.sqlite, 'dead-worker', clock.now(), clock.now() + 60_000, 10);
    await TARGETS.mastodon(getChannel(deps.sqlite, d!.channelId)!, d!, { http, now: clock.now(), remoteIdOf: () => null, cancel: () => false });
    clock.advance(61_000);
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(fakes.mastodonStatuses.size).toBe(1);
  });

  it('Bluesky: createSession with the app password, createRecord with a link facet and an external embed; idempotent; deleted on unpublish', async () => {
    const made = await addChannel({ kind: 'bluesky', url: `${fakes.url}/bsky`, handle: 'net.bsky.test', token: 'app-pass-1234' });
    expect(made.status).toBe(201);
    await approve(items[0]!, 'Épidémie — à lire');
    const [d] = claimDueDeliveries(deps.sqlite, 'dead-worker', clock.now(), clock.now() + 60_000, 10);
    await TARGETS.bluesky(getChannel(deps.sqlite, d!.channelId)!, d!, { http, now: clock.now(), remoteIdOf: () => null, cancel: () => false });
    clock.advance(61_000);
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(fakes.blueskyRecords.size).toBe(1);
    const [record] = [...fakes.blueskyRecords.values()] as { text: string; facets: { index: { byteStart: number; byteEnd: number }; features: { uri: string }[] }[]; embed: { external: { uri: string } } }[];
    const bytes = Buffer.from(record!.text, 'utf8');
    const f = record!.facets[0]!;
    expect(bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8')).toBe('https://who.example/news/0');
    expect(f.features[0]!.uri).toBe('https://who.example/news/0');
    expect(record!.embed.external.uri).toBe('https://who.example/news/0');
    await call(app, 'DELETE', `/api/v1/items/${items[0]}/approval`, { as: curator });
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(fakes.blueskyRecords.size).toBe(0);
  });

  it('an approval withdrawn before it went out is never posted', async () => {
    await addChannel({ kind: 'mastodon', url: `${fakes.url}/mastodon`, token: 'masto-token' });
    await approve(items[0]!, 'note');
    await call(app, 'DELETE', `/api/v1/items/${items[0]}/approval`, { as: curator });
    await run();
    expect(fakes.mastodonStatuses.size).toBe(0);
  });
});

describe('who may set channels up, and where they may point', () => {
  it('curators of the topic only; a members-only topic is never cross-posted; bad input names the field', async () => {
    expect((await addChannel({ kind: 'slack', url: `${fakes.url}/slack/hook` }, 'sante', member)).status).toBe(403);
    const stranger = await addTestUser(deps.sqlite, { email: 'x@example.org' }, T0);
    expect((await addChannel({ kind: 'slack', url: `${fakes.url}/slack/hook` }, 'interne', stranger)).status).toBe(404);
    const priv = await addChannel({ kind: 'mastodon', url: `${fakes.url}/mastodon`, token: 't' }, 'interne');
    expect(priv.status).toBe(400);
    expect(priv.body.error.field).toBe('kind');
    const noRoom = await addChannel({ kind: 'matrix', url: fakes.url, token: 'mx-token' });
    expect(noRoom.body.error).toMatchObject({ field: 'room' });
    const js = await addChannel({ kind: 'webhook', url: 'javascript:alert(1)' });
    expect(js.body.error).toMatchObject({ field: 'url' });
    const social = await addChannel({ kind: 'mastodon', url: `${fakes.url}/mastodon`, token: 't', events: ['flag.created'] });
    expect(social.body.error).toMatchObject({ field: 'events' });
  });

  it('targets on private addresses are refused unless FETCH_ALLOW_PRIVATE is on', async () => {
    const guarded = makeTestInstall(FEEDS, { FETCH_ALLOW_PRIVATE: 'false' });
    const d2 = makeTestDeps(guarded, { clock });
    try {
      const app2 = createApp(d2);
      const cur = await addTestUser(d2.sqlite, { email: 'c2@example.org', role: 'curator', topics: { sante: 'curator' } }, T0);
      for (const url of [`${fakes.url}/hook`, 'http://[::127.0.0.1]/x', 'http://10.0.0.8/hook', 'http://localhost:9/hook']) {
        const r = await call(app2, 'POST', '/api/v1/topics/sante/channels', { as: cur, body: { kind: 'webhook', url } });
        expect(r.status, url).toBe(400);
        expect(r.body.error.field).toBe('url');
      }
    } finally {
      await d2.close();
      guarded.cleanup();
    }
  });
});
