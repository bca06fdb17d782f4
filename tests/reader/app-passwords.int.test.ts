/**
 * App passwords as a member manages them: on /account (the form posts through /act like every in-place action),
 * through the API, and from the operator's `vigie app-password create`. Shown once, hashed at rest, revocable.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../helpers/accounts.js';
import { vigie } from '../helpers/cli.js';
import { makeReaderNetwork, type ReaderNetwork } from './fixture.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let net: ReaderNetwork;
beforeAll(async () => {
  net = await makeReaderNetwork();
});
afterAll(() => net.close());

const login = (email: string, password: string) =>
  fetch(`${net.url}/api/greader/accounts/ClientLogin`, { method: 'POST', body: new URLSearchParams({ Email: email, Passwd: password }) });

describe('app passwords', () => {
  it('are created and revoked on the account page, which gives the addresses to type into apps', async () => {
    const page = await (await net.app.request('/account', { headers: { cookie: net.reader.cookie } })).text();
    expect(page).toContain('https://vigie.test/api/greader');
    expect(page).toContain('https://vigie.test/api/fever');
    const form = new URLSearchParams({ _method: 'POST', _path: '/api/v1/app-passwords', _csrf: net.reader.csrf, _back: '/account', _done: 'flash.appPasswordCreated', name: 'tablet', scope: 'read' });
    const res = await net.app.request('/act', { method: 'POST', body: form, headers: { cookie: net.reader.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    // The password is shown on the answer page itself, once, never kept in a cookie.
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.text()).toMatch(/[a-z2-9]{6}(-[a-z2-9]{6}){3}/);
    expect(res.headers.getSetCookie().join(';')).not.toMatch(/[a-z2-9]{6}-[a-z2-9]{6}-/);
    const listed = (await call(net.app, 'GET', '/api/v1/app-passwords', { as: net.reader })).body.appPasswords as { id: number; name: string }[];
    expect(listed.map((p) => p.name)).toContain('tablet');
    const after = await (await net.app.request('/account', { headers: { cookie: net.reader.cookie } })).text();
    expect(after).toContain('tablet');
  });

  it('show the password once in the API answer; it signs in to the reader APIs, the login password does not', async () => {
    const made = await call(net.app, 'POST', '/api/v1/app-passwords', { as: net.reader, body: { name: 'phone' } });
    expect(made.status).toBe(201);
    expect(made.body.appPassword).toMatchObject({ name: 'phone', scope: 'read' });
    expect(JSON.stringify((await call(net.app, 'GET', '/api/v1/app-passwords', { as: net.reader })).body)).not.toContain(made.body.password);
    expect((await login('reader@example.org', made.body.password)).status).toBe(200);
    expect((await login('reader@example.org', 'correct horse battery staple')).status).toBe(401);
    // Another member cannot revoke it.
    expect((await call(net.app, 'DELETE', `/api/v1/app-passwords/${made.body.appPassword.id}`, { as: net.stranger })).body.revoked).toBe(false);
    expect((await login('reader@example.org', made.body.password)).status).toBe(200);
    expect((await call(net.app, 'DELETE', `/api/v1/app-passwords/${made.body.appPassword.id}`, { as: net.reader })).body.revoked).toBe(true);
    expect((await login('reader@example.org', made.body.password)).status).toBe(401);
  });

  it('are not created by a bearer token (only a signed-in session or the operator)', async () => {
    const r = await call(net.app, 'POST', '/api/v1/app-passwords', { as: net.reader, via: 'token', body: { name: 'x' } });
    expect(r.status).toBe(403);
  });

  it('`vigie app-password create` prints the password alone on the last line of stdout', async () => {
    const r = await vigie(['app-password', 'create', '--email', 'stranger@example.org', '--name', 'cli'], net.env);
    expect(r.code, r.stderr).toBe(0);
    const last = r.stdout.trimEnd().split('\n').pop()!;
    expect(last).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);
    expect((await login('stranger@example.org', last)).status).toBe(200);
    const bad = await vigie(['app-password', 'create', '--email', 'nobody@example.org'], net.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('nobody@example.org');
  });
});
