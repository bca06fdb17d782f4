/** `vigie user` and `vigie token` as an operator runs them (real process over dist/, built by `npm test`). */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { call } from '../helpers/accounts.js';
import { vigie } from '../helpers/cli.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

let install: TestInstall;
afterEach(() => install.cleanup());

describe('vigie user / vigie token', () => {
  it('creates an admin from stdin, invites a member, and prints a working token alone on the last line', async () => {
    install = makeTestInstall('topics:\n  - { slug: sante, name: Santé }\nsources: []\n', { PUBLIC_URL: 'https://veille.example.org' });
    const add = await vigie(['user', 'add', '--email', 'Root@Vigie.test', '--role', 'admin', '--password-stdin', '--name', 'Root'], install.env, 'a strong operator passphrase\n');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('created root@vigie.test (admin)\n');

    const invite = await vigie(['user', 'add', '--email', 'm@vigie.test', '--role', 'member', '--topic', 'sante'], install.env);
    expect(invite.code).toBe(0);
    const link = invite.stdout.trim().split('\n').pop()!;
    expect(link).toMatch(/^https:\/\/veille\.example\.org\/invite\/[\w-]{43}$/);

    const token = await vigie(['token', 'create', '--email', 'root@vigie.test', '--scope', 'curate'], install.env);
    expect(token.code).toBe(0);
    const secret = token.stdout.trimEnd().split('\n').pop()!;
    expect(secret).toMatch(/^vgt_[\w-]{43}$/);

    const deps = makeTestDeps(install);
    try {
      const app = createApp(deps);
      const bearer = { authorization: `Bearer ${secret}` };
      expect((await call(app, 'GET', '/api/v1/users/me', { headers: bearer })).body.user).toMatchObject({ email: 'root@vigie.test', displayName: 'Root', role: 'admin' });
      expect((await call(app, 'POST', '/api/v1/topics', { headers: bearer, body: { slug: 'climat', name: 'Climat' } })).status).toBe(201);
      const accepted = await call(app, 'POST', `/api/v1/invitations/${link.split('/').pop()}/accept`, { body: { password: 'member passphrase 1' } });
      expect(accepted.body.user).toMatchObject({ email: 'm@vigie.test', memberships: [{ topic: 'sante', role: 'member' }] });
      expect((await call(app, 'POST', '/api/v1/auth/login', { body: { email: 'root@vigie.test', password: 'a strong operator passphrase' } })).status).toBe(200);
    } finally {
      await deps.close();
    }

    const list = await vigie(['user', 'list'], install.env);
    expect(list.stdout).toMatch(/^m@vigie\.test\s+member\s+sante:member$/m);
  });

  it('refuses bad flags with exit code 2 and a sentence', async () => {
    install = makeTestInstall();
    const bad = await vigie(['user', 'add', '--email', 'x@vigie.test', '--role', 'boss'], install.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role must be admin, curator or member');
    const short = await vigie(['user', 'add', '--email', 'x@vigie.test', '--role', 'member', '--password-stdin'], install.env, 'short\n');
    expect(short.code).toBe(2);
    const unknown = await vigie(['token', 'create', '--email', 'nobody@vigie.test'], install.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no account for nobody@vigie.test');
    expect(unknown.stdout).toBe('');
  });
});
