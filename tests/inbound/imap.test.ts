/**
 * IMAP polling against a real Dovecot on 127.0.0.1 (skipped where Dovecot is not installed). What a curator
 * notices: newsletters delivered to an existing mailbox become items of the right source (by plus-address or by
 * sender), unrouted mail is kept, nothing is stored twice, and the poller leaves messages marked as read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { pollImap } from '../../src/inbound/imap.js';
import { inboundDepsOf } from '../../src/inbound/index.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';
import { dovecotAvailable, startDovecot } from './dovecot.js';

const MAPBOX = readFileSync(join(import.meta.dirname, '../fixtures/emails/hoover-testdata/newsletter-mapbox-2016-04-20.eml'));
const CODINGAME = readFileSync(join(import.meta.dirname, '../fixtures/emails/hoover-testdata/newsletter-codingame-2016-04-21.eml'));
const FEEDS = `topics:
  - { slug: t, name: T }
sources:
  - { slug: mapbox, kind: newsletter, topic: t }
  - { slug: codingame, kind: newsletter, topic: t, senders: ["coders@codingame.com"] }
`;

describe.skipIf(!dovecotAvailable())('IMAP poller (Dovecot)', () => {
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let install: TestInstall;
  let deps: Deps;
  let url: string;

  beforeAll(async () => {
    dovecot = await startDovecot('veille', 's3cret');
    url = `imap://veille:s3cret@127.0.0.1:${dovecot.port}/INBOX`;
    install = makeTestInstall(FEEDS, { INBOUND_DOMAIN: 'veille.example' });
    deps = makeTestDeps(install);
    const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'veille', pass: 's3cret' }, logger: false });
    await client.connect();
    // Mapbox addressed by plus-address, CodinGame routed by its sender, one message nobody claims.
    await client.append('INBOX', Buffer.concat([Buffer.from('Delivered-To: veille+mapbox@mail.example\r\n'), MAPBOX]));
    await client.append('INBOX', CODINGAME);
    await client.append('INBOX', 'From: someone@else.example\r\nTo: veille@mail.example\r\nSubject: Hello\r\nMessage-ID: <u1@x>\r\n\r\nJust a note.\r\n');
    await client.logout();
  }, 30_000);

  afterAll(async () => {
    await deps?.close();
    install?.cleanup();
    await dovecot?.stop();
  });

  it('routes unseen messages to their sources, keeps the unrouted one, and marks them read', async () => {
    const report = await pollImap(inboundDepsOf(deps), url);
    expect(report.error).toBeNull();
    expect(report.seen).toBe(3);
    expect([...report.outcomes].sort()).toEqual(['item', 'item', 'unrouted']);
    const items = deps.sqlite.prepare(`SELECT s.slug, i.title FROM items i JOIN sources s ON s.id = i.source_id ORDER BY s.slug`).all();
    expect(items).toEqual([
      { slug: 'codingame', title: 'New on CodinGame: Check it out!' },
      { slug: 'mapbox', title: 'Introducing Mapbox Android Services' },
    ]);
    expect(deps.sqlite.prepare(`SELECT count(*) FROM inbound_emails WHERE status = 'unrouted' AND source_id IS NULL`).pluck().get()).toBe(1);

    const again = await pollImap(inboundDepsOf(deps), url);
    expect(again).toMatchObject({ seen: 0, error: null });
    expect(deps.sqlite.prepare(`SELECT count(*) FROM items`).pluck().get()).toBe(2);
  });

  it('reports a wrong password as an error value', async () => {
    const report = await pollImap(inboundDepsOf(deps), `imap://veille:wrong@127.0.0.1:${dovecot.port}/INBOX`);
    expect(report.error).toMatch(/^IMAP 127\.0\.0\.1:\d+\/INBOX: /);
  });
});
