/**
 * Done when: items curated today appear in tomorrow's 08:00 digest of each subscriber, in their time zone and
 * language, by e-mail (real SMTP), on the web and in the feed; one click unsubscribes.
 */
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { HOUR, makeDigestNetwork, T0, type DigestNetwork } from './fixture.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let net: DigestNetwork | null = null;
let smtp: TestSmtp | null = null;
afterEach(async () => {
  await net?.close();
  await smtp?.close();
  net = null;
  smtp = null;
});

/** The header as sent (mailparser structures some List-* headers; the raw line is what clients read). */
const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ') ?? '';
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('digest end to end', () => {
  it("delivers today's curated items in tomorrow's 08:00 digest of each subscriber, by e-mail, on the web and in the feed", async () => {
    smtp = await startSmtp();
    net = await makeDigestNetwork({ SMTP_URL: smtp.url, SMTP_FROM: 'Vigie <veille@vigie.test>' });
    const alice = await net.member('alice@vigie.test');
    const bob = await net.member('bob@vigie.test');
    // Alice subscribes through the API (French, Paris); Bob in English from Montréal.
    const res = await call(net.app, 'POST', '/api/v1/digests', { as: alice, body: { kind: 'topic', topic: 'sante', lang: 'fr', timeZone: 'Europe/Paris' } });
    expect(res.status).toBe(201);
    const aliceSub = (res.body as { subscription: { id: number; nextDueAt: string } }).subscription;
    expect(aliceSub.nextDueAt).toBe('2026-11-21T07:00:00.000Z');
    net.subscribe({ userId: bob.id, kind: 'topic', target: 'sante', lang: 'en', timeZone: 'America/Montreal' });

    // Curated today at 21:00 in Paris (15:00 in Montréal).
    net.clock.set(Date.UTC(2026, 10, 20, 20, 0));
    const [picked, other] = net.seed('who', ['Vaccine trial results published', 'Hospital budget vote']);
    net.approve(picked!, 'A turning point for the network <b>read this</b>');

    // Later today: nothing new is due (Bob's 08:00 today in Montréal came before the curation: empty, nothing sent).
    net.clock.set(Date.UTC(2026, 10, 20, 21, 0));
    expect(await net.run()).toMatchObject({ ran: true, built: 0, sent: 0 });
    expect(smtp.received).toHaveLength(0);

    // Tomorrow 08:00 in Paris: Alice's digest only.
    net.clock.set(Date.UTC(2026, 10, 21, 7, 0));
    expect(await net.run()).toMatchObject({ built: 1, sent: 1, failed: 0 });
    let mails = await smtp.accepted();
    expect(mails).toHaveLength(1);
    const fr = mails[0]!;
    expect((fr.to as { text: string }).text).toBe('alice@vigie.test');
    expect(fr.subject).toBe('sante — veille du 2026-11-21');
    expect(fr.messageId).toMatch(/^<digest\.\d+\.[0-9a-f]+@vigie\.test>$/);
    expect(fr.date).toBeInstanceOf(Date);
    expect(header(fr, 'list-id')).toContain(`digest-${aliceSub.id}.vigie.test`);
    const unsubscribeUrl = /<([^>]+)>/.exec(header(fr, 'list-unsubscribe'))![1]!;
    expect(unsubscribeUrl).toMatch(/^https:\/\/vigie\.test\/digests\/unsubscribe\/[\w-]+$/);
    expect(header(fr, 'list-unsubscribe-post')).toContain('List-Unsubscribe=One-Click');
    // HTML part: inlined styles, dark-mode rules, no images, the item with the curator's note escaped.
    const html = String(fr.html);
    expect(html).toContain('Vaccine trial results published');
    expect(html).toContain('Sélection des curateurs');
    expect(html).toContain('A turning point for the network &lt;b&gt;read this&lt;/b&gt;');
    expect(html).toMatch(/<h1[^>]* style="[^"]*font-size/);
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('Hospital budget vote');
    const links = hrefs(html);
    expect(links).toContain('https://who.example/1');
    expect(links).toContain(unsubscribeUrl);
    const webUrl = links.find((l) => /\/digests\/\d+\/issues\/\d+$/.test(l))!;
    expect(webUrl).toBeTruthy();
    // Plain-text part.
    expect(fr.text).toContain('* Vaccine trial results published');
    expect(fr.text).toContain('Note du curateur : A turning point');
    expect(fr.text).toContain(`Se désabonner: ${unsubscribeUrl}`);

    // 08:00 in Montréal (13:00 UTC): Bob's, in English.
    net.clock.set(Date.UTC(2026, 10, 21, 13, 0));
    expect(await net.run()).toMatchObject({ built: 1, sent: 1 });
    mails = await smtp.accepted();
    const en = mails[1]!;
    expect((en.to as { text: string }).text).toBe('bob@vigie.test');
    expect(en.subject).toBe('sante — digest of 2026-11-21');
    expect(String(en.html)).toContain('Selected by the curators');
    expect(en.text).toContain("Curator's note: A turning point");
    expect(en.messageId).not.toBe(fr.messageId);

    // The same digest on the web and in the feed: a member's digest is theirs (built with their rights), so the web
    // page asks to sign in and the feed needs its private key (feed readers cannot sign in).
    expect((await net.app.request(new URL(webUrl).pathname)).status).toBe(302);
    const page = await net.app.request(new URL(webUrl).pathname, { headers: { cookie: alice.cookie } });
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Vaccine trial results published');
    expect(pageHtml).toContain('A turning point for the network &lt;b&gt;read this&lt;/b&gt;');
    expect((await net.app.request(`/digests/${aliceSub.id}/feed.atom`)).status).toBe(404);
    const key = new URL((res.body as { subscription: { feedUrl: string } }).subscription.feedUrl).searchParams.get('key')!;
    const feed = await net.app.request(`/digests/${aliceSub.id}/feed.atom?key=${key}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const atom = await feed.text();
    expect(atom).toContain('<title type="text">sante — veille du 2026-11-21</title>');
    expect(atom).toContain('Vaccine trial results published');
    expect((await net.app.request(`/digests/${aliceSub.id}/feed.rss?key=${key}`)).status).toBe(200);

    // One click: a GET only asks (mail scanners follow links); the POST unsubscribes; twice is fine.
    const path = new URL(unsubscribeUrl).pathname;
    const ask = await net.app.request(path);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toMatch(/<form method="post"[^>]*>[\s\S]*Me désabonner/);
    expect((net.deps.sqlite.prepare(`SELECT status FROM digest_subscriptions WHERE id = ?`).pluck().get(aliceSub.id) as string)).toBe('active');
    const oneClick = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' };
    expect((await net.app.request(path, oneClick)).status).toBe(200);
    const again = await net.app.request(path, oneClick);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('vous ne recevrez plus la lettre');

    // The day after: a new curated item reaches Bob, not Alice; the old one is not repeated.
    net.clock.set(Date.UTC(2026, 10, 21, 15, 0));
    net.approve(other!, null);
    net.clock.set(Date.UTC(2026, 10, 22, 13, 0));
    expect(await net.run()).toMatchObject({ built: 1, sent: 1 });
    mails = await smtp.accepted();
    expect(mails).toHaveLength(3);
    expect((mails[2]!.to as { text: string }).text).toBe('bob@vigie.test');
    expect(String(mails[2]!.html)).toContain('Hospital budget vote');
    expect(String(mails[2]!.html)).not.toContain('Vaccine trial results published');

    // An empty period sends nothing.
    net.clock.set(Date.UTC(2026, 10, 23, 13, 0));
    expect(await net.run()).toMatchObject({ built: 0, empty: 1, sent: 0 });
    expect(smtp.received).toHaveLength(3);
  });

  it('never repeats an item to a member subscribed twice, and caps the e-mail with "N more on the web"', async () => {
    smtp = await startSmtp();
    net = await makeDigestNetwork({ SMTP_URL: smtp.url });
    const m = await net.member('carol@vigie.test');
    const titles = Array.from({ length: 18 }, (_, i) => `Story number ${i + 1}`);
    const ids = net.seed('who', titles);
    for (const id of ids) net.approve(id, null);
    net.subscribe({ userId: m.id, kind: 'topic', target: 'sante', lang: 'en' });
    net.subscribe({ userId: m.id, kind: 'signals', lang: 'en' });
    const flagged = ids[0]!;
    net.deps.sqlite.prepare(`INSERT INTO flags (topic_id, strength, rationale, status, status_at, public, created_at, updated_at) VALUES ((SELECT id FROM topics WHERE slug = 'sante'), 3, 'early sign', 'confirmed', ?, 1, ?, ?)`).run(T0, T0, T0);
    net.deps.sqlite.prepare(`INSERT INTO flag_items (flag_id, item_id) VALUES (last_insert_rowid(), ?)`).run(flagged);
    net.clock.set(T0 + HOUR);
    expect(await net.run({ now: true })).toMatchObject({ built: 1, empty: 1, sent: 1 });
    const [mail] = await smtp.accepted();
    expect(String(mail!.html)).toContain('3 more on the web');
    expect(mail!.text).toContain('3 more on the web: https://vigie.test/digests/');
    // --now again: what was already sent is not sent again.
    net.clock.set(T0 + 2 * HOUR);
    expect(await net.run({ now: true })).toMatchObject({ built: 0, sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('sends a saved search digest with what matched it during the period', async () => {
    smtp = await startSmtp();
    net = await makeDigestNetwork({ SMTP_URL: smtp.url });
    const m = await net.member('lea@vigie.test', { sante: 'member' });
    const saved = await call(net.app, 'POST', '/api/v1/saved-searches', { as: m, body: { name: 'Vaccins', query: { q: 'vaccine', topic: 'sante' } } });
    expect(saved.status).toBe(201);
    const sub = await call(net.app, 'POST', '/api/v1/digests', { as: m, body: { kind: 'saved_search', savedSearch: saved.body.savedSearch.id, lang: 'en' } });
    expect(sub.status).toBe(201);
    expect(sub.body.subscription.label).toBe('Vaccins');
    net.seed('who', ['New vaccine approved', 'Budget talks stall']);
    net.clock.set(T0 + HOUR);
    expect(await net.run({ now: true })).toMatchObject({ built: 1, sent: 1 });
    const [mail] = await smtp.accepted();
    expect(mail!.subject).toBe('Vaccins — digest of 2026-11-20');
    expect(String(mail!.html)).toContain('New vaccine approved');
    expect(String(mail!.html)).toContain('New matches');
    expect(String(mail!.html)).not.toContain('Budget talks stall');
  });
});
