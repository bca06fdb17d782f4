import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRadar } from '../../src/signals/live.js';
import { call } from '../helpers/accounts.js';
import { makeRadarNetwork, type RadarNetwork } from './network.js';

let net: RadarNetwork;
beforeAll(async () => {
  net = await makeRadarNetwork();
  await runRadar(net.deps);
});
afterAll(() => net.close());

async function topSuggestion(topic = 'sante') {
  const r = await call(net.app, 'GET', `/api/v1/signals/suggestions?topic=${topic}`, { as: net.users.admin });
  expect(r.status).toBe(200);
  return r.body.suggestions[0] as { id: number; label: string; terms: string[]; score: number; examples: { itemId: number }[] };
}

const audit = (action: string) =>
  net.deps.sqlite.prepare(`SELECT actor_id AS actor, target_id AS target, detail FROM audit_log WHERE action = ? ORDER BY id`).all(action) as { actor: number; target: number; detail: string }[];

describe('radar API: who may see and act', () => {
  it('lists the suggestions of a topic to its curators and admins, with their evidence', async () => {
    for (const as of [net.users.curator, net.users.admin]) {
      const r = await call(net.app, 'GET', '/api/v1/signals/suggestions?topic=sante', { as });
      expect(r.status).toBe(200);
      expect(r.body.day).toBe('2026-03-10');
      const s = r.body.suggestions[0];
      expect(`${s.label} ${s.terms.join(' ')}`).toMatch(/tomato/);
      expect(s).toMatchObject({ topic: 'sante', sources: 6 });
      expect(s.counts).toHaveLength(28);
      expect(s.examples).toHaveLength(5);
      expect(s.examples.every((e: { itemId: unknown }) => typeof e.itemId === 'number')).toBe(true);
    }
  });

  it.each([
    ['anonymous', null, 401],
    ['a member of the topic', 'member', 403],
    ['a curator of another topic', 'other', 403],
  ] as const)('refuses %s', async (_who, key, status) => {
    const as = key ? net.users[key] : null;
    expect((await call(net.app, 'GET', '/api/v1/signals/suggestions?topic=sante', { as })).status).toBe(status);
    const { id } = await topSuggestion();
    for (const action of ['accept', 'dismiss', 'mute']) {
      const r = await call(net.app, 'POST', `/api/v1/signals/suggestions/${id}/${action}`, { as, body: {} });
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBeTypeOf('string');
    }
  });

  it('keeps the network-wide radar for admins (and curators of every topic)', async () => {
    expect((await call(net.app, 'GET', '/api/v1/signals/suggestions', { as: net.users.curator })).status).toBe(403);
    const r = await call(net.app, 'GET', '/api/v1/signals/suggestions', { as: net.users.admin });
    expect(r.status).toBe(200);
    expect(r.body.suggestions[0].topic).toBeNull();
  });

  it('names the bad field and the unknown topic', async () => {
    const bad = await call(net.app, 'GET', '/api/v1/signals/suggestions?topic=sante&day=yesterday', { as: net.users.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('day');
    expect((await call(net.app, 'GET', '/api/v1/signals/suggestions?topic=nope', { as: net.users.admin })).status).toBe(404);
    const { id } = await topSuggestion();
    const strength = await call(net.app, 'POST', `/api/v1/signals/suggestions/${id}/accept`, { as: net.users.curator, body: { strength: 7 } });
    expect(strength.status).toBe(400);
    expect(strength.body.error.field).toBe('strength');
  });
});

describe('radar API: accept, dismiss, mute', () => {
  it('accept creates a weak-signal flag over the representative items, with the evidence, on the board', async () => {
    const s = await topSuggestion();
    const r = await call(net.app, 'POST', `/api/v1/signals/suggestions/${s.id}/accept`, { as: net.users.curator, body: { strength: 2 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ suggestion: s.id, action: 'accepted' });
    const flag = await call(net.app, 'GET', `/api/v1/flags/${r.body.flag}`, { as: net.users.member });
    expect(flag.status).toBe(200);
    expect(flag.body.flag).toMatchObject({ topic: 'sante', strength: 2, status: 'watching' });
    expect(flag.body.flag.items).toEqual(s.examples.map((e) => e.itemId).sort((a, b) => a - b));
    expect(flag.body.flag.rationale).toContain(s.label);
    expect(flag.body.flag.rationale).toMatch(/6 sources in the last 7 days/);
    const board = await call(net.app, 'GET', '/api/v1/flags?topic=sante', { as: net.users.member });
    expect(board.body.flags.map((f: { id: number }) => f.id)).toContain(r.body.flag);
    expect(audit('radar.accept')).toEqual([expect.objectContaining({ actor: net.users.curator.id, target: s.id })]);
    // Decided: gone from the list, refused a second time, and not suggested again tomorrow's run.
    expect((await topSuggestion())?.id).not.toBe(s.id);
    expect((await call(net.app, 'POST', `/api/v1/signals/suggestions/${s.id}/dismiss`, { as: net.users.curator, body: {} })).status).toBe(409);
    await runRadar(net.deps);
    expect((await topSuggestion())?.label).not.toBe(s.label);
  });

  it('dismiss hides a network-wide suggestion until it grows much further; mute hides a term for good', async () => {
    const list = async () => (await call(net.app, 'GET', '/api/v1/signals/suggestions', { as: net.users.admin })).body.suggestions as { id: number; label: string }[];
    const [first] = await list();
    expect(first).toBeDefined();
    const dismissed = await call(net.app, 'POST', `/api/v1/signals/suggestions/${first!.id}/dismiss`, { as: net.users.admin, body: {} });
    expect(dismissed.status).toBe(200);
    expect(audit('radar.dismiss')).toHaveLength(1);
    await runRadar(net.deps);
    expect((await list()).map((s) => s.label)).not.toContain(first!.label);
    // Muting works the same way through the API and is audited.
    net.deps.sqlite.prepare(`DELETE FROM radar_decisions WHERE action = 'dismissed'`).run();
    await runRadar(net.deps);
    const [again] = await list();
    expect(again?.label).toBe(first!.label);
    expect((await call(net.app, 'POST', `/api/v1/signals/suggestions/${again!.id}/mute`, { as: net.users.admin, body: {} })).status).toBe(200);
    expect(audit('radar.mute')).toHaveLength(1);
    await runRadar(net.deps);
    expect((await list()).map((s) => s.label)).not.toContain(first!.label);
  });

  it('documents the routes in the OpenAPI', async () => {
    const doc = await call(net.app, 'GET', '/api/v1/openapi.json');
    for (const p of ['/api/v1/signals/suggestions', '/api/v1/signals/suggestions/{id}/accept', '/api/v1/signals/suggestions/{id}/dismiss', '/api/v1/signals/suggestions/{id}/mute']) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
  });
});
