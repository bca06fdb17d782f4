/**
 * Done when (issue 10): accepting a suggestion creates a weak-signal flag with its evidence, visible in the
 * weak-signals board and the digests. The whole path over HTTP: the radar suggests, a curator accepts, the flag
 * is on the board (API and page), the curator confirms it, and the next scheduled digests (a topic digest and a
 * weak-signals-only digest, built for the web: no SMTP_URL) carry its items with the rationale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigests } from '../../src/digest/run.js';
import type { manualClock } from '../../src/lib/clock.js';
import { runRadar } from '../../src/signals/live.js';
import { addTestUser, call, type TestUser } from '../helpers/accounts.js';
import { makeRadarNetwork, NOW, type RadarNetwork } from './network.js';

let net: RadarNetwork;
let watcher: TestUser;
beforeAll(async () => {
  net = await makeRadarNetwork();
  watcher = await addTestUser(net.deps.sqlite, { email: 'watcher@example.org', topics: { sante: 'member' } }, NOW);
  await runRadar(net.deps);
});
afterAll(() => net.close());

const clock = () => net.deps.clock as ReturnType<typeof manualClock>;
const page = async (path: string, as: TestUser) => {
  const res = await net.app.request(path, { headers: { cookie: as.cookie, 'accept-language': 'en' } });
  expect(res.status).toBe(200);
  return res.text();
};
/** The board card of a flag: from its id to the next card or the end of its column. */
const card = (html: string, id: number) => {
  const start = html.indexOf(`id="flag-${id}"`);
  expect(start).toBeGreaterThan(0);
  const ends = [html.indexOf('<li class="card"', start), html.indexOf('</section>', start)].filter((i) => i > 0);
  return html.slice(start, Math.min(...ends));
};
/** The HTML-escaped form of a text (as the pages render it). */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Suggestion = { id: number; label: string; examples: { itemId: number; title: string }[] };
type BoardFlag = { id: number; topic: string; status: string; rationale: string; items: number[] };

describe('accepting a radar suggestion, through the board to the digests', () => {
  it('creates a flag with the evidence, on the board, and (once confirmed) in the next topic and weak-signal digests', async () => {
    // The radar suggests the emerging topic to the curator of `sante`.
    const list = await call(net.app, 'GET', '/api/v1/signals/suggestions?topic=sante', { as: net.users.curator });
    expect(list.status).toBe(200);
    const s = list.body.suggestions[0] as Suggestion;
    expect(`${s.label}`).toMatch(/tomato/);
    const itemIds = s.examples.map((e) => e.itemId).sort((a, b) => a - b);
    expect(itemIds).toHaveLength(5);

    // Two members subscribe (daily, 08:00 in Paris): one to the topic's digest, one to the weak signals only.
    const topicSub = await call(net.app, 'POST', '/api/v1/digests', { as: net.users.member, body: { kind: 'topic', topic: 'sante', lang: 'en', timeZone: 'Europe/Paris' } });
    expect(topicSub.status).toBe(201);
    const signalsSub = await call(net.app, 'POST', '/api/v1/digests', { as: watcher, body: { kind: 'signals', lang: 'en', timeZone: 'Europe/Paris' } });
    expect(signalsSub.status).toBe(201);
    const nextDue = '2026-03-11T07:00:00.000Z';
    expect(topicSub.body.subscription.nextDueAt).toBe(nextDue);
    expect(signalsSub.body.subscription.nextDueAt).toBe(nextDue);

    // The curator accepts it.
    const accepted = await call(net.app, 'POST', `/api/v1/signals/suggestions/${s.id}/accept`, { as: net.users.curator, body: { strength: 3, note: 'Worth following closely' } });
    expect(accepted.status).toBe(200);
    const flagId = accepted.body.flag as number;
    expect(flagId).toBeTypeOf('number');

    // On the board's data: the flag, watching, over the representative items, the evidence as rationale.
    const board = await call(net.app, 'GET', '/api/v1/flags?topic=sante', { as: net.users.curator });
    expect(board.status).toBe(200);
    const flag = (board.body.flags as BoardFlag[]).find((f) => f.id === flagId)!;
    expect(flag).toMatchObject({ topic: 'sante', status: 'watching', strength: 3 });
    expect(flag.items).toEqual(itemIds);
    expect(flag.rationale).toMatch(/^Worth following closely\n/);
    expect(flag.rationale).toContain(`"${s.label}"`);
    expect(flag.rationale).toMatch(/6 sources in the last 7 days/);
    expect(flag.rationale).toMatch(/Sources per day over 28 days: /);
    expect(flag.rationale).toMatch(/Carried by: /);
    // Members of the topic see it too.
    const memberBoard = await call(net.app, 'GET', '/api/v1/flags?status=watching', { as: net.users.member });
    expect((memberBoard.body.flags as BoardFlag[]).map((f) => f.id)).toContain(flagId);

    // On the board page, in the "watching" column, with its items, its rationale and the curator's status form.
    let html = await page('/signals?topic=sante', net.users.curator);
    expect(html).toContain(`id="flag-${flagId}"`);
    expect(html.lastIndexOf('signal-col-watching', html.indexOf(`id="flag-${flagId}"`))).toBeGreaterThan(html.lastIndexOf('signal-col-confirmed', html.indexOf(`id="flag-${flagId}"`)));
    for (const e of s.examples) {
      expect(card(html, flagId)).toContain(`href="/items/${e.itemId}"`);
      expect(card(html, flagId)).toContain(esc(e.title));
    }
    expect(card(html, flagId)).toContain(esc(`"${s.label}"`));
    expect(card(html, flagId)).toContain('6 sources in the last 7 days');

    // The curator confirms it the same evening (digests carry confirmed flags only).
    clock().set(NOW + 30 * 60_000);
    const confirmed = await call(net.app, 'PATCH', `/api/v1/flags/${flagId}`, { as: net.users.curator, body: { status: 'confirmed', reason: 'Six growers report it independently' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.flag).toMatchObject({ id: flagId, status: 'confirmed' });
    html = await page('/signals?topic=sante', net.users.curator);
    expect(html.lastIndexOf('signal-col-confirmed', html.indexOf(`id="flag-${flagId}"`))).toBeGreaterThan(html.lastIndexOf('signal-col-watching', html.indexOf(`id="flag-${flagId}"`)));
    expect(card(html, flagId)).toContain('Six growers report it independently');

    // Tomorrow 08:00 in Paris: both digests are built for the web (no SMTP_URL: no delivery).
    clock().set(Date.parse(nextDue));
    const run = await runDigests(net.deps);
    expect(run).toMatchObject({ ran: true, mail: false, built: 2, sent: 0 });
    expect(net.deps.sqlite.prepare(`SELECT count(*) FROM digest_deliveries`).pluck().get()).toBe(0);

    for (const [sub, as] of [[topicSub.body.subscription.id as number, net.users.member], [signalsSub.body.subscription.id as number, watcher]] as const) {
      const issue = net.deps.sqlite.prepare(`SELECT id, entries FROM digest_issues WHERE subscription_id = ?`).get(sub) as { id: number; entries: string };
      expect(issue).toBeDefined();
      const signals = (JSON.parse(issue.entries) as { itemId: number; section: string; note: string | null; count: number }[]).filter((e) => e.section === 'signal');
      expect(signals.map((e) => e.itemId).sort((a, b) => a - b)).toEqual(itemIds);
      for (const e of signals) expect(e).toMatchObject({ note: flag.rationale, count: 3 });

      // The issue on the web, as its member reads it: the weak-signals section, the items and why they matter.
      const issueHtml = await page(`/digests/${sub}/issues/${issue.id}`, as);
      expect(issueHtml).toContain('New weak signals');
      expect(issueHtml).toContain('Why it matters:');
      for (const e of s.examples) expect(issueHtml).toContain(esc(e.title));
      expect(issueHtml).toContain(esc(`"${s.label}"`));
      expect(issueHtml).toContain('6 sources in the last 7 days');
      expect(issueHtml).toContain('Worth following closely');
    }
  });
});
