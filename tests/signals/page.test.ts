import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRadar } from '../../src/signals/live.js';
import { listSuggestions } from '../../src/db/radar/suggestions.js';
import type { TestUser } from '../helpers/accounts.js';
import { makeRadarNetwork, type RadarNetwork } from './network.js';

let net: RadarNetwork;
beforeAll(async () => {
  net = await makeRadarNetwork();
  await runRadar(net.deps);
});
afterAll(() => net.close());

const page = (path: string, as: TestUser | null, lang = 'en') =>
  net.app.request(path, { headers: { 'accept-language': lang, ...(as ? { cookie: as.cookie } : {}) } });
const santeId = () => net.deps.sqlite.prepare(`SELECT id FROM topics WHERE slug = 'sante'`).pluck().get() as number;

describe('radar screen', () => {
  it("shows a curator today's suggestions with their evidence, a sparkline and the actions as plain forms", async () => {
    const res = await page('/signals/radar', net.users.curator);
    expect(res.status).toBe(200);
    const html = await res.text();
    const [s] = listSuggestions(net.deps.sqlite, santeId()).suggestions;
    expect(html).toContain(s!.label);
    expect(html).toMatch(/<svg class="sparkline"[^>]*role="img"/);
    expect(html).toContain('Representative items');
    for (const e of s!.evidence.examples) expect(html).toContain(`href="/items/${e.itemId}"`);
    for (const action of ['accept', 'dismiss', 'mute']) {
      expect(html).toContain(`value="/api/v1/signals/suggestions/${s!.id}/${action}"`);
    }
    expect(html).toMatch(/<form method="post" action="\/act"/);
    expect(html).not.toContain('Whole network'); // not a curator of every topic
  });

  it('speaks French to a French reader', async () => {
    const html = await (await page('/signals/radar', net.users.curator, 'fr')).text();
    expect(html).toContain('Radar des signaux');
    expect(html).toContain('Articles représentatifs');
  });

  it('offers admins the network-wide scope and every topic', async () => {
    const html = await (await page('/signals/radar?topic=climat', net.users.admin)).text();
    expect(html).toContain('Whole network');
    expect(html).toContain('Nothing emerging today');
  });

  it('sends anonymous readers to sign in and refuses members', async () => {
    const anon = await page('/signals/radar', null);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toMatch(/^\/login\?back=/);
    const member = await page('/signals/radar', net.users.member);
    expect(member.status).toBe(403);
    expect(await member.text()).toContain('curators of a topic');
  });

  it('accepts a suggestion without JavaScript: the form goes through /act and a flag appears', async () => {
    const [s] = listSuggestions(net.deps.sqlite, santeId()).suggestions;
    const form = new URLSearchParams({ _method: 'POST', _path: `/api/v1/signals/suggestions/${s!.id}/accept`, _back: '/signals/radar', _done: 'radar.accepted', _csrf: net.users.curator.csrf, 'strength:int': '3' });
    const res = await net.app.request('/act', { method: 'POST', body: form, headers: { cookie: net.users.curator.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signals/radar');
    const flag = net.deps.sqlite.prepare(`SELECT strength, rationale FROM flags ORDER BY id DESC LIMIT 1`).get() as { strength: number; rationale: string };
    expect(flag.strength).toBe(3);
    expect(flag.rationale).toContain(s!.label);
    const after = await (await page('/signals/radar', net.users.curator)).text();
    expect(after).not.toContain(`/api/v1/signals/suggestions/${s!.id}/accept`);
  });
});
