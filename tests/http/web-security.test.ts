/**
 * Findings 6, 7 and 10 of the security issue, and standards mode: where `back` may lead, the headers every answer
 * carries, what /act forwards, how the language changes. Over app.request on a real installation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { actTarget } from '../../src/http/routes/pages-act.js';
import { setUserLocale, userLocale } from '../../src/db/accounts/prefs.js';
import { TEST_PASSWORD, type TestUser } from '../helpers/accounts.js';
import { makeNetwork, type Network } from '../curation/fixture.js';

let net: Network;
afterEach(() => net.close());

const ORIGIN = 'http://localhost';
const get = (path: string, as?: TestUser, headers: Record<string, string> = {}) =>
  net.app.request(path, { headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}), ...headers } });
const post = (path: string, fields: Record<string, string>, as?: TestUser) =>
  net.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...(as ? { cookie: as.cookie } : {}) }, body: new URLSearchParams(fields) });
const flashOf = (res: Response) => {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('vigie_flash='));
  return c ? (JSON.parse(Buffer.from(c.split(';')[0]!.slice('vigie_flash='.length), 'base64url').toString()) as { ok: boolean; text: string }) : null;
};

describe('finding 6: open redirects', () => {
  it.each([
    '/%09/127.0.0.1:18500/phish',
    '/%0d%0aSet-Cookie:%20x=1',
    '/%0aevil',
  ])('finding 6: a back with control characters (%s) is a 400, never a 500 or another host', async (back) => {
    net = await makeNetwork();
    const res = await get(`/lang/en?back=${back}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it.each(['//127.0.0.1:18500/phish', '/\\127.0.0.1:18500/phish', 'https://evil.example/', 'http://localhost:8080.evil.example/', 'javascript:alert(1)', '/%5C%5Cevil.example'])(
    'finding 6: a back outside PUBLIC_URL’s origin (%s) goes to /',
    async (back) => {
      net = await makeNetwork();
      const lang = await get(`/lang/en?back=${encodeURIComponent(back)}`);
      expect(lang.status).toBe(303);
      const to = new URL(lang.headers.get('location')!, 'http://localhost:8080');
      expect(to.origin).toBe('http://localhost:8080');
      if (!back.startsWith('/%5C')) expect(lang.headers.get('location')).toBe('/');
    },
  );

  it('finding 6: sign-in and /act follow only same-origin paths; a good path is kept', async () => {
    net = await makeNetwork();
    const { member } = net.users;
    const signIn = await net.app.request('/login?back=%2F%2Fevil.example%2Fx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ email: 'member@vigie.test', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/');
    const act = await post('/act', { _method: 'POST', _path: '/api/v1/saved-searches', _back: 'https://evil.example/', _csrf: member.csrf, name: 'x', 'query.q': 'x' }, member);
    expect(act.headers.get('location')).toBe('/');
    const crlf = await post('/act', { _method: 'POST', _path: '/api/v1/saved-searches', _back: '/\r\nSet-Cookie: a=b', _csrf: member.csrf }, member);
    expect(crlf.status).toBe(400);
    const good = await get('/lang/en?back=%2Fsources%3Fq%3Dx%23top');
    expect(good.headers.get('location')).toBe('/sources?q=x#top');
  });
});

describe('finding 7: security headers', () => {
  const paths = ['/', '/login', '/sources', '/api/v1/items', '/static/app.css', '/favicon.ico', '/no-such-page', '/public', '/t/sante', '/api/v1/openapi.json'];

  it('finding 7: every answer carries a CSP without inline script, no framing, nosniff and the referrer policy', async () => {
    net = await makeNetwork();
    for (const path of paths) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/object-src 'none'/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('finding 7: the widget alone may be framed; HSTS is sent when PUBLIC_URL is https', async () => {
    net = await makeNetwork({ PUBLIC_URL: 'https://veille.example.org' });
    const widget = await get('/t/sante/widget');
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    expect(widget.headers.get('x-frame-options')).toBeNull();
    expect(widget.headers.get('x-content-type-options')).toBe('nosniff');
    const home = await get('/');
    expect(home.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(home.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('finding 7: no page holds inline script or event-handler attributes (the CSP would block them)', async () => {
    net = await makeNetwork();
    const { admin } = net.users;
    for (const path of ['/', '/login', '/sources', '/topics', '/signals', '/digests', '/account', '/saved', '/network', '/report', `/items/${net.items.sante}`]) {
      const html = await (await get(path, admin)).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
      expect(scripts.filter((attrs) => !/\bsrc=/.test(attrs) && !/type="application\/ld\+json"/.test(attrs)), path).toEqual([]);
      expect(html, path).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    }
  });
});

describe('standards mode and icon', () => {
  it('every HTML page starts with the doctype, and /favicon.ico is an icon', async () => {
    net = await makeNetwork();
    const { admin } = net.users;
    const pages = ['/', '/login', '/sources', '/topics', '/signals', '/public', '/t/sante', '/t/sante/widget', '/no-such-page', '/invite/unknown', '/reset/unknown'];
    const signedIn = ['/account', '/saved', '/network', '/report', '/digests', `/items/${net.items.sante}`];
    for (const [path, as] of [...pages.map((p) => [p, undefined] as const), ...signedIn.map((p) => [p, admin] as const)]) {
      const res = await get(path, as);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect((await res.text()).slice(0, 15).toUpperCase(), path).toBe('<!DOCTYPE HTML>');
    }
    const icon = await get('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect(Buffer.from(await icon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(await (await get('/')).text()).toContain('<link rel="icon" href="/favicon.ico"');
  });
});

describe('finding 10: /act and the language switch', () => {
  it('finding 10: sign-in is not reachable through /act (login CSRF)', async () => {
    net = await makeNetwork();
    const res = await net.app.request('/act', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _method: 'POST', _path: '/api/v1/auth/login', _back: '/', email: 'member@vigie.test', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('vigie_session=') && !c.startsWith('vigie_session=;'))).toBe(false);
    expect(flashOf(res)?.ok).toBe(false);
    for (const path of ['/api/v1/auth/signup', '/api/v1/auth/password-reset', '/api/v1/invitations/abc/accept']) {
      expect(actTarget(path), path).toBeNull();
    }
  });

  it.each([
    '/api/v1/%2e%2e/v1/auth/login',
    '/api/v1/items/%2E%2E/%2E%2E/auth/login',
    '/api/v1/items/1/..%2f..%2f..%2fauth%2flogin',
    '/api/v1/tags/%252e%252e',
    '/api/v1/items/./1/tags',
    '/api/v1//auth/login',
    '/api/v1/items/1%5c..%5c..%5cauth',
    '/api/v2/items',
    '/api/v1/items/1/tags/%zz',
  ])('finding 10: /act refuses the un-normalised or encoded path %s', async (path) => {
    net = await makeNetwork();
    expect(actTarget(path)).toBeNull();
    const { member } = net.users;
    const res = await post('/act', { _method: 'POST', _path: path, _back: '/', _csrf: member.csrf, email: 'member@vigie.test', password: TEST_PASSWORD }, member);
    expect(res.status).toBe(303);
    expect(flashOf(res)).toMatchObject({ ok: false });
  });

  it('finding 10: /act still forwards plain API paths, percent-encoded names included', async () => {
    net = await makeNetwork();
    expect(actTarget('/api/v1/items/3/tags/%C3%A9pid%C3%A9mie')).toBe('/api/v1/items/3/tags/%C3%A9pid%C3%A9mie');
    const { member } = net.users;
    const res = await post('/act', { _method: 'POST', _path: `/api/v1/items/${net.items.sante}/tags`, _back: '/', _csrf: member.csrf, 'tags:list': 'épidémie' }, member);
    expect(flashOf(res)).toMatchObject({ ok: true });
  });

  it('finding 10: GET /lang/:locale no longer changes the account; POST /lang does, with the anti-CSRF token', async () => {
    net = await makeNetwork();
    const { member } = net.users;
    setUserLocale(net.deps.sqlite, member.id, 'fr', 0);
    const byLink = await get('/lang/en?back=/', member);
    expect(byLink.status).toBe(303);
    expect(userLocale(net.deps.sqlite, member.id)).toBe('fr');
    const forged = await post('/lang', { locale: 'en', back: '/' }, member);
    expect(forged.status).toBe(303);
    expect(userLocale(net.deps.sqlite, member.id)).toBe('fr');
    const crossSite = await net.app.request('/lang', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: member.cookie },
      body: new URLSearchParams({ locale: 'en', back: '/', _csrf: member.csrf }),
    });
    expect(crossSite.status).toBe(403);
    const real = await post('/lang', { locale: 'en', back: '/sources', _csrf: member.csrf }, member);
    expect(real.headers.get('location')).toBe('/sources');
    expect(userLocale(net.deps.sqlite, member.id)).toBe('en');
    // The switch in the page header is that form.
    const page = await (await get('/', member)).text();
    expect(page).toMatch(/<form method="post" action="\/lang"/);
  });
});
