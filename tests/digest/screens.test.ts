/** The digest screens (French and English) and the JSON API a member uses to manage subscriptions. */
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { HOUR, makeDigestNetwork, T0, type DigestNetwork } from './fixture.js';

let net: DigestNetwork | null = null;
afterEach(async () => {
  await net?.close();
  net = null;
});

const page = async (n: DigestNetwork, path: string, cookie?: string, lang = 'fr') => {
  const res = await n.app.request(path, { headers: { ...(cookie ? { cookie } : {}), 'accept-language': lang } });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
};

describe('digest screens and API', () => {
  it('preselects the topic a public topic page links to', async () => {
    net = await makeDigestNetwork();
    const m = await net.member('lea@vigie.test');
    const { html } = await page(net, '/digests?topic=sante', m.cookie);
    expect(html).toMatch(/<option value="sante" selected="">/);
    expect((await page(net, '/digests', m.cookie)).html).not.toMatch(/<option value="sante" selected/);
  });

  it('lets a member subscribe with the no-JavaScript form, change the hour, pause, preview and unsubscribe', async () => {
    net = await makeDigestNetwork();
    const m = await net.member('hugo@vigie.test');
    const empty = await page(net, '/digests', m.cookie);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('Lettres de veille');
    expect(empty.html).toContain('L’e-mail est désactivé sur cette instance');
    expect((await page(net, '/digests', m.cookie, 'en')).html).toContain('You follow no digest yet');

    const form = new URLSearchParams({ _method: 'POST', _path: '/api/v1/digests', _back: '/digests', _done: 'digest.flash.subscribed', _csrf: m.csrf, kind: 'topic', topic: 'sante', tag: '', 'savedSearch:int': '', frequency: 'daily', 'hour:int': '7', timeZone: 'Europe/Paris', lang: 'en' });
    const posted = await net.app.request('/act', { method: 'POST', headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(posted.status).toBe(303);
    const list = await call(net.app, 'GET', '/api/v1/digests', { as: m });
    expect(list.status).toBe(200);
    expect(list.body.email).toBe(false);
    const [sub] = list.body.subscriptions as { id: number; hour: number; lang: string; status: string; feedUrl: string }[];
    // A member's digest of a public topic is theirs (only the topic's official digest is public): its feed carries the key.
    expect(sub).toMatchObject({ hour: 7, lang: 'en', status: 'active', feedUrl: expect.stringMatching(new RegExp(`^https://vigie\\.test/digests/${sub!.id}/feed\\.atom\\?key=[A-Za-z0-9_-]{20,}$`)) });

    const changed = await call(net.app, 'PATCH', `/api/v1/digests/${sub!.id}`, { as: m, body: { hour: 9, frequency: 'weekly', day: 5, paused: true } });
    expect(changed.status).toBe(200);
    expect(changed.body.subscription).toMatchObject({ hour: 9, frequency: 'weekly', day: 5, status: 'paused' });
    const screen = await page(net, '/digests', m.cookie);
    expect(screen.html).toContain('Thème : sante');
    expect(screen.html).toContain('hebdomadaire le vendredi');
    expect(screen.html).toContain('Reprendre');

    const [id] = net.seed('who', ['An item for the preview']);
    net.approve(id!, 'see why');
    net.clock.set(T0 + HOUR);
    const preview = await call(net.app, 'GET', `/api/v1/digests/${sub!.id}/preview`, { as: m });
    expect(preview.status).toBe(200);
    expect(preview.body.items).toBe(1);
    expect(preview.body.html).toContain('An item for the preview');
    expect(preview.body.text).toContain("Curator's note: see why");
    const previewPage = await page(net, `/digests/${sub!.id}/preview`, m.cookie);
    expect(previewPage.html).toContain('<iframe');
    expect(previewPage.html).toContain('An item for the preview');

    const other = await net.member('ines@vigie.test');
    expect((await call(net.app, 'PATCH', `/api/v1/digests/${sub!.id}`, { as: other, body: { hour: 3 } })).status).toBe(404);
    expect((await call(net.app, 'DELETE', `/api/v1/digests/${sub!.id}`, { as: m })).status).toBe(200);
    expect((await call(net.app, 'GET', '/api/v1/digests', { as: m })).body.subscriptions).toEqual([]);
  });

  it("keeps a members-only topic's digest private (feed key aside) and lets only curators create official digests", async () => {
    net = await makeDigestNetwork();
    const m = await net.member('jade@vigie.test', { interne: 'member', sante: 'member' });
    const r = await call(net.app, 'POST', '/api/v1/digests', { as: m, body: { kind: 'topic', topic: 'interne' } });
    expect(r.status).toBe(201);
    const sub = r.body.subscription as { id: number; feedUrl: string };
    expect(sub.feedUrl).toMatch(/\?key=/);
    const [id] = net.seed('memo', ['Internal memo']);
    net.approve(id!, null);
    net.clock.set(T0 + HOUR);
    expect(await net.run({ now: true })).toMatchObject({ built: 1 });

    const anonymous = await page(net, `/digests/${sub.id}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain('/login');
    expect((await net.app.request(`/digests/${sub.id}/feed.atom`)).status).toBe(404);
    const keyed = await net.app.request(new URL(sub.feedUrl).pathname + new URL(sub.feedUrl).search);
    expect(keyed.status).toBe(200);
    expect(await keyed.text()).toContain('Internal memo');
    const outsider = await net.member('kim@vigie.test');
    expect((await page(net, `/digests/${sub.id}`, outsider.cookie)).status).toBe(404);
    const own = await page(net, `/digests/${sub.id}`, m.cookie);
    expect(own.html).toContain('Archives de la lettre : interne');
    expect(own.html).toContain('1 éléments');

    // A member of the private topic cannot subscribe an outsider's view; an outsider cannot see the topic at all.
    expect((await call(net.app, 'POST', '/api/v1/digests', { as: outsider, body: { kind: 'topic', topic: 'interne' } })).status).toBe(404);
    expect((await call(net.app, 'POST', '/api/v1/digests', { as: m, body: { kind: 'topic', topic: 'sante', official: true } })).status).toBe(403);
    const official = await call(net.app, 'POST', '/api/v1/digests', { as: net.curator, body: { kind: 'topic', topic: 'sante', official: true, frequency: 'weekly', day: 1 } });
    expect(official.status).toBe(201);
    const seen = await call(net.app, 'GET', '/api/v1/digests', { as: m });
    expect(seen.body.official.map((s: { label: string }) => s.label)).toEqual(['sante']);
    expect((await call(net.app, 'POST', '/api/v1/digests', { as: m, body: { kind: 'tag' } })).body.error.field).toBe('tag');
  });

  it('documents the digest API in the OpenAPI description', async () => {
    net = await makeDigestNetwork();
    const doc = (await (await net.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/digests', '/api/v1/digests/{id}', '/api/v1/digests/{id}/preview', '/api/v1/digests/{id}/issues']));
  });
});
