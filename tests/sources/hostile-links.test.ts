/**
 * Issue 17, finding 1 (stored XSS from social sources): a Mastodon instance and a YouTube feed, served on 127.0.0.1
 * from their documented shapes (tests/fixtures/social), hand out `javascript:` links — the status and account
 * `url`, media, cards, the video link and thumbnail — plain and obfuscated (case, tabs, newlines, entities,
 * leading control characters). Fetched through the real adapters and pipeline, approved, then rendered everywhere
 * a reader can click: the public topic page, the item permalinks, the widget, the topic feeds, the OPML, the
 * sitemap, the member's item page, the digest archive and the digest e-mail (real SMTP). No link that runs script
 * may come out anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveItem } from '../../src/curation/approvals.js';
import { runDigests } from '../../src/digest/run.js';
import { createSubscription } from '../../src/digest/subscriptions.js';
import type { Deps } from '../../src/deps.js';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import { keyItems } from '../../src/ingest/dedupe.js';
import { manualClock } from '../../src/lib/clock.js';
import { addTestUser, type TestUser } from '../helpers/accounts.js';
import { respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { startAppServer } from '../helpers/server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';
import { startSmtp, type TestSmtp } from '../digest/smtp.js';

const FIX = join(import.meta.dirname, '../fixtures/social');
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
const LEGACY_GUID = 'stored-before-the-url-policy';

/** The finding's payload, then the ways browsers are known to read a scheme through noise. */
const HOSTILE = [
  'javascript:alert(document.domain)//',
  'JaVaScRiPt:alert(document.domain)//',
  '\tjavascript:alert(1)',
  'java\nscript:alert(1)',
  'java\tscr\ript:alert(1)',
  ' \u0001\u001fjavascript:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&#58;alert(1)',
  '&#x6A;&#x61;vascript&colon;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
];

function mastodonStatuses(): string {
  const [doc] = JSON.parse(readFileSync(join(FIX, 'mastodon-statuses.json'), 'utf8')) as Record<string, any>[];
  return JSON.stringify(
    HOSTILE.map((url, i) => ({
      ...doc,
      id: `1000${i}`,
      uri: `https://mastodon.social/users/Gargron/statuses/1000${i}`,
      url,
      content: `<p>Status number ${i} about refugees</p>`,
      account: { ...doc!.account, url: HOSTILE[(i + 1) % HOSTILE.length] },
      card: { ...doc!.card, url: HOSTILE[(i + 2) % HOSTILE.length] },
      media_attachments: [{ id: `2000${i}`, type: i % 2 ? 'image' : 'video', url: HOSTILE[(i + 3) % HOSTILE.length], preview_url: HOSTILE[(i + 4) % HOSTILE.length], remote_url: null, description: 'media' }],
    })),
  );
}

function mastodonAccount(): string {
  const account = JSON.parse(readFileSync(join(FIX, 'mastodon-account.json'), 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...account, url: HOSTILE[0] });
}

const xmlAttr = (s: string) => s.replace(/&(?![#a-zA-Z])/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function youtubeFeed(): string {
  const feed = readFileSync(join(FIX, 'youtube-channel.xml'), 'utf8');
  let n = 0;
  return feed
    .replace(/<link rel="alternate" href="[^"]*"\/>/g, () => `<link rel="alternate" href="${xmlAttr(HOSTILE[n++ % HOSTILE.length]!)}"/>`)
    .replace(/<media:thumbnail url="[^"]*"/g, () => `<media:thumbnail url="${xmlAttr(HOSTILE[n++ % HOSTILE.length]!)}"`);
}

const URL_ATTRS = ['href', 'src', 'srcset', 'poster', 'action', 'formaction', 'cite', 'data', 'xmlUrl', 'htmlUrl', 'url'];

/** Every link-carrying attribute of an HTML or XML document must be http(s) or a path on this site. */
function linksOf(body: string, type: 'html' | 'xml'): string[] {
  const doc = (type === 'html' ? parseHTML(body) : parseHTML(`<html><body>${body.replace(/<\?xml[^>]*>/, '')}</body></html>`)).document;
  const out: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    for (const a of URL_ATTRS) {
      const v = el.getAttribute(a) ?? el.getAttribute(a.toLowerCase());
      if (v !== null) out.push(...(a === 'srcset' ? v.split(',').map((p) => p.trim().split(/\s+/)[0]!) : [v]));
    }
    if (type === 'xml' && /^(link|loc|url|uri|id|guid|comments)$/i.test(el.tagName) && !el.children.length && el.textContent?.trim()) out.push(el.textContent.trim());
  }
  return out;
}

const isSafe = (href: string) => /^https?:\/\//i.test(href.trim()) || /^(\/(?![/\\])|#|\?|urn:uuid:|mailto:|yt:video:)/i.test(href.trim());

/** What a browser would see once entities are decoded and the noise it ignores in a scheme is gone. */
const scriptable = (body: string) => /(?:java|vb)script:|data:text\/html/i.test(decodeHTML(decodeHTML(body)).replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));

describe('hostile links from social sources (issue 17, finding 1)', () => {
  let install: TestInstall;
  let deps: Deps;
  let remote: FeedServer;
  let smtp: TestSmtp;
  let app: { url: string; close(): Promise<void> };
  let curator: TestUser;
  let itemIds: number[];
  let subscriptionId: number;
  const clock = manualClock(T0);

  beforeAll(async () => {
    remote = await startFeedServer({
      routes: {
        '/api/v1/accounts/lookup': respond.body(Buffer.from(mastodonAccount()), 'application/json; charset=utf-8'),
        '/api/v1/accounts/1/statuses': respond.body(Buffer.from(mastodonStatuses()), 'application/json; charset=utf-8'),
        '/feeds/videos.xml': respond.body(Buffer.from(youtubeFeed()), 'application/atom+xml; charset=utf-8'),
      },
    });
    smtp = await startSmtp();
    install = makeTestInstall(
      `topics:\n  - { slug: veille, name: Veille }\nsources:\n` +
        `  - { slug: masto, kind: mastodon, instance: "${remote.url}", handle: "@Gargron", topic: veille }\n` +
        `  - { slug: tube, kind: youtube, base_url: "${remote.url}", channel: "UCN0oMXCyK3ek_Bbwn6zxYSg", topic: veille }\n`,
      { PUBLIC_URL: 'https://vigie.test', SMTP_URL: smtp.url, SMTP_FROM: 'Vigie <veille@vigie.test>' },
    );
    deps = makeTestDeps(install, { clock, random: () => 0.5 });
    const report = await runFetchCycle(deps, { force: true });
    expect(report.sources.map((s) => [s.source, s.status])).toEqual(expect.arrayContaining([['masto', 'ok'], ['tube', 'ok']]));
    // The account's `url` was refused: the source links to the account's page on its instance instead.
    expect(deps.sqlite.prepare(`SELECT feed_link FROM sources WHERE slug = 'masto'`).pluck().get()).toBe(`${remote.url}/@Gargron`);
    expect(deps.sqlite.prepare(`SELECT count(*) FROM items`).pluck().get()).toBe(HOSTILE.length + 2);
    // A row stored before the policy existed: the second line of defence (every view, feed and e-mail) covers it.
    const masto = deps.sqlite.prepare(`SELECT id FROM sources WHERE slug = 'masto'`).pluck().get() as number;
    const legacy = { guid: LEGACY_GUID, url: HOSTILE[0]!, canonicalUrl: HOSTILE[0]!, title: 'An old post', author: 'Old', published: null, summary: 'Stored long ago', contentHtml: '<p>Stored long ago</p>', contentText: 'Stored long ago', categories: [], enclosures: [{ url: HOSTILE[1]!, type: 'image/png', length: null }], lang: 'en' };
    deps.store.store(masto, keyItems([legacy], true), T0, true);
    deps.sqlite.prepare(`UPDATE sources SET feed_link = ? WHERE id = ?`).run(HOSTILE[2], masto);
    itemIds = deps.sqlite.prepare(`SELECT id FROM items ORDER BY id`).pluck().all() as number[];
    curator = await addTestUser(deps.sqlite, { email: 'curator@vigie.test', role: 'curator', topics: { veille: 'curator' } }, T0);
    const topicId = deps.sqlite.prepare(`SELECT id FROM topics WHERE slug = 'veille'`).pluck().get() as number;
    for (const id of itemIds) approveItem(deps.sqlite, { id: curator.id, email: curator.email, displayName: curator.displayName }, id, topicId, 'Worth a look', T0);
    const sub = createSubscription(deps.sqlite, { userId: curator.id, kind: 'topic', target: 'veille', timeZone: 'Europe/Paris', lang: 'en' }, T0);
    if (!sub.ok) throw new Error(sub.message);
    subscriptionId = sub.id;
    clock.set(Date.UTC(2026, 10, 21, 7, 0));
    expect(await runDigests(deps, { backoffMs: 20, smtpTimeoutMs: 2_000 })).toMatchObject({ sent: 1 });
    app = await startAppServer(deps);
  });

  afterAll(async () => {
    await app?.close();
    await deps?.close();
    await remote?.close();
    await smtp?.close();
    install?.cleanup();
  });

  const get = async (path: string, who: TestUser | null = null) => {
    const res = await fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {} });
    expect(res.status, path).toBe(200);
    return res.text();
  };

  it('stores only http(s) links: the status falls back to its https uri, the account to its profile on the instance', () => {
    const rows = deps.sqlite.prepare(`SELECT url, canonical_url AS canonicalUrl, enclosures, content_html AS html FROM items WHERE guid != ?`).all(LEGACY_GUID) as Record<string, string | null>[];
    expect(rows).toHaveLength(HOSTILE.length + 2);
    for (const r of rows) {
      expect(r.url).toMatch(/^https?:\/\//);
      for (const e of JSON.parse(r.enclosures!) as { url: string }[]) expect(e.url).toMatch(/^https?:\/\//);
      expect(scriptable(JSON.stringify(r))).toBe(false);
    }
    const tube = deps.sqlite.prepare(`SELECT feed_link FROM sources WHERE slug = 'tube'`).pluck().get() as string | null;
    expect(tube === null || /^https?:\/\//.test(tube)).toBe(true);
  });

  it('renders no scriptable link on /t/<topic>, its item pages, widget, feeds, OPML and sitemap', async () => {
    const pages: [string, 'html' | 'xml' | 'json'][] = [
      ['/t/veille', 'html'],
      ['/t/veille/widget', 'html'],
      ...itemIds.map((id): [string, 'html'] => [`/t/veille/i/${id}`, 'html']),
      ['/t/veille/feed.atom', 'xml'],
      ['/t/veille/feed.rss', 'xml'],
      ['/t/veille/feed.json', 'json'],
      ['/public/feed.atom', 'xml'],
      ['/t/veille/sources.opml', 'xml'],
      ['/sitemap.xml', 'xml'],
    ];
    for (const [path, type] of pages) {
      const body = await get(path);
      expect(scriptable(body), path).toBe(false);
      if (type === 'json') {
        const urls = JSON.stringify(JSON.parse(body)).match(/"(?:url|external_url|home_page_url|feed_url|avatar)":"[^"]*"/g) ?? [];
        for (const u of urls) expect(isSafe(JSON.parse(`{${u}}`)[u.slice(1, u.indexOf('"', 1))]), `${path}: ${u}`).toBe(true);
      } else {
        for (const href of linksOf(body, type)) expect(isSafe(href), `${path}: ${href}`).toBe(true);
      }
    }
  });

  it("renders no scriptable link on the member's item pages, the stream and the digest archive", async () => {
    const paths = ['/', ...itemIds.map((id) => `/items/${id}`), `/digests/${subscriptionId}`];
    const issue = deps.sqlite.prepare(`SELECT id FROM digest_issues WHERE subscription_id = ?`).pluck().get(subscriptionId) as number;
    paths.push(`/digests/${subscriptionId}/issues/${issue}`, `/digests/${subscriptionId}/feed.atom`);
    for (const path of paths) {
      const body = await get(path, curator);
      expect(scriptable(body), path).toBe(false);
      for (const href of linksOf(body, path.endsWith('.atom') ? 'xml' : 'html')) expect(isSafe(href), `${path}: ${href}`).toBe(true);
    }
  });

  it('sends a digest e-mail whose HTML and text parts hold no scriptable link', async () => {
    const [mail] = await smtp.accepted();
    expect(mail).toBeDefined();
    const html = String(mail!.html);
    expect(html).toContain('Status number');
    expect(scriptable(html)).toBe(false);
    expect(scriptable(String(mail!.text))).toBe(false);
    for (const href of linksOf(html, 'html')) expect(isSafe(href), href).toBe(true);
  });
});
