/**
 * Findings 4, 5 and 9 of the security issue, over app.request with the peer address a real server would pass
 * (the node server's `incoming` socket): password forms share one throttle and one body limit, invitations never
 * authenticate, failures are counted per (account, address) and per address, a reset closes everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, TEST_PASSWORD } from '../helpers/accounts.js';
import { makeNetwork, type Network } from '../curation/fixture.js';

let net: Network;
afterEach(() => net.close());

const ORIGIN = { origin: 'http://localhost' };
const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const api = (path: string, body: unknown, address = '198.51.100.1', headers: Record<string, string> = {}) =>
  net.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, peer(address));
const form = (path: string, fields: Record<string, string>, address = '198.51.100.1', headers: Record<string, string> = {}) =>
  net.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...ORIGIN, ...headers }, body: new URLSearchParams(fields) }, peer(address));
const login = (email: string, password: string, address?: string) => api('/api/v1/auth/login', { email, password }, address);
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('vigie_session=') && !c.startsWith('vigie_session=;'));

async function invite(email: string) {
  const inv = await call(net.app, 'POST', '/api/v1/invitations', { as: net.users.admin, body: { email, role: 'curator', topic: 'climat' } });
  expect(inv.status).toBe(201);
  return new URL(inv.body.url).pathname;
}

describe('finding 4: password oracle on invitations and resets', () => {
  it('finding 4: an invitation for an existing account never signs in by password; the person signs in normally', async () => {
    net = await makeNetwork();
    const path = await invite('member@vigie.test');
    const token = path.split('/').pop()!;
    // The page asks to sign in as usual; it offers no password field.
    const page = await (await net.app.request(path)).text();
    expect(page).toContain(`/login?back=${encodeURIComponent(path)}`);
    expect(page).not.toContain('name="password"');
    // The right password, by the page or the API, neither signs in nor accepts.
    for (let i = 0; i < 3; i++) {
      const byPage = await form(path, { password: TEST_PASSWORD });
      expect(byPage.status).toBe(403);
      expect(sessionCookie(byPage)).toBeUndefined();
    }
    const byApi = await api(`/api/v1/invitations/${token}/accept`, { password: TEST_PASSWORD });
    expect(byApi.status).toBe(403);
    expect((await byApi.json()).error.code).toBe('sign_in_required');
    expect(sessionCookie(byApi)).toBeUndefined();
    // Signed in normally, the member accepts with the session's anti-CSRF token.
    const { member } = net.users;
    expect(await (await net.app.request(path, { headers: { cookie: member.cookie } })).text()).toContain('name="_csrf"');
    const accepted = await form(path, { _csrf: member.csrf }, undefined, { cookie: member.cookie });
    expect(accepted.status).toBe(303);
    expect(sessionCookie(accepted)).toBeUndefined();
    const me = await call(net.app, 'GET', '/api/v1/users/me', { as: member });
    expect(me.body.user.memberships).toEqual(expect.arrayContaining([{ topic: 'climat', role: 'curator' }]));
  });

  it('finding 4: wrong reset links and sign-in passwords get 429 after a few tries, pages and API alike', async () => {
    net = await makeNetwork();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await form(`/reset/not-a-link-${i}`, { password: 'a brand new passphrase' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The API's reset endpoint is the same throttle (same address, same kind of link).
    expect((await api('/api/v1/auth/password-reset/another-wrong-link', { password: 'a brand new passphrase' })).status).toBe(429);
    // The sign-in page too.
    const pageTries: number[] = [];
    for (let i = 0; i < 11; i++) pageTries.push((await form('/login', { email: 'admin@vigie.test', password: `guess ${i}` }, '198.51.100.2')).status);
    expect(pageTries.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(pageTries[10]).toBe(429);
    // And the API sign-in counts the page's failures: one throttle for both.
    expect((await login('admin@vigie.test', TEST_PASSWORD, '198.51.100.2')).status).toBe(429);
  });

  it('finding 4: password forms refuse bodies over the API limit (1 MB) without reading them', async () => {
    net = await makeNetwork();
    const path = await invite('someone@vigie.test');
    const huge = 'x'.repeat(2 * 1024 * 1024);
    for (const p of [path, '/reset/whatever', '/login', '/login/forgot', '/lang']) {
      const res = await form(p, { password: huge });
      expect(res.status, p).toBe(413);
    }
    expect((await api('/api/v1/auth/login', { email: 'a@b.c', password: huge })).status).toBe(413);
  });

  it('finding 4: a sign-in form posted from another site is refused (login CSRF)', async () => {
    net = await makeNetwork();
    const res = await form('/login', { email: 'member@vigie.test', password: TEST_PASSWORD }, undefined, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
  });
});

describe('finding 5: no lockout anyone can trigger', () => {
  it('finding 5: failures from one address do not lock the account out for another address', async () => {
    net = await makeNetwork();
    for (let i = 0; i < 10; i++) expect((await login('member@vigie.test', `guess ${i}`, '203.0.113.66')).status).toBe(401);
    expect((await login('member@vigie.test', TEST_PASSWORD, '203.0.113.66')).status).toBe(429);
    // The owner, elsewhere, signs in with the right password.
    const owner = await login('member@vigie.test', TEST_PASSWORD, '192.0.2.10');
    expect(owner.status).toBe(200);
    expect(sessionCookie(owner)).toBeDefined();
    // The window passes for the guesser too.
    net.clock.advance(16 * 60_000);
    expect((await login('member@vigie.test', TEST_PASSWORD, '203.0.113.66')).status).toBe(200);
  });

  it('finding 5: successful sign-ins do not count toward the limit', async () => {
    net = await makeNetwork();
    for (let i = 0; i < 25; i++) expect((await login('member@vigie.test', TEST_PASSWORD)).status).toBe(200);
    expect((await login('member@vigie.test', 'one typo')).status).toBe(401);
    expect((await login('member@vigie.test', TEST_PASSWORD)).status).toBe(200);
  });

  it('finding 5: one address guessing across many accounts is throttled as an address', async () => {
    net = await makeNetwork();
    for (let i = 0; i < 100; i++) await login(`nobody${i}@vigie.test`, 'guess', '203.0.113.99');
    expect((await login('curator@vigie.test', TEST_PASSWORD, '203.0.113.99')).status).toBe(429);
    expect((await login('curator@vigie.test', TEST_PASSWORD, '203.0.113.100')).status).toBe(200);
  });
});

describe('finding 9: credentials after a reset, and secrets kept out of cookies', () => {
  it('finding 9: a password reset ends sessions, revokes API tokens and every other reset link, and says so', async () => {
    net = await makeNetwork();
    const { admin, member } = net.users;
    const bearer = { authorization: `Bearer ${member.token('curate')}` };
    expect((await net.app.request('/api/v1/users/me', { headers: bearer })).status).toBe(200);
    const first = await call(net.app, 'POST', `/api/v1/users/${member.id}/password-reset`, { as: admin });
    const second = await call(net.app, 'POST', `/api/v1/users/${member.id}/password-reset`, { as: admin });
    const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
    const done = await api(`/api/v1/auth/password-reset/${tokenOf(second.body.resetUrl)}`, { password: 'a brand new passphrase' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ ok: true, sessionsEnded: 1, tokensRevoked: 1, linksVoided: 1, message: expect.stringContaining('1 API token(s) revoked') });
    expect((await net.app.request('/api/v1/users/me', { headers: bearer })).status).toBe(401);
    expect((await call(net.app, 'GET', '/api/v1/auth/session', { as: member })).status).toBe(401);
    // The older link no longer works.
    expect((await api(`/api/v1/auth/password-reset/${tokenOf(first.body.resetUrl)}`, { password: 'an attacker passphrase' })).status).toBe(404);
    expect((await login('member@vigie.test', 'a brand new passphrase')).status).toBe(200);
  });

  it('finding 9: the reset page says what the reset ended, in the reader’s language', async () => {
    net = await makeNetwork();
    const { admin, member } = net.users;
    member.token('read');
    const link = await call(net.app, 'POST', `/api/v1/users/${member.id}/password-reset`, { as: admin });
    const path = new URL(link.body.resetUrl).pathname;
    const res = await form(path, { password: 'a brand new passphrase' }, undefined, { 'accept-language': 'fr' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(text).toContain('1 session(s) déconnectée(s), 1 jeton(s) d’API révoqué(s)');
  });

  it('finding 9: a new token secret and an undelivered invitation link are shown on the answer page, never put in a cookie', async () => {
    net = await makeNetwork({ PUBLIC_URL: 'https://veille.example.org' });
    const { curator } = net.users;
    const act = (fields: Record<string, string>) => form('/act', { _csrf: curator.csrf, _back: '/account', ...fields }, undefined, { cookie: curator.cookie });
    const made = await act({ _method: 'POST', _path: '/api/v1/tokens', _done: 'flash.tokenCreated', name: 'script' });
    expect(made.status).toBe(200);
    const page = await made.text();
    const secret = /vgt_[A-Za-z0-9_-]+/.exec(page)?.[0];
    expect(secret).toBeDefined();
    expect(made.headers.get('cache-control')).toBe('no-store');
    expect(made.headers.getSetCookie().join('\n')).not.toContain(secret!);
    expect((await net.app.request('/api/v1/users/me', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);

    const invited = await act({ _method: 'POST', _path: '/api/v1/invitations', _done: 'flash.invited', email: 'guest@vigie.test', role: 'member', topic: 'sante' });
    const shown = await invited.text();
    const url = /https:\/\/veille\.example\.org\/invite\/[A-Za-z0-9_-]+/.exec(shown)?.[0];
    expect(url).toBeDefined();
    expect(invited.headers.getSetCookie().join('\n')).not.toContain(new URL(url!).pathname.split('/').pop()!);

    // What does go in the flash cookie carries words only, and is Secure under an https PUBLIC_URL.
    const revoked = await act({ _method: 'DELETE', _path: '/api/v1/tokens/1', _done: 'flash.tokenRevoked' });
    const flash = revoked.headers.getSetCookie().find((c) => c.startsWith('vigie_flash='))!;
    expect(flash).toMatch(/;\s*Secure/i);
    expect(Object.keys(JSON.parse(Buffer.from(flash.split(';')[0]!.slice('vigie_flash='.length), 'base64url').toString()))).toEqual(['ok', 'text']);
  });
});
