/** The bad-input and security list of the accounts/curation issue, one behaviour per test. */
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { makeNetwork, type Network } from '../curation/fixture.js';

let net: Network;
afterEach(() => net.close());
const login = (email: string, password: string) => call(net.app, 'POST', '/api/v1/auth/login', { body: { email, password } });

describe('sign-in', () => {
  it('answers a wrong password and an unknown e-mail with the same generic 401', async () => {
    net = await makeNetwork();
    const wrong = await login('member@vigie.test', 'not the password');
    const unknown = await login('nobody@vigie.test', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('wrong e-mail or password');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const good = await login('MEMBER@vigie.test ', 'correct horse battery staple');
    expect(good.status).toBe(200);
    expect(good.body.user).toMatchObject({ email: 'member@vigie.test', memberships: [{ topic: 'sante', role: 'member' }] });
    expect(good.headers.get('set-cookie')).toMatch(/^vigie_session=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    expect(good.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    net = await makeNetwork({ PUBLIC_URL: 'https://veille.example.org' });
    expect((await login('member@vigie.test', 'correct horse battery staple')).headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('rate-limits password guessing on one account from one address, even once the right password comes from there', async () => {
    net = await makeNetwork();
    for (let i = 0; i < 10; i++) expect((await login('member@vigie.test', `guess ${i}`)).status).toBe(401);
    const blocked = await login('member@vigie.test', 'correct horse battery staple');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.error.code).toBe('rate_limited');
    // Another account is not blocked, and the window passes.
    expect((await login('curator@vigie.test', 'correct horse battery staple')).status).toBe(200);
    net.clock.advance(16 * 60_000);
    expect((await login('member@vigie.test', 'correct horse battery staple')).status).toBe(200);
  });

  it('rate-limits token creation', async () => {
    net = await makeNetwork();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call(net.app, 'POST', '/api/v1/tokens', { as: net.users.member, body: { name: `t${i}` } })).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('sessions and tokens', () => {
  it('refuses an expired session and clears its cookie; a forged cookie is anonymous', async () => {
    net = await makeNetwork();
    const { member } = net.users;
    expect((await call(net.app, 'GET', '/api/v1/auth/session', { as: member })).status).toBe(200);
    net.clock.advance(31 * 86_400_000);
    const expired = await call(net.app, 'GET', '/api/v1/auth/session', { as: member });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('set-cookie')).toMatch(/vigie_session=;.*Max-Age=0/i);
    const forged = await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/tags`, { headers: { cookie: 'vigie_session=forged-value', 'x-csrf-token': 'x' }, body: { tags: ['a'] } });
    expect(forged.status).toBe(401);
  });

  it('refuses forged, revoked and expired bearer tokens with 401, even on reads', async () => {
    net = await makeNetwork();
    const { member } = net.users;
    const forged = await call(net.app, 'GET', '/api/v1/items', { headers: { authorization: 'Bearer vgt_forgedforgedforgedforged' } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_token');
    expect(forged.headers.get('www-authenticate')).toMatch(/invalid_token/);

    const made = await call(net.app, 'POST', '/api/v1/tokens', { as: member, body: { name: 'script', scope: 'curate', expiresInDays: 1 } });
    expect(made.status).toBe(201);
    const bearer = { authorization: `Bearer ${made.body.secret}` };
    expect((await call(net.app, 'GET', '/api/v1/users/me', { headers: bearer })).body.user.email).toBe('member@vigie.test');
    // The secret is not stored: the list shows only a prefix.
    const list = await call(net.app, 'GET', '/api/v1/tokens', { as: member });
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    expect(JSON.stringify(net.deps.sqlite.prepare('SELECT * FROM api_tokens').all())).not.toContain(made.body.secret);

    net.clock.advance(2 * 86_400_000);
    expect((await call(net.app, 'GET', '/api/v1/users/me', { headers: bearer })).status).toBe(401);

    const other = await call(net.app, 'POST', '/api/v1/tokens', { as: member, body: { name: 'other', scope: 'curate' } });
    expect((await call(net.app, 'DELETE', `/api/v1/tokens/${other.body.token.id}`, { as: member })).body).toEqual({ revoked: true });
    expect((await call(net.app, 'GET', '/api/v1/users/me', { headers: { authorization: `Bearer ${other.body.secret}` } })).status).toBe(401);
  });

  it('lets a read-scoped token read but not write', async () => {
    net = await makeNetwork();
    const bearer = { authorization: `Bearer ${net.users.member.token('read')}` };
    expect((await call(net.app, 'GET', `/api/v1/items/${net.items.sante}/history`, { headers: bearer })).status).toBe(200);
    const write = await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/tags`, { headers: bearer, body: { tags: ['a'] } });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('insufficient_scope');
  });

  it('logs out everywhere', async () => {
    net = await makeNetwork();
    const first = await login('member@vigie.test', 'correct horse battery staple');
    const second = await login('member@vigie.test', 'correct horse battery staple');
    const cookieOf = (r: typeof first) => r.headers.get('set-cookie')!.split(';')[0]!;
    const out = await call(net.app, 'POST', '/api/v1/auth/logout-all', { headers: { cookie: cookieOf(first), 'x-csrf-token': first.body.csrfToken } });
    expect(out.body.sessionsEnded).toBe(3);
    expect((await call(net.app, 'GET', '/api/v1/auth/session', { headers: { cookie: cookieOf(second) } })).status).toBe(401);
    expect((await call(net.app, 'GET', '/api/v1/auth/session', { as: net.users.member })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses cookie writes without the session token, accepts them with it, and needs none with a bearer', async () => {
    net = await makeNetwork();
    const path = `/api/v1/items/${net.items.sante}/tags`;
    const none = await call(net.app, 'POST', path, { as: net.users.member, csrf: false, body: { tags: ['a'] } });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('csrf');
    const wrong = await call(net.app, 'POST', path, { as: net.users.member, csrf: false, headers: { 'x-csrf-token': net.users.curator.csrf }, body: { tags: ['a'] } });
    expect(wrong.status).toBe(403);
    expect((await call(net.app, 'POST', path, { as: net.users.member, body: { tags: ['a'] } })).status).toBe(200);
    expect((await call(net.app, 'POST', path, { as: net.users.member, via: 'token', body: { tags: ['b'] } })).status).toBe(200);
  });
});

describe('authorization before validation', () => {
  it('gives anonymous writes a 401 whatever the body or id', async () => {
    net = await makeNetwork();
    for (const [method, path, body] of [
      ['POST', '/api/v1/items/999999/flags', '{not json'],
      ['POST', `/api/v1/items/${net.items.sante}/flags`, { strength: 9 }],
      ['PATCH', '/api/v1/flags/abc', { role: 'admin' }],
      ['PUT', '/api/v1/items/-1/approval', null],
      ['DELETE', '/api/v1/users/1', null],
    ] as const) {
      const res = await call(net.app, method, path, { body: body ?? undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('gives a member of topic A curating or contributing in topic B a 403, even with an invalid body', async () => {
    net = await makeNetwork();
    const climatMember = await import('../helpers/accounts.js').then((m) => m.addTestUser(net.deps.sqlite, { email: 'c@vigie.test', topics: { climat: 'member' } }));
    expect((await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/flags`, { as: climatMember, body: { strength: 2, rationale: 'x' } })).status).toBe(403);
    expect((await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/flags`, { as: climatMember, body: { nonsense: true } })).status).toBe(403);
    expect((await call(net.app, 'PUT', `/api/v1/items/${net.items.climat}/approval`, { as: climatMember, body: { note: 'x' } })).status).toBe(403);
    // The climat curator curates climat, not sante.
    expect((await call(net.app, 'PUT', `/api/v1/items/${net.items.climat}/approval`, { as: net.users.other, body: { note: 'ok' } })).status).toBe(200);
    expect((await call(net.app, 'PUT', `/api/v1/items/${net.items.sante}/approval`, { as: net.users.other, body: { note: 'no' } })).status).toBe(403);
  });
});

describe('input', () => {
  it('stores markup in tags and rationales as text, and sanitises rendered annotations', async () => {
    net = await makeNetwork();
    const { member } = net.users;
    const item = net.items.sante;
    const tag = await call(net.app, 'POST', `/api/v1/items/${item}/tags`, { as: member, body: { tags: ['<script>alert(1)</script>'] } });
    expect(tag.body.tags).toEqual(['<script>alert(1)</script>']);
    const flag = await call(net.app, 'POST', `/api/v1/items/${item}/flags`, { as: member, body: { strength: 1, rationale: '<img src=x onerror=alert(1)> seen twice' } });
    expect(flag.body.flag.rationale).toBe('<img src=x onerror=alert(1)> seen twice');
    expect(flag.headers.get('content-type')).toMatch(/^application\/json/);
    const note = await call(net.app, 'POST', `/api/v1/items/${item}/annotations`, {
      as: member,
      body: { body: '**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [ok](https://who.int/a)' },
    });
    expect(note.status).toBe(201);
    const html: string = note.body.annotation.html;
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).not.toMatch(/<script|<img|onerror=|javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://who.int/a" rel="nofollow noopener noreferrer">ok</a>');
    expect(note.body.annotation.body).toContain('<script>alert(1)</script>');
  });

  it('refuses mass assignment: role in a profile update is an unknown field', async () => {
    net = await makeNetwork();
    const res = await call(net.app, 'PATCH', '/api/v1/users/me', { as: net.users.member, body: { displayName: 'Marc', role: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'role' });
    const me = await call(net.app, 'GET', '/api/v1/users/me', { as: net.users.member });
    expect(me.body.user).toMatchObject({ role: 'member', displayName: 'Marc Membre' });
  });

  it('names unknown and invalid fields in a 400', async () => {
    net = await makeNetwork();
    const path = `/api/v1/items/${net.items.sante}/flags`;
    const unknown = await call(net.app, 'POST', path, { as: net.users.member, body: { strength: 2, rationale: 'why', colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'colour' });
    expect(unknown.body.error.message).toContain("unknown field 'colour'");
    const noRationale = await call(net.app, 'POST', path, { as: net.users.member, body: { strength: 2, rationale: '   ' } });
    expect(noRationale.body.error.field).toBe('rationale');
    expect((await call(net.app, 'POST', path, { as: net.users.member, body: { strength: 4, rationale: 'x' } })).body.error.field).toBe('strength');
    const noReason = await call(net.app, 'PATCH', `/api/v1/flags/1`, { as: net.users.curator, body: { status: 'dismissed' } });
    expect(noReason.status).toBe(404);
  });

  it('answers oversized bodies with 413', async () => {
    net = await makeNetwork();
    const res = await call(net.app, 'POST', `/api/v1/items/${net.items.sante}/annotations`, { as: net.users.member, body: { body: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});
