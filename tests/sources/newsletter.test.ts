/**
 * Newsletters as items, over real e-mails (tests/fixtures/emails: promotional newsletters with List-Unsubscribe,
 * tracking pixels and redirect links; MIME and charset edge cases). What a reader of the republished item notices:
 * the content, without any way to unsubscribe the network; what a curator notices: confirmations recognised.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/sources/newsletter/parse-email.js';

const DIR = join(import.meta.dirname, '../fixtures/emails');
const SHARED = join(import.meta.dirname, '../../../shared/corpus/emails');
const NOW = Date.parse('2026-11-20T12:00:00Z');
const read = (p: string) => readFileSync(join(DIR, p));

function emlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml') && statSync(join(root, f)).isFile());
}

describe('parseEmail', () => {
  it('turns the Mapbox newsletter into an item without its unsubscribe link, tracking pixel or click trackers', async () => {
    const p = await parseEmail(read('hoover-testdata/newsletter-mapbox-2016-04-20.eml'), { now: NOW });
    expect(p.item).toMatchObject({ title: 'Introducing Mapbox Android Services', author: 'Mapbox Team', published: '2016-04-20T13:03:20.000Z' });
    expect(p.item.guid).toMatch(/^mid:/);
    expect(p.item.contentText).toContain('Mapbox Android Services includes RxJava support');
    const html = p.item.contentHtml ?? '';
    expect(html).not.toMatch(/unsubscribe|\/e\/o\/|\/e\/c\/|utm_/i);
    expect(html).toContain('href="https://www.mapbox.com/blog/mapbox-android-services/"');
    expect(p.links.map((l) => l.url)).toContain('https://www.mapbox.com/blog/mapbox-android-services/');
    expect(p.removed.map((r) => r.why).sort()).toEqual(expect.arrayContaining(['pixel', 'tracking', 'unsubscribe']));
    expect(p.confirmUrl).toBeNull();
  });

  it('removes the "unsubscribe" and "manage notifications" links of the CodinGame digest', async () => {
    const p = await parseEmail(read('hoover-testdata/newsletter-codingame-2016-04-21.eml'), { now: NOW });
    expect(p.item.title).toBe('New on CodinGame: Check it out!');
    expect(p.item.contentHtml).not.toMatch(/unsubscribe/i);
    expect(p.removed.filter((r) => r.why === 'unsubscribe').map((r) => r.text)).toEqual(['Unsubscribe here', 'manage notifications']);
    expect(p.links.map((l) => l.url)).toContain('https://www.codingame.com/games/community');
  });

  it('removes scripts, event handlers and hidden pixels from hostile HTML, and recognises a sign-up confirmation', async () => {
    const raw = Buffer.from(
      [
        'From: "Lettre Humanitaire" <lettre@ong.example>',
        'To: lettre-ong@localhost',
        'Subject: =?UTF-8?Q?Confirmez_votre_abonnement_=C3=A0_la_lettre?=',
        'Message-ID: <confirm-1@ong.example>',
        'Date: Wed, 18 Nov 2026 10:00:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p onclick="steal()">Merci ! Cliquez pour confirmer votre inscription :</p><script>alert(1)</script>',
        '<p><a href="https://ong.example/newsletter/confirm?token=abc123">Je confirme mon abonnement</a></p>',
        '<img src="https://t.ong.example/open/xyz.gif" width="1" height="1"><img src="https://ong.example/logo.png" style="display:none">',
      ].join('\r\n'),
    );
    const p = await parseEmail(raw, { now: NOW });
    expect(p.confirmUrl).toBe('https://ong.example/newsletter/confirm?token=abc123');
    expect(p.item.title).toBe('Confirmez votre abonnement à la lettre');
    expect(p.item.contentHtml).not.toMatch(/<script|onclick|steal|<img/);
    expect(p.removed.filter((r) => r.why === 'pixel')).toHaveLength(2);
  });

  it.each([
    ['mikel-mail/japanese_shift_jis.eml', /[\u3040-\u30ff\u4e00-\u9faf]/],
    ['mikel-mail/ks_c_5601-1987.eml', /[\uac00-\ud7af]/],
    ['hoover-testdata/broken-subject.eml', /Așa crapă headerul/],
  ])('decodes the charset of %s', async (file, script) => {
    const p = await parseEmail(read(file), { now: NOW });
    expect(`${p.item.title} ${p.item.contentText}`).toMatch(script);
  });

  it.each(emlFiles(DIR))('makes an item of %s whatever its MIME state', async (file) => {
    const p = await parseEmail(read(file), { now: NOW });
    expect(p.item.title).toBeTruthy();
    expect(p.item.guid).toBeTruthy();
    expect(p.item.contentHtml ?? '').not.toMatch(/<script|javascript:|\son[a-z]+=/i);
  });

  it.skipIf(!existsSync(SHARED))('never crashes on any e-mail of the shared corpus', async () => {
    const files = emlFiles(SHARED);
    let items = 0;
    for (const f of files) {
      const p = await parseEmail(readFileSync(join(SHARED, f)), { now: NOW });
      if (p.item.title) items++;
    }
    console.log(`e-mails parsed into items: ${items}/${files.length}`);
    expect(items).toBe(files.length);
  });
});
