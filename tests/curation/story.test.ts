/**
 * The realistic story through the HTTP API: an admin invites a curator and a member, the member flags a weak
 * signal, the curator confirms it, tags and approves the item, the member leaves, and the history still says
 * who did what and when.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { curationFields } from '../../src/curation/index-fields.js';
import { buildDocuments } from '../../src/search/document.js';
import { call, type TestUser } from '../helpers/accounts.js';
import { makeNetwork, outboxCount, type Network } from './fixture.js';

let net: Network;
beforeEach(async () => {
  net = await makeNetwork();
});
afterEach(() => net.close());

/** Accepts an invitation link like a person would, returning their session. */
async function accept(url: string, displayName: string): Promise<TestUser> {
  const token = new URL(url).pathname.split('/').pop()!;
  const shown = await call(net.app, 'GET', `/api/v1/invitations/${token}`);
  expect(shown.status).toBe(200);
  const res = await call(net.app, 'POST', `/api/v1/invitations/${token}/accept`, { body: { password: 'a long enough passphrase', displayName } });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  return { id: res.body.user.id, email: res.body.user.email, displayName, cookie: cookie.split(';')[0]!, csrf: res.body.csrfToken, token: () => '' };
}

it('invite, flag, confirm, tag, approve, leave: the history keeps who did what and when', async () => {
  const { app, clock, items, users } = net;
  const item = items.sante;

  const inviteCurator = await call(app, 'POST', '/api/v1/invitations', { as: users.admin, body: { email: 'chloe@vigie.test', role: 'curator', topic: 'sante' } });
  expect(inviteCurator.status).toBe(201);
  expect(inviteCurator.body.delivered).toBe(false);
  const inviteMember = await call(app, 'POST', '/api/v1/invitations', { as: users.admin, body: { email: 'marius@vigie.test', role: 'member', topic: 'sante' } });
  const chloe = await accept(inviteCurator.body.url, 'Chloé Curatrice');
  const marius = await accept(inviteMember.body.url, 'Marius Membre');
  expect((await call(app, 'GET', '/api/v1/users/me', { as: marius })).body.user).toMatchObject({ email: 'marius@vigie.test', memberships: [{ topic: 'sante', role: 'member' }] });
  // A used invitation cannot be used again.
  expect((await call(app, 'POST', `/api/v1/invitations/${new URL(inviteMember.body.url).pathname.split('/').pop()}/accept`, { body: { password: 'another passphrase!' } })).status).toBe(404);

  const outboxBefore = outboxCount(net.deps, item);
  clock.advance(60_000);
  const flagged = await call(app, 'POST', `/api/v1/items/${item}/flags`, { as: marius, body: { strength: 2, rationale: 'Three regional outlets report the same cluster of cases.' } });
  expect(flagged.status).toBe(201);
  expect(flagged.body.flag).toMatchObject({ status: 'watching', strength: 2, public: false, author: 'Marius Membre', items: [item] });
  // A member cannot confirm: that is a curator's call.
  expect((await call(app, 'PATCH', `/api/v1/flags/${flagged.body.flag.id}`, { as: marius, body: { status: 'confirmed', reason: 'sure' } })).status).toBe(403);

  clock.advance(60_000);
  const confirmed = await call(app, 'PATCH', `/api/v1/flags/${flagged.body.flag.id}`, { as: chloe, body: { status: 'confirmed', reason: 'The WHO bulletin of the day confirms it.' } });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.flag).toMatchObject({ status: 'confirmed', statusBy: 'Chloé Curatrice', statusReason: 'The WHO bulletin of the day confirms it.' });

  clock.advance(60_000);
  const tagged = await call(app, 'POST', `/api/v1/items/${item}/tags`, { as: chloe, body: { tags: ['H5N1', 'grippe  aviaire'] } });
  expect(tagged.status).toBe(200);
  expect(tagged.body.tags).toEqual(['grippe aviaire', 'h5n1']);

  clock.advance(60_000);
  const approved = await call(app, 'PUT', `/api/v1/items/${item}/approval`, { as: chloe, body: { note: 'A clear, sourced account worth sharing.' } });
  expect(approved.status).toBe(200);
  expect(approved.body.approval).toMatchObject({ note: 'A clear, sourced account worth sharing.', approvedBy: 'Chloé Curatrice' });

  // Every curation change queued the item for reindexing, and what the index will read is up to date.
  expect(outboxCount(net.deps, item)).toBe(outboxBefore + 4);
  expect(curationFields(net.deps.sqlite, item)).toEqual({ tags: ['grippe aviaire', 'h5n1'], signalStatus: 'confirmed', signalStrength: 2, signalPublic: false, approved: true });
  expect(buildDocuments(net.deps.sqlite, [item]).get(item)).toMatchObject({ tags: expect.arrayContaining(['grippe aviaire', 'h5n1']), signal: 'confirmed', approved: true });

  clock.advance(60_000);
  expect((await call(app, 'DELETE', '/api/v1/users/me', { as: marius })).status).toBe(200);
  expect((await call(app, 'POST', `/api/v1/items/${item}/flags`, { as: marius, body: { strength: 1, rationale: 'again' } })).status).toBe(401);
  expect((await call(app, 'POST', '/api/v1/auth/login', { body: { email: 'marius@vigie.test', password: 'a long enough passphrase' } })).status).toBe(401);

  const history = await call(app, 'GET', `/api/v1/items/${item}/history`, { as: chloe });
  expect(history.status).toBe(200);
  const steps = history.body.history.map((e: any) => ({ action: e.action, who: e.actor.email, name: e.actor.name, removed: e.actor.removed, at: e.at, detail: e.detail }));
  expect(steps).toEqual([
    { action: 'flag.create', who: 'marius@vigie.test', name: 'Marius Membre', removed: true, at: new Date(net.clock.now() - 4 * 60_000).toISOString(), detail: { strength: 2, rationale: 'Three regional outlets report the same cluster of cases.', items: [item] } },
    { action: 'flag.status', who: 'chloe@vigie.test', name: 'Chloé Curatrice', removed: false, at: new Date(net.clock.now() - 3 * 60_000).toISOString(), detail: { from: 'watching', to: 'confirmed', reason: 'The WHO bulletin of the day confirms it.' } },
    { action: 'tag.add', who: 'chloe@vigie.test', name: 'Chloé Curatrice', removed: false, at: new Date(net.clock.now() - 2 * 60_000).toISOString(), detail: { tags: ['h5n1', 'grippe aviaire'] } },
    { action: 'approval.set', who: 'chloe@vigie.test', name: 'Chloé Curatrice', removed: false, at: new Date(net.clock.now() - 60_000).toISOString(), detail: { note: 'A clear, sourced account worth sharing.' } },
  ]);

  // The board still shows the flag, signed by the member who left.
  const board = await call(app, 'GET', '/api/v1/flags?status=confirmed', { as: chloe });
  expect(board.body.flags).toMatchObject([{ id: flagged.body.flag.id, author: 'Marius Membre', rationale: 'Three regional outlets report the same cluster of cases.' }]);
  // And the audit log (curators) finds the member's actions by user.
  const audit = await call(app, 'GET', `/api/v1/audit?user=${marius.id}`, { as: users.admin });
  expect(audit.body.entries.map((e: any) => e.action)).toEqual(['user.leave', 'flag.create', 'user.join']);
});
