/**
 * Every accounts/curation route, for each role: anonymous, member of another topic (here a curator of climat),
 * member of the item's topic, its curator, and an admin. 'ok' = any 2xx; other statuses are exact. Each cell runs
 * on a fresh network so that one role's change cannot decide another's answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createInvitation } from '../../src/accounts/invitations.js';
import { createApiToken } from '../../src/accounts/tokens.js';
import { createAnnotation } from '../../src/curation/annotations.js';
import { approveItem } from '../../src/curation/approvals.js';
import { createFlag } from '../../src/curation/flags.js';
import { createSavedSearch } from '../../src/db/curation/saved-searches.js';
import { addItemTags, addVocabularyTag } from '../../src/curation/tags.js';
import { addSource } from '../../src/sources/manage.js';
import { createTopicChannel } from '../../src/outbound/channels.js';
import { call } from '../helpers/accounts.js';
import { makeNetwork, T0, type Network } from './fixture.js';

type Ctx = { item: number; tag: number; vocab: number; flag: number; note: number; token: number; search: number; invite: string; appSource: string; member: number; other: number; channel: number };
type Want = 'ok' | number;
type Row = [method: string, path: (x: Ctx) => string, body: ((x: Ctx) => unknown) | null, want: [anon: Want, other: Want, member: Want, curator: Want, admin: Want]];

function seed(net: Network): Ctx {
  const { sqlite } = net.deps;
  const { member, curator } = net.users;
  const item = net.items.sante;
  const sante = sqlite.prepare(`SELECT id FROM topics WHERE slug = 'sante'`).pluck().get() as number;
  addItemTags(sqlite, member, item, sante, ['x'], T0);
  const tag = sqlite.prepare(`SELECT id FROM tags WHERE name = 'x'`).pluck().get() as number;
  const vocab = addVocabularyTag(sqlite, curator, sante, 'epidemiologie', T0);
  const flag = createFlag(sqlite, member, { itemIds: [item], topicId: sante, strength: 1, rationale: 'seed' }, T0);
  const note = createAnnotation(sqlite, member, { itemId: item, topicId: sante, body: 'seed note', visibility: 'topic' }, T0);
  approveItem(sqlite, curator, item, sante, 'seed', T0);
  const token = createApiToken(sqlite, member.id, { name: 'seed', scope: 'read' }, T0).token.id;
  const search = createSavedSearch(sqlite, member.id, { name: 'seed', query: { q: 'grippe' } }, T0).id;
  const invite = createInvitation(sqlite, { email: 'new@vigie.test', role: 'member', topicId: sante, authorId: null }, T0).secret;
  const appSource = addSource(sqlite, { kind: 'feed', url: 'https://added.example/feed', topics: ['sante'], origin: 'app' }, T0).slug;
  const made = createTopicChannel(sqlite, { id: sante, public: true }, curator.id, { kind: 'slack', url: 'https://hooks.example/services/seed' }, { allowPrivate: true, now: T0 });
  const channel = made.ok ? made.channel.id : -1;
  return { item, tag, vocab, flag, note, token, search, invite, appSource, member: member.id, other: net.users.other.id, channel };
}

const ALL: Want[] = ['ok', 'ok', 'ok', 'ok', 'ok'];
const SIGNED: Row[3] = [401, 'ok', 'ok', 'ok', 'ok'];
const MEMBER: Row[3] = [401, 403, 'ok', 'ok', 'ok'];
const CURATOR: Row[3] = [401, 403, 403, 'ok', 'ok'];
const ADMIN: Row[3] = [401, 403, 403, 403, 'ok'];

const rows: Row[] = [
  ['POST', () => '/api/v1/auth/login', () => ({ email: 'member@vigie.test', password: 'correct horse battery staple' }), ALL as Row[3]],
  ['GET', () => '/api/v1/auth/session', null, SIGNED],
  ['POST', () => '/api/v1/auth/logout', null, SIGNED],
  ['POST', () => '/api/v1/auth/logout-all', null, SIGNED],
  ['POST', () => '/api/v1/auth/signup', () => ({ email: 'someone@vigie.test', password: 'long enough password' }), [403, 403, 403, 403, 403]],
  ['POST', () => '/api/v1/auth/password-reset', () => ({ email: 'member@vigie.test' }), ALL as Row[3]],
  ['POST', () => '/api/v1/auth/password-reset/not-a-real-token', () => ({ password: 'long enough password' }), [404, 404, 404, 404, 404]],
  ['POST', () => '/api/v1/invitations', () => ({ email: 'invitee@vigie.test', role: 'member', topic: 'sante' }), CURATOR],
  ['GET', (x) => `/api/v1/invitations/${x.invite}`, null, ALL as Row[3]],
  ['POST', (x) => `/api/v1/invitations/${x.invite}/accept`, () => ({ password: 'long enough password' }), ALL as Row[3]],
  ['GET', () => '/api/v1/users/me', null, SIGNED],
  ['PATCH', () => '/api/v1/users/me', () => ({ displayName: 'New Name' }), SIGNED],
  ['POST', () => '/api/v1/users/me/password', () => ({ currentPassword: 'correct horse battery staple', newPassword: 'another long password' }), SIGNED],
  ['DELETE', () => '/api/v1/users/me', null, SIGNED],
  ['GET', () => '/api/v1/users', null, [401, 'ok', 403, 'ok', 'ok']],
  ['PATCH', (x) => `/api/v1/users/${x.member}`, () => ({ role: 'curator' }), ADMIN],
  ['DELETE', (x) => `/api/v1/users/${x.member}`, null, ADMIN],
  ['POST', (x) => `/api/v1/users/${x.member}/password-reset`, null, ADMIN],
  ['POST', () => '/api/v1/topics/sante/channels', () => ({ kind: 'slack', url: 'https://hooks.example/services/x' }), CURATOR],
  ['GET', () => '/api/v1/topics/sante/channels', null, CURATOR],
  ['PATCH', (x) => `/api/v1/topics/sante/channels/${x.channel}`, () => ({ enabled: false }), CURATOR],
  ['DELETE', (x) => `/api/v1/topics/sante/channels/${x.channel}`, null, CURATOR],
  ['GET', (x) => `/api/v1/topics/sante/channels/${x.channel}/deliveries`, null, CURATOR],
  ['POST', () => '/api/v1/tokens', () => ({ name: 'script', scope: 'read' }), SIGNED],
  ['GET', () => '/api/v1/tokens', null, SIGNED],
  ['DELETE', (x) => `/api/v1/tokens/${x.token}`, null, [401, 404, 'ok', 404, 'ok']],
  ['GET', () => '/api/v1/topics', null, ALL as Row[3]],
  ['POST', () => '/api/v1/topics', () => ({ slug: 'veille', name: 'Veille' }), ADMIN],
  ['PATCH', () => '/api/v1/topics/sante', () => ({ name: 'Health' }), [401, 403, 403, 409, 409]],
  ['GET', () => '/api/v1/topics/sante/members', null, MEMBER],
  ['PUT', (x) => `/api/v1/topics/sante/members/${x.other}`, () => ({ role: 'member' }), CURATOR],
  ['DELETE', (x) => `/api/v1/topics/sante/members/${x.member}`, null, CURATOR],
  ['POST', (x) => `/api/v1/items/${x.item}/tags`, () => ({ tags: ['h5n1'] }), MEMBER],
  ['DELETE', (x) => `/api/v1/items/${x.item}/tags/x`, null, MEMBER],
  ['GET', () => '/api/v1/topics/sante/tags', null, ALL as Row[3]],
  ['POST', () => '/api/v1/topics/sante/tags', () => ({ name: 'zoonose' }), CURATOR],
  ['PATCH', (x) => `/api/v1/tags/${x.tag}`, () => ({ name: 'y' }), CURATOR],
  ['POST', (x) => `/api/v1/tags/${x.tag}/merge`, (x) => ({ into: x.vocab }), CURATOR],
  ['POST', (x) => `/api/v1/items/${x.item}/flags`, () => ({ strength: 3, rationale: 'why' }), MEMBER],
  ['POST', () => '/api/v1/flags', (x) => ({ items: [x.item], strength: 1, rationale: 'why' }), MEMBER],
  ['GET', () => '/api/v1/flags', null, ALL as Row[3]],
  // Curation belongs to its topic and is read by its signed-in readers: sante is public, so a member of climat reads it too.
  ['GET', (x) => `/api/v1/flags/${x.flag}`, null, [404, 'ok', 'ok', 'ok', 'ok']],
  ['PATCH', (x) => `/api/v1/flags/${x.flag}`, () => ({ status: 'dismissed', reason: 'noise' }), CURATOR],
  ['POST', (x) => `/api/v1/items/${x.item}/annotations`, () => ({ body: 'a *note*' }), MEMBER],
  ['GET', (x) => `/api/v1/items/${x.item}/annotations`, null, ALL as Row[3]],
  ['PATCH', (x) => `/api/v1/annotations/${x.note}`, () => ({ body: 'edited' }), [401, 403, 'ok', 403, 403]],
  ['DELETE', (x) => `/api/v1/annotations/${x.note}`, null, MEMBER],
  ['PUT', (x) => `/api/v1/items/${x.item}/approval`, () => ({ note: 'good' }), CURATOR],
  ['DELETE', (x) => `/api/v1/items/${x.item}/approval`, null, CURATOR],
  ['GET', () => '/api/v1/approvals', null, ALL as Row[3]],
  ['PUT', (x) => `/api/v1/items/${x.item}/marks/star`, null, SIGNED],
  ['DELETE', (x) => `/api/v1/items/${x.item}/marks/later`, null, SIGNED],
  ['GET', () => '/api/v1/marks', null, SIGNED],
  ['GET', (x) => `/api/v1/items/${x.item}/history`, null, SIGNED],
  ['GET', () => '/api/v1/audit', null, [401, 'ok', 403, 'ok', 'ok']],
  ['GET', (x) => `/api/v1/items/${x.item}/curation`, null, ALL as Row[3]],
  ['GET', () => '/api/v1/saved-searches', null, SIGNED],
  ['POST', () => '/api/v1/saved-searches', () => ({ name: 'h5n1', query: { q: 'h5n1', tag: 'zoonose', signal: 'confirmed' } }), SIGNED],
  ['PATCH', (x) => `/api/v1/saved-searches/${x.search}`, () => ({ name: 'renamed' }), [401, 404, 'ok', 404, 404]],
  ['DELETE', (x) => `/api/v1/saved-searches/${x.search}`, null, [401, 404, 'ok', 404, 404]],
  // 422: allowed, then the URL (a closed local port) is unreachable.
  ['POST', () => '/api/v1/sources', () => ({ url: 'http://127.0.0.1:9/feed', topic: 'sante' }), [401, 403, 403, 422, 422]],
  ['PATCH', (x) => `/api/v1/sources/${x.appSource}`, () => ({ enabled: false }), CURATOR],
  ['DELETE', (x) => `/api/v1/sources/${x.appSource}`, null, CURATOR],
];

const roles = ['anonymous', 'member of another topic', 'member', 'curator', 'admin'] as const;
let net: Network | null = null;
afterEach(async () => {
  await net?.close();
  net = null;
});

describe.each(rows.map((r) => [`${r[0]} ${r[1]({ item: 1, tag: 1, vocab: 2, flag: 1, note: 1, token: 1, search: 1, invite: ':token', appSource: ':slug', member: 3, other: 4, channel: 1 })}`, r] as const))('%s', (_name, [method, path, body, want]) => {
  it.each(roles.map((role, i) => [role, want[i]!] as const))('%s → %s', async (role, expected) => {
    net = await makeNetwork();
    const x = seed(net);
    const as = { anonymous: null, 'member of another topic': net.users.other, member: net.users.member, curator: net.users.curator, admin: net.users.admin }[role];
    const res = await call(net.app, method, path(x), { as, body: body ? body(x) : undefined });
    if (expected === 'ok') expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200), expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    else expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (res.status >= 400) expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});

it('covers every accounts and curation route of the OpenAPI description', async () => {
  net = await makeNetwork();
  const doc = (await call(net.app, 'GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const mine = /^\/api\/v1\/(auth|invitations|users|tokens|topics|tags|flags|annotations|approvals|marks|audit|saved-searches)|^\/api\/v1\/items\/\{id\}\/(tags|flags|annotations|approval|marks|history|curation)|^\/api\/v1\/sources(\/\{slug\})?$/;
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => (mine.test(p) ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`) : []));
  const norm = (p: string) => p.replace(/\/\d+(?=\/|$)/g, '/{n}').replace(/\{[a-zA-Z]+\}/g, '{n}');
  const tested = new Set(rows.map((r) => `${r[0]} ${norm(r[1]({ item: 1, tag: 1, vocab: 2, flag: 1, note: 1, token: 1, search: 1, invite: '{t}', appSource: '{s}', member: 3, other: 4, channel: 1 }).replace(/\/(not-a-real-token|star|later|x|sante)(?=\/|$)/g, '/{n}'))}`));
  const untested = documented.filter((d) => !tested.has(norm(d)) && d !== 'GET /api/v1/sources');
  expect(untested).toEqual([]);
  expect(documented.length).toBeGreaterThanOrEqual(rows.length - 1);
});
