/**
 * Regression tests for the digest leaks of issue 13 (real SQLite, the app's routes): a member's digest is built with
 * the member's rights and readable by them (and admins, and its feed key) only; the official digest of a public topic
 * is built with anonymous rights and is the one public archive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFlag, updateFlag } from '../../src/curation/flags.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { HOUR, makeDigestNetwork, T0, type DigestNetwork } from './fixture.js';

let net: DigestNetwork;
afterEach(() => net.close());

const INTERNAL = 'INTERNAL rationale: our source at the ministry';

/** A confirmed flag on the item, made in the item's topic; public when asked. */
function confirmFlag(itemId: number, rationale: string, pub = false): void {
  const actor = { id: net.curator.id, email: net.curator.email, displayName: net.curator.displayName };
  const topicId = net.deps.sqlite.prepare(`SELECT st.topic_id FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE i.id = ?`).pluck().get(itemId) as number;
  const id = createFlag(net.deps.sqlite, actor, { itemIds: [itemId], topicId, strength: 3, rationale }, net.clock.now());
  updateFlag(net.deps.sqlite, actor, id, { status: 'confirmed', reason: 'checked', ...(pub ? { public: true } : {}) }, net.clock.now());
}

const get = (path: string, as?: TestUser) => net.app.request(path, { headers: as ? { cookie: as.cookie } : {} });
const issueOf = (sub: number) => net.deps.sqlite.prepare(`SELECT id FROM digest_issues WHERE subscription_id = ? ORDER BY id DESC`).pluck().get(sub) as number;
const tokenOf = (sub: number) => net.deps.sqlite.prepare(`SELECT token FROM digest_subscriptions WHERE id = ?`).pluck().get(sub) as string;

describe("a member's digest", () => {
  it('holds what the member may read, and only they (admins, the feed key) read its archive', async () => {
    net = await makeDigestNetwork();
    const member = await net.member('mia@vigie.test', { sante: 'member' });
    const stranger = await net.member('sam@vigie.test');
    const admin = await addTestUser(net.deps.sqlite, { email: 'ada@vigie.test', role: 'admin' }, net.clock.now());
    const sub = net.subscribe({ userId: member.id, kind: 'signals', lang: 'en' });
    const [santeItem] = net.seed('who', ['Sante story']);
    const [privateItem] = net.seed('memo', ['Private memo story']);
    confirmFlag(santeItem!, INTERNAL);
    confirmFlag(privateItem!, 'interne rationale');
    net.clock.set(T0 + HOUR);
    expect(await net.run({ now: true })).toMatchObject({ built: 1 });
    const issue = issueOf(sub);
    const path = `/digests/${sub}/issues/${issue}`;

    // Built with the member's rights: sante's internal flag is theirs to read; interne's item is not.
    const own = await get(path, member);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain(INTERNAL);
    expect(html).toContain('Sante story');
    expect(html).not.toContain('Private memo story');
    expect(html).not.toContain('interne rationale');

    // Nobody else reads it: anonymous readers are asked to sign in, a signed-in stranger gets 404; feeds likewise.
    expect((await get(path)).status).toBe(302);
    const other = await get(path, stranger);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(INTERNAL);
    expect((await get(`/digests/${sub}`, stranger)).status).toBe(404);
    for (const format of ['atom', 'rss']) {
      const anon = await get(`/digests/${sub}/feed.${format}`);
      expect(anon.status).toBe(404);
      expect(await anon.text()).not.toContain(INTERNAL);
      expect((await get(`/digests/${sub}/feed.${format}`, stranger)).status).toBe(404);
      // The private feed (its secret key) is the subscriber's: feed readers cannot sign in.
      const keyed = await get(`/digests/${sub}/feed.${format}?key=${tokenOf(sub)}`);
      expect(keyed.status).toBe(200);
      expect(await keyed.text()).toContain('Sante story');
      expect((await get(`/digests/${sub}/feed.${format}?key=wrong-key`)).status).toBe(404);
    }
    expect((await get(path, admin)).status).toBe(200);
    expect((await net.app.request(`/api/v1/digests/${sub}/issues`, { headers: { authorization: `Bearer ${stranger.token('read')}` } })).status).toBe(404);
  });
});

describe("a public topic's official digest", () => {
  it('is built with anonymous rights and is the one public archive', async () => {
    net = await makeDigestNetwork();
    const made = await net.app.request('/api/v1/digests', {
      method: 'POST',
      headers: { authorization: `Bearer ${net.curator.token('curate')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'topic', topic: 'sante', official: true, lang: 'en' }),
    });
    expect(made.status).toBe(201);
    const official = ((await made.json()) as { subscription: { id: number; feedUrl: string } }).subscription;
    expect(official.feedUrl).not.toContain('key=');
    const [a, b, c] = net.seed('who', ['Approved story', 'Internally flagged story', 'Publicly flagged story']);
    net.approve(a!, 'Worth reading');
    confirmFlag(b!, INTERNAL);
    confirmFlag(c!, 'A public rationale', true);
    net.clock.set(T0 + HOUR);
    await net.run({ now: true });
    const path = `/digests/${official.id}/issues/${issueOf(official.id)}`;
    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Approved story');
    expect(html).toContain('Worth reading');
    expect(html).toContain('A public rationale');
    expect(html).not.toContain(INTERNAL);
    const feed = await get(`/digests/${official.id}/feed.atom`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).not.toContain(INTERNAL);
  });

  it('of a members-only topic is read by its subscriber only', async () => {
    net = await makeDigestNetwork();
    const member = await net.member('ines@vigie.test', { interne: 'member' });
    const sub = net.subscribe({ userId: net.curator.id, kind: 'topic', target: 'interne', official: true, lang: 'en' });
    const [x] = net.seed('memo', ['Members-only story']);
    net.approve(x!, 'internal pick');
    net.clock.set(T0 + HOUR);
    await net.run({ now: true });
    const path = `/digests/${sub}/issues/${issueOf(sub)}`;
    expect((await get(path)).status).toBe(302);
    expect((await get(`/digests/${sub}/feed.atom`)).status).toBe(404);
    expect((await get(path, member)).status).toBe(404);
    expect((await get(path, net.curator)).status).toBe(200);
  });
});
