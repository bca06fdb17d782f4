/** Password reset: e-mailed over real SMTP (smtp-server on 127.0.0.1) when configured, else shown to an admin. */
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailSender } from '../../src/mail/send.js';
import { call } from '../helpers/accounts.js';
import { makeNetwork, type Network } from '../curation/fixture.js';

let net: Network | null = null;
let smtp: SMTPServer | null = null;
afterEach(async () => {
  await net?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  net = null;
  smtp = null;
});

/** A local SMTP server collecting parsed messages. */
async function startSmtp(): Promise<{ url: string; inbox: { to: string; subject: string; text: string }[] }> {
  const inbox: { to: string; subject: string; text: string }[] = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((m) => {
        inbox.push({ to: (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? '', subject: m.subject ?? '', text: m.text ?? '' });
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => smtp!.listen(0, '127.0.0.1', () => r()));
  return { url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?tls=off`, inbox };
}

const login = (password: string) => call(net!.app, 'POST', '/api/v1/auth/login', { body: { email: 'member@vigie.test', password } });
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('mail', () => {
  it('delivers a message through SMTP, and reports an unreachable server as a value', async () => {
    const { url, inbox } = await startSmtp();
    const sender = createMailSender({ smtpUrl: url, from: 'Vigie <vigie@vigie.test>' })!;
    expect(await sender.send({ to: 'a@vigie.test', subject: 'Hello', text: 'Body é' })).toMatchObject({ ok: true });
    sender.close();
    expect(inbox).toEqual([{ to: 'a@vigie.test', subject: 'Hello', text: 'Body é\n' }]);
    const dead = createMailSender({ smtpUrl: 'smtp://127.0.0.1:9?tls=off', timeoutMs: 2000 })!;
    const r = await dead.send({ to: 'a@vigie.test', subject: 'x', text: 'x' });
    expect(r.ok).toBe(false);
    dead.close();
    expect(createMailSender({ smtpUrl: undefined })).toBeNull();
  });
});

describe('password reset', () => {
  it('e-mails a one-time link when SMTP is configured; the new password works and sessions end', async () => {
    const { url, inbox } = await startSmtp();
    net = await makeNetwork({ SMTP_URL: url, SMTP_FROM: 'vigie@vigie.test', PUBLIC_URL: 'https://veille.example.org' });
    const asked = await call(net.app, 'POST', '/api/v1/auth/password-reset', { body: { email: 'member@vigie.test' } });
    expect(asked.status).toBe(202);
    // Unknown addresses get the same answer and no mail.
    expect((await call(net.app, 'POST', '/api/v1/auth/password-reset', { body: { email: 'nobody@vigie.test' } })).body).toEqual(asked.body);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toBe('member@vigie.test');
    const link = /https:\/\/veille\.example\.org\/reset\/\S+/.exec(inbox[0]!.text)![0];
    const reset = await call(net.app, 'POST', `/api/v1/auth/password-reset/${tokenOf(link)}`, { body: { password: 'a brand new passphrase' } });
    expect(reset.status).toBe(200);
    expect((await call(net.app, 'GET', '/api/v1/auth/session', { as: net.users.member })).status).toBe(401);
    expect((await login('correct horse battery staple')).status).toBe(401);
    expect((await login('a brand new passphrase')).status).toBe(200);
    expect((await call(net.app, 'POST', `/api/v1/auth/password-reset/${tokenOf(link)}`, { body: { password: 'yet another passphrase' } })).status).toBe(404);
  });

  it('without SMTP, shows the request to admins, who get the link to pass on; it expires', async () => {
    net = await makeNetwork();
    await call(net.app, 'POST', '/api/v1/auth/password-reset', { body: { email: 'member@vigie.test' } });
    const users = (await call(net.app, 'GET', '/api/v1/users', { as: net.users.admin })).body.users;
    expect(users.find((u: any) => u.email === 'member@vigie.test').resetRequestedAt).toEqual(expect.any(String));
    const issued = await call(net.app, 'POST', `/api/v1/users/${net.users.member.id}/password-reset`, { as: net.users.admin });
    expect(issued.body).toMatchObject({ delivered: false, resetUrl: expect.stringMatching(/^http:\/\/localhost:8080\/reset\//) });
    net.clock.advance(3 * 3_600_000);
    expect((await call(net.app, 'POST', `/api/v1/auth/password-reset/${tokenOf(issued.body.resetUrl)}`, { body: { password: 'a brand new passphrase' } })).status).toBe(404);
    const again = await call(net.app, 'POST', `/api/v1/users/${net.users.member.id}/password-reset`, { as: net.users.admin });
    // The web page form works too.
    const page = await net.app.request(new URL(again.body.resetUrl).pathname);
    expect(await page.text()).toContain(`<form method="post" action="${new URL(again.body.resetUrl).pathname}"`);
    const done = await net.app.request(new URL(again.body.resetUrl).pathname, { method: 'POST', headers: { origin: 'http://localhost' }, body: new URLSearchParams({ password: 'a brand new passphrase' }) });
    expect(done.status).toBe(200);
    expect((await login('a brand new passphrase')).status).toBe(200);
  });
});

describe('invitation page', () => {
  it('shows the invitation escaped and creates the account from the form', async () => {
    net = await makeNetwork();
    const inv = await call(net.app, 'POST', '/api/v1/invitations', { as: net.users.curator, body: { email: 'new@vigie.test', role: 'member', topic: 'sante' } });
    const path = new URL(inv.body.url).pathname;
    const page = await net.app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('new@vigie.test');
    const res = await net.app.request(path, { method: 'POST', headers: { origin: 'http://localhost' }, body: new URLSearchParams({ password: 'long enough password', displayName: '<b>Nina</b>' }) });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const me = await call(net.app, 'GET', '/api/v1/users/me', { headers: { cookie } });
    expect(me.body.user).toMatchObject({ email: 'new@vigie.test', displayName: '<b>Nina</b>', memberships: [{ topic: 'sante', role: 'member' }] });
    expect((await net.app.request(path)).status).toBe(404);
  });

  it('lets a curator invite only into their own topic, and only admins invite admins', async () => {
    net = await makeNetwork();
    expect((await call(net.app, 'POST', '/api/v1/invitations', { as: net.users.curator, body: { email: 'x@vigie.test', role: 'member', topic: 'climat' } })).status).toBe(403);
    expect((await call(net.app, 'POST', '/api/v1/invitations', { as: net.users.curator, body: { email: 'x@vigie.test', role: 'admin' } })).status).toBe(403);
    expect((await call(net.app, 'POST', '/api/v1/invitations', { as: net.users.admin, body: { email: 'x@vigie.test', role: 'admin' } })).status).toBe(201);
  });
});
