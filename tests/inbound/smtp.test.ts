/**
 * The SMTP receiver over real SMTP on 127.0.0.1, mail sent with nodemailer. What a member notices: a newsletter
 * sent to <slug>@<INBOUND_DOMAIN> is an item as soon as the SMTP transaction ends; unknown addresses, oversized
 * mail and floods are refused with the proper SMTP codes; confirmations wait for a curator; raw mail is kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { createApp } from '../../src/http/app.js';
import { listInbox, pendingConfirmations } from '../../src/db/inbound/inbox.js';
import { inboundDepsOf } from '../../src/inbound/index.js';
import { reprocessEmail } from '../../src/inbound/receive.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/inbound/smtp.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const EMAILS = join(import.meta.dirname, '../fixtures/emails');
const MAPBOX = readFileSync(join(EMAILS, 'hoover-testdata/newsletter-mapbox-2016-04-20.eml'));
const FEEDS = `topics:
  - { slug: t, name: T }
sources:
  - { slug: lettre, kind: newsletter, topic: t, max_per_hour: 3, lang: en }
  - { slug: ong, kind: newsletter, topic: t, senders: ["@ong.example"] }
  - { slug: blog, kind: feed, url: "http://127.0.0.1:9/feed.xml", topic: t }
`;

let install: TestInstall;
let deps: Deps;
let smtp: SmtpReceiver;
let transport: Transporter;

beforeEach(async () => {
  install = makeTestInstall(FEEDS, { INBOUND_DOMAIN: 'veille.example' });
  deps = makeTestDeps(install);
  smtp = await startSmtpReceiver(inboundDepsOf(deps), { host: '127.0.0.1', port: 0, maxBytes: 400_000 });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
});
afterEach(async () => {
  transport.close();
  await smtp.close();
  await deps.close();
  install.cleanup();
});

const send = (to: string[], raw: Buffer | string | Readable, from = 'newsletter@mapbox.com', via = transport) => via.sendMail({ envelope: { from, to }, raw });
/** A client connecting from another loopback address (the whole of 127/8 is this machine). */
const clientFrom = (localAddress: string) => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, localAddress } as never);
/** A message of `total` bytes produced as it is sent, so the client never holds it in memory. */
function streamedMessage(total: number): Readable {
  const line = Buffer.from('x'.repeat(998) + '\r\n');
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) {
        const head = Buffer.from('From: news@ong.example\r\nTo: lettre@veille.example\r\nSubject: Huge\r\nContent-Type: text/plain\r\n\r\n');
        sent += head.length;
        return void this.push(head);
      }
      if (sent >= total) return void this.push(null);
      const chunk = Buffer.concat(Array.from({ length: 64 }, () => line));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}
const message = (id: string, subject: string, body = '<p>Hello</p>', from = 'news@ong.example') =>
  [`From: News <${from}>`, 'To: lettre@veille.example', `Subject: ${subject}`, `Message-ID: <${id}@test>`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', body].join('\r\n');
const rows = (sql: string, ...args: unknown[]) => deps.sqlite.prepare(sql).all(...args) as Record<string, unknown>[];
const failure = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected the SMTP server to refuse'); }, (err: { responseCode?: number; response?: string }) => err);

describe('SMTP receiver', () => {
  it('stores a newsletter as an item by the time the SMTP transaction ends, raw message kept', async () => {
    const info = await send(['lettre@veille.example'], MAPBOX);
    expect(info.accepted).toEqual(['lettre@veille.example']);
    const [item] = rows(`SELECT i.* FROM items i JOIN sources s ON s.id = i.source_id WHERE s.slug = 'lettre'`);
    expect(item).toMatchObject({ title: 'Introducing Mapbox Android Services', author: 'Mapbox Team', lang: 'en' });
    expect(item!.content_html).not.toMatch(/unsubscribe/i);
    expect(rows(`SELECT * FROM outbox WHERE entity = 'item' AND entity_id = ?`, item!.id)).toHaveLength(1);
    const [email] = rows(`SELECT * FROM inbound_emails`);
    expect(email).toMatchObject({ status: 'item', item_id: item!.id, via: 'smtp', sender: 'newsletter@mapbox.com' });
    expect(Buffer.compare(email!.raw as Buffer, MAPBOX.subarray(0, (email!.raw as Buffer).length))).toBe(0);
    expect((email!.raw as Buffer).toString()).toContain('List-Unsubscribe');
    expect(JSON.parse(email!.removed_links as string).some((r: { why: string }) => r.why === 'unsubscribe')).toBe(true);
  });

  it('makes the stored newsletter searchable and readable through the API', async () => {
    await send(['lettre@veille.example'], MAPBOX);
    const app = createApp(deps);
    const search = await app.request('/api/v1/search?q=RxJava');
    expect(search.status).toBe(200);
    const body = (await search.json()) as { hits: { title: string; source: string }[] };
    expect(body.hits).toMatchObject([{ title: 'Introducing Mapbox Android Services', source: 'lettre' }]);
    const list = (await (await app.request('/api/v1/items?source=lettre')).json()) as { items: { title: string }[] };
    expect(list.items.map((i) => i.title)).toEqual(['Introducing Mapbox Android Services']);
  });

  it('refuses unknown recipients (and sources of other kinds) at RCPT with 550', async () => {
    const err = await failure(send(['nobody@veille.example'], MAPBOX));
    expect(err.responseCode).toBe(550);
    const other = await failure(send(['blog@veille.example'], MAPBOX));
    expect(other.responseCode).toBe(550);
    const wrongDomain = await failure(send(['lettre@elsewhere.example'], MAPBOX));
    expect(wrongDomain.responseCode).toBe(550);
    expect(rows(`SELECT * FROM inbound_emails`)).toHaveLength(0);
  });

  it('refuses oversized mail with 552', async () => {
    const huge = message('big', 'Big', `<p>${'x'.repeat(500_000)}</p>`);
    const err = await failure(send(['lettre@veille.example'], huge));
    expect(err.responseCode).toBe(552);
    expect(rows(`SELECT * FROM items`)).toHaveLength(0);
  });

  it('finding 3: a 50 MB DATA is refused with 552 without the receiver holding it in memory', async () => {
    const err = await failure(send(['lettre@veille.example'], streamedMessage(50 * 1024 * 1024), 'news@ong.example'));
    expect(err.responseCode).toBe(552);
    // What the receiver held in memory never exceeded its 400 kB cap, while 50 MB went through.
    expect(smtp.peakBufferedBytes()).toBeGreaterThan(0);
    expect(smtp.peakBufferedBytes()).toBeLessThanOrEqual(400_000);
    expect(rows(`SELECT * FROM inbound_emails`)).toHaveLength(0);
    // The receiver still works for the next message.
    expect((await send(['lettre@veille.example'], message('after', 'After the big one'), 'news@ong.example')).accepted).toEqual(['lettre@veille.example']);
  });

  it('finding 3: the flood limit also counts per client address and per source, whatever MAIL FROM claims', async () => {
    // One client rotating its claimed sender: deferred once the source's hourly limit (3) is reached from it.
    for (let i = 0; i < 3; i++) await send(['lettre@veille.example'], message(`r${i}`, `Rotated ${i}`), `sender${i}@spam.example`);
    const fromSameClient = await failure(send(['lettre@veille.example'], message('r3', 'Rotated 3'), 'sender3@spam.example'));
    expect(fromSameClient.responseCode).toBe(451);
    expect(fromSameClient.response).toMatch(/127\.0\.0\.1/);
    // Other clients still get through, until the source as a whole has had 3 × 3 in the hour.
    for (let n = 2; n <= 3; n++) {
      const other = clientFrom(`127.0.0.${n}`);
      for (let i = 0; i < 3; i++) await send(['lettre@veille.example'], message(`c${n}-${i}`, `Client ${n} issue ${i}`), `news${i}@c${n}.example`, other);
      other.close();
    }
    const fourth = clientFrom('127.0.0.4');
    const wholeSource = await failure(send(['lettre@veille.example'], message('c4', 'Client 4'), 'news@c4.example', fourth));
    fourth.close();
    expect(wholeSource.responseCode).toBe(451);
    expect(wholeSource.response).toMatch(/for lettre/);
    expect(rows(`SELECT count(*) AS n FROM items`)[0]!.n).toBe(9);
  });

  it('defers a flooding sender with 451 once over its hourly limit', async () => {
    for (let i = 0; i < 3; i++) await send(['lettre@veille.example'], message(`m${i}`, `Issue ${i}`), 'flood@spam.example');
    const err = await failure(send(['lettre@veille.example'], message('m3', 'Issue 3'), 'flood@spam.example'));
    expect(err.responseCode).toBe(451);
    const elsewhere = clientFrom('127.0.0.2');
    await send(['lettre@veille.example'], message('m4', 'Other sender'), 'news@ong.example', elsewhere);
    elsewhere.close();
    expect(rows(`SELECT title FROM items ORDER BY id`).map((r) => r.title)).toEqual(['Issue 0', 'Issue 1', 'Issue 2', 'Other sender']);
  });

  it('keeps a sign-up confirmation for a curator instead of publishing it', async () => {
    const body = '<p>Please confirm your subscription to our newsletter:</p><p><a href="https://ong.example/confirm?t=1">Yes, subscribe me</a></p>';
    await send(['ong@veille.example'], message('c1', 'Please confirm your subscription', body));
    expect(rows(`SELECT * FROM items`)).toHaveLength(0);
    const pending = pendingConfirmations(deps.sqlite);
    expect(pending).toMatchObject([{ slug: 'ong', confirmUrl: 'https://ong.example/confirm?t=1', subject: 'Please confirm your subscription' }]);
  });

  it("refuses senders outside a source's senders list with 550", async () => {
    const err = await failure(send(['ong@veille.example'], message('x1', 'Spam', '<p>buy</p>', 'promo@other.example'), 'promo@other.example'));
    expect(err.responseCode).toBe(550);
    expect(rows(`SELECT * FROM items`)).toHaveLength(0);
  });

  it('stores malformed MIME best-effort, never twice for the same Message-ID, and can process raw mail again', async () => {
    const broken = 'From: x@ong.example\r\nSubject: Broken\r\nMessage-ID: <b1@test>\r\nContent-Type: multipart/mixed; boundary="nope"\r\n\r\n--other\r\nContent-Type: text/plain\r\n\r\nBody without its boundary\r\n';
    await send(['lettre@veille.example'], broken);
    await send(['lettre@veille.example'], broken);
    const items = rows(`SELECT * FROM items`);
    expect(items).toHaveLength(1);
    expect(items[0]!.title).toBe('Broken');
    const [email] = listInbox(deps.sqlite, items[0]!.source_id as number);
    const again = await reprocessEmail(inboundDepsOf(deps), email!.id);
    expect(again).toMatchObject({ status: 'item', itemId: items[0]!.id });
    expect(rows(`SELECT * FROM items`)).toHaveLength(1);
    expect(rows(`SELECT * FROM inbound_emails`)).toHaveLength(1);
  });

  it('stores one item per newsletter recipient of a message', async () => {
    await send(['lettre@veille.example', 'ong@veille.example'], message('two', 'For both', '<p>Hi</p>', 'news@ong.example'), 'news@ong.example');
    expect(rows(`SELECT s.slug FROM items i JOIN sources s ON s.id = i.source_id ORDER BY s.slug`).map((r) => r.slug)).toEqual(['lettre', 'ong']);
  });
});
