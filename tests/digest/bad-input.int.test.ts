/** Bad input and hostile SMTP servers: each case as a member or an operator would meet it. */
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { vigie } from '../helpers/cli.js';
import { HOUR, makeDigestNetwork, T0, type DigestNetwork } from './fixture.js';
import { startSmtp, type SmtpScript, type TestSmtp } from './smtp.js';

let net: DigestNetwork | null = null;
let smtp: TestSmtp | null = null;
afterEach(async () => {
  await net?.close();
  await smtp?.close();
  net = null;
  smtp = null;
});

/** A network whose SMTP server follows `script`, one member subscribed to sante, one approved item. */
async function setup(script: SmtpScript = {}) {
  smtp = await startSmtp(script);
  net = await makeDigestNetwork({ SMTP_URL: smtp.url });
  const m = await net.member('dana@vigie.test');
  const sub = net.subscribe({ userId: m.id, kind: 'topic', target: 'sante', lang: 'en' });
  const [id] = net.seed('who', ['Something worth a digest']);
  net.approve(id!, null);
  net.clock.set(T0 + HOUR);
  return { net, smtp, m, sub };
}

const delivery = (n: DigestNetwork) => n.deps.sqlite.prepare(`SELECT status, attempts, smtp_response AS response FROM digest_deliveries`).get() as { status: string; attempts: number; response: string };
const subscription = (n: DigestNetwork, id: number) => n.deps.sqlite.prepare(`SELECT status, paused_reason AS reason FROM digest_subscriptions WHERE id = ?`).get(id) as { status: string; reason: string | null };

describe('digest bad input', () => {
  it('refuses an invalid e-mail address and a time zone that does not exist (CLI and API)', async () => {
    const { net } = await setup();
    const badEmail = await vigie(['digest', 'subscribe', '--email', 'not-an-address', '--topic', 'sante'], net.install.env);
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain("--email needs a valid e-mail address, got 'not-an-address'");
    const badTz = await vigie(['digest', 'subscribe', '--email', 'new@vigie.test', '--topic', 'sante', '--tz', 'Mars/Olympus_Mons'], net.install.env);
    expect(badTz.code).toBe(2);
    expect(badTz.stderr).toContain("unknown time zone 'Mars/Olympus_Mons'");
    const m = await net.member('erin@vigie.test');
    const res = await call(net.app, 'POST', '/api/v1/digests', { as: m, body: { kind: 'topic', topic: 'sante', timeZone: 'Europe/Atlantis' } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('timeZone');
    const hour = await call(net.app, 'POST', '/api/v1/digests', { as: m, body: { kind: 'topic', topic: 'sante', hour: 24 } });
    expect(hour.status).toBe(400);
    expect(hour.body.error.field).toBe('hour');
  });

  it('subscribes an unknown e-mail from the CLI by creating the member with an invitation, and prints the id', async () => {
    const { net } = await setup();
    const r = await vigie(['digest', 'subscribe', '--email', 'Newcomer@Vigie.test', '--topic', 'sante', '--frequency', 'weekly', '--day', '1', '--lang', 'en', '--hour', '7', '--tz', 'Asia/Tokyo'], net.install.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\n$/);
    expect(r.stderr).toContain('https://vigie.test/invite/');
    const row = net.deps.sqlite.prepare(`SELECT u.email, s.frequency, s.day, s.hour, s.time_zone AS tz, s.lang FROM digest_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`).get(Number(r.stdout));
    expect(row).toEqual({ email: 'newcomer@vigie.test', frequency: 'weekly', day: 1, hour: 7, tz: 'Asia/Tokyo', lang: 'en' });
    const preview = await vigie(['digest', 'preview', '--subscription', r.stdout.trim()], net.install.env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(preview.stdout).toContain('https://vigie.test/digests/unsubscribe/');
    const text = await vigie(['digest', 'preview', '--subscription', r.stdout.trim(), '--text'], net.install.env);
    expect(text.stdout).toContain('Unsubscribe: https://vigie.test/digests/unsubscribe/');
    expect((await vigie(['digest', 'preview', '--subscription', '999'], net.install.env)).stderr).toContain('no subscription 999');
    const none = await vigie(['digest', 'subscribe', '--email', 'x@vigie.test', '--topic', 'nope'], net.install.env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("unknown topic 'nope'");
  });

  it('pauses a subscription to a deleted topic or tag with the reason, and tells the member', async () => {
    const { net, smtp, sub } = await setup();
    const m2 = await net.member('fred@vigie.test');
    const santeId = net.deps.sqlite.prepare(`SELECT id FROM topics WHERE slug = 'climat'`).pluck().get() as number;
    net.deps.sqlite.prepare(`INSERT INTO tags (topic_id, name, controlled, created_at) VALUES (?, 'heatwave', 1, ?)`).run(santeId, T0);
    const tagSub = net.subscribe({ userId: m2.id, kind: 'tag', target: 'Heatwave', lang: 'fr' });
    net.deps.sqlite.prepare(`DELETE FROM tags WHERE name = 'heatwave'`).run();
    net.deps.sqlite.prepare(`DELETE FROM topics WHERE slug = 'sante'`).run();
    expect(await net.run({ now: true })).toMatchObject({ paused: 2, built: 0, sent: 0 });
    expect(subscription(net, sub)).toEqual({ status: 'paused', reason: "the topic 'sante' was deleted" });
    expect(subscription(net, tagSub)).toEqual({ status: 'paused', reason: "the tag 'heatwave' was deleted" });
    const told = await smtp.accepted();
    expect(told.map((m) => m.subject).sort()).toEqual(['Votre lettre « heatwave » est suspendue', 'Your digest “sante” is paused']);
    // Shown on the member's screen too.
    const page = await net.app.request('/digests', { headers: { cookie: m2.cookie } });
    expect(await page.text()).toContain('Suspendue : the tag &#39;heatwave&#39; was deleted');
  });

  it('retries a 4xx answer and sends on the next attempt', async () => {
    const { net, smtp } = await setup({ data: (n) => (n === 1 ? { code: 451, message: '4.3.0 try again later' } : 'accept') });
    expect(await net.run({ now: true })).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received.map((r) => r.reply)).toEqual([451, 'accept']);
    expect(delivery(net)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up at once on a 5xx answer and records it', async () => {
    const { net, smtp, sub } = await setup({ data: () => ({ code: 554, message: '5.7.1 message refused as spam' }) });
    expect(await net.run({ now: true })).toMatchObject({ sent: 0, failed: 1, bounced: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(delivery(net)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery(net).response).toContain('554');
    expect(subscription(net, sub).status).toBe('active');
  });

  it('pauses the subscription on a hard bounce (550 unknown mailbox) with the reason', async () => {
    const { net, sub } = await setup({ rcpt: () => ({ code: 550, message: '5.1.1 no such user' }) });
    expect(await net.run({ now: true })).toMatchObject({ failed: 1, bounced: 1 });
    const s = subscription(net, sub);
    expect(s.status).toBe('paused');
    expect(s.reason).toMatch(/^hard bounce: 550.*no such user/);
  });

  it('times out on an SMTP server that hangs, retries, then records the failure', async () => {
    const { net, smtp } = await setup({ data: () => 'hang' });
    const report = await net.run({ now: true, smtpTimeoutMs: 500, maxAttempts: 2 });
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(smtp.received).toHaveLength(2);
    expect(delivery(net)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(delivery(net).response.toLowerCase()).toContain('timeout');
  }, 20_000);

  it('accepts a member unsubscribing twice, and answers 404 to an unknown link', async () => {
    const { net, sub } = await setup();
    const token = net.deps.sqlite.prepare(`SELECT token FROM digest_subscriptions WHERE id = ?`).pluck().get(sub) as string;
    for (let i = 0; i < 2; i++) {
      const res = await net.app.request(`/digests/unsubscribe/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('you will no longer receive the digest');
    }
    expect(subscription(net, sub).status).toBe('unsubscribed');
    expect(await net.run({ now: true })).toMatchObject({ built: 0, sent: 0 });
    expect((await net.app.request('/digests/unsubscribe/not-a-token', { method: 'POST' })).status).toBe(404);
  });

  it('without SMTP_URL builds and publishes the digest on the web and says e-mail is off', async () => {
    net = await makeDigestNetwork();
    const m = await net.member('gail@vigie.test');
    const sub = net.subscribe({ userId: m.id, kind: 'topic', target: 'sante', lang: 'en' });
    const [id] = net.seed('who', ['Published without mail']);
    net.approve(id!, null);
    net.clock.set(T0 + HOUR);
    expect(await net.run({ now: true })).toMatchObject({ mail: false, built: 1, sent: 0 });
    expect(net.deps.sqlite.prepare(`SELECT count(*) FROM digest_deliveries`).pluck().get()).toBe(0);
    // A member's digest is theirs: anonymous readers get nothing, the private feed (its key) gets it.
    expect((await net.app.request(`/digests/${sub}/feed.atom`)).status).toBe(404);
    const key = net.deps.sqlite.prepare(`SELECT token FROM digest_subscriptions WHERE id = ?`).pluck().get(sub) as string;
    const feed = await (await net.app.request(`/digests/${sub}/feed.atom?key=${key}`)).text();
    expect(feed).toContain('Published without mail');
    const page = await (await net.app.request('/digests', { headers: { cookie: m.cookie, 'accept-language': 'en' } })).text();
    expect(page).toContain('E-mail is off on this instance');
  });
});
