/** What each reader sees: private flags and annotations, members and audit never public, VIGIE_PUBLIC_READ=false. */
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { makeNetwork, type Network } from './fixture.js';

let net: Network;
afterEach(() => net.close());

describe('flags', () => {
  it('stay inside the network until a curator makes one public', async () => {
    net = await makeNetwork();
    const { member, curator } = net.users;
    const flag = (await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/flags`, { as: member, body: { strength: 3, rationale: 'early sign' } })).body.flag;
    const anonymousBoard = async () => (await call(net.app, 'GET', '/api/v1/flags')).body.flags.map((f: any) => f.id);
    expect(await anonymousBoard()).toEqual([]);
    expect((await call(net.app, 'GET', `/api/v1/flags/${flag.id}`)).status).toBe(404);
    expect((await call(net.app, 'GET', `/api/v1/items/${net.items.sante}/curation`)).body).toMatchObject({ signal: null, flags: [] });
    expect((await call(net.app, 'GET', '/api/v1/flags', { as: member })).body.flags.map((f: any) => f.id)).toEqual([flag.id]);

    const published = await call(net.app, 'PATCH', `/api/v1/flags/${flag.id}`, { as: curator, body: { public: true } });
    expect(published.body.flag.public).toBe(true);
    expect(await anonymousBoard()).toEqual([flag.id]);
    expect((await call(net.app, 'GET', `/api/v1/items/${net.items.sante}/curation`)).body.signal).toEqual({ status: 'watching', strength: 3 });
  });

  it('give an item the signal of its strongest live flag; one flag may cover several items', async () => {
    net = await makeNetwork();
    const { member, curator, admin } = net.users;
    const both = await call(net.app, 'POST', '/api/v1/flags', { as: admin, body: { items: [net.items.sante, net.items.climat], strength: 1, rationale: 'same story in two topics' } });
    expect(both.status).toBe(201);
    expect(both.body.flag.items).toEqual([net.items.sante, net.items.climat].sort((a, b) => a - b));
    const strong = (await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/flags`, { as: member, body: { strength: 3, rationale: 'strong' } })).body.flag;
    const signal = async () => (await call(net.app, 'GET', `/api/v1/items/${net.items.sante}/curation`, { as: member })).body.signal;
    expect(await signal()).toEqual({ status: 'watching', strength: 3 });
    await call(net.app, 'PATCH', `/api/v1/flags/${strong.id}`, { as: curator, body: { status: 'dismissed', reason: 'a rumour' } });
    expect(await signal()).toEqual({ status: 'watching', strength: 1 });
    // A member of sante cannot put a climat item under a flag.
    expect((await call(net.app, 'POST', '/api/v1/flags', { as: member, body: { items: [net.items.sante, net.items.climat], strength: 1, rationale: 'x' } })).status).toBe(403);
  });
});

describe('annotations', () => {
  it('belong to their topic (its signed-in readers); public ones show to everyone once the item is republished there', async () => {
    net = await makeNetwork();
    const { member, curator, other } = net.users;
    const item = net.items.sante;
    await call(net.app, 'POST', `/api/v1/items/${item}/annotations`, { as: member, body: { body: 'internal: check with the ARS' } });
    await call(net.app, 'POST', `/api/v1/items/${item}/annotations`, { as: curator, body: { body: 'Context for readers.', visibility: 'public' } });
    const bodies = async (as: typeof member | null) => (await call(net.app, 'GET', `/api/v1/items/${item}/annotations`, { as })).body.annotations.map((a: any) => a.body);
    expect(await bodies(member)).toEqual(['internal: check with the ARS', 'Context for readers.']);
    expect(await bodies(null)).toEqual([]);
    // `other` curates climat; sante is public, so its signed-in readers include them.
    expect(await bodies(other)).toEqual(['internal: check with the ARS', 'Context for readers.']);
    await call(net.app, 'PUT', `/api/v1/items/${item}/approval`, { as: curator, body: { note: 'Shared.' } });
    expect(await bodies(null)).toEqual(['Context for readers.']);
    expect((await call(net.app, 'GET', '/api/v1/approvals')).body.approvals).toMatchObject([{ item, note: 'Shared.', approvedBy: 'Claire Curatrice' }]);
    await call(net.app, 'DELETE', `/api/v1/items/${item}/approval`, { as: curator });
    expect(await bodies(null)).toEqual([]);
    expect((await call(net.app, 'GET', '/api/v1/approvals')).body.approvals).toEqual([]);
  });
});

describe('members-only topics and closed reading', () => {
  it('hides a members-only topic, its items and their curation from outsiders', async () => {
    net = await makeNetwork();
    const topics = async (as: any) => (await call(net.app, 'GET', '/api/v1/topics', { as })).body.topics.map((t: any) => t.slug).sort();
    expect(await topics(null)).toEqual(['climat', 'sante']);
    expect(await topics(net.users.admin)).toEqual(['climat', 'interne', 'sante']);
    expect((await call(net.app, 'GET', `/api/v1/items/${net.items.interne}/curation`)).status).toBe(404);
    expect((await call(net.app, 'GET', `/api/v1/items/${net.items.interne}/curation`, { as: net.users.member })).status).toBe(404);
    expect((await call(net.app, 'GET', `/api/v1/items/${net.items.interne}/curation`, { as: net.users.admin })).status).toBe(200);
  });

  it('with VIGIE_PUBLIC_READ=false every read needs an account, but signing in still works', async () => {
    net = await makeNetwork({ VIGIE_PUBLIC_READ: 'false' });
    for (const path of ['/api/v1/flags', '/api/v1/topics', '/api/v1/approvals', `/api/v1/items/${net.items.sante}/annotations`, '/api/v1/topics/sante/tags']) {
      expect((await call(net.app, 'GET', path)).status, path).toBe(401);
    }
    expect((await call(net.app, 'GET', '/api/v1/flags', { as: net.users.member })).status).toBe(200);
    expect((await call(net.app, 'POST', '/api/v1/auth/login', { body: { email: 'member@vigie.test', password: 'correct horse battery staple' } })).status).toBe(200);
  });
});

describe('tags', () => {
  it("merge and rename a topic's tags, reindexing every item that carries them", async () => {
    net = await makeNetwork();
    const { member, curator } = net.users;
    const item = net.items.sante;
    await call(net.app, 'POST', `/api/v1/items/${item}/tags`, { as: member, body: { tags: ['Grippe aviaire', 'h5n1'] } });
    const vocab = await call(net.app, 'POST', '/api/v1/topics/sante/tags', { as: curator, body: { name: 'Influenza aviaire' } });
    expect(vocab.body.tag).toMatchObject({ name: 'influenza aviaire', controlled: true, items: 0 });
    // Anonymous readers see published tags only (none yet): the vocabulary is read signed in.
    expect((await call(net.app, 'GET', '/api/v1/topics/sante/tags')).body.tags).toEqual([]);
    const list = (await call(net.app, 'GET', '/api/v1/topics/sante/tags', { as: member })).body.tags;
    const grippe = list.find((t: any) => t.name === 'grippe aviaire');
    const before = net.deps.sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity_id = ?`).pluck().get(item) as number;
    const merged = await call(net.app, 'POST', `/api/v1/tags/${grippe.id}/merge`, { as: curator, body: { into: vocab.body.tag.id } });
    expect(merged.body.tag).toMatchObject({ name: 'influenza aviaire', controlled: true, items: 1 });
    const h5 = (await call(net.app, 'GET', '/api/v1/topics/sante/tags', { as: member })).body.tags.find((t: any) => t.name === 'h5n1');
    const renamed = await call(net.app, 'PATCH', `/api/v1/tags/${h5.id}`, { as: curator, body: { name: 'H5N1 (clade 2.3.4.4b)' } });
    expect(renamed.body).toMatchObject({ merged: false, tag: { name: 'h5n1 (clade 2.3.4.4b)' } });
    expect((await call(net.app, 'GET', `/api/v1/items/${item}/curation`, { as: member })).body.tags).toEqual(['h5n1 (clade 2.3.4.4b)', 'influenza aviaire']);
    expect(net.deps.sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity_id = ?`).pluck().get(item)).toBe(before + 2);
    expect((await call(net.app, 'DELETE', `/api/v1/items/${item}/tags/${encodeURIComponent('Influenza aviaire')}`, { as: member })).body.tags).toEqual(['h5n1 (clade 2.3.4.4b)']);
  });
});
