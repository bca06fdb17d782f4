/// <reference lib="dom" />
/**
 * Curating in a real browser (Debian's Chromium through playwright-core) against the real server on 127.0.0.1,
 * with a database filled by fetching real-world feeds from a local feed server: sign in, search with a typo and a
 * filter, flag a weak signal from the keyboard, approve an item, switch to English, the help overlay, and a
 * screenshot plus an accessibility pass (axe-core) of each main screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import type { Deps } from '../../src/deps.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import { addTestUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { hasChromium, launchBrowser, screenshot, watchPolicy } from '../helpers/browser.js';
import { startFeedServer } from '../helpers/feed-server.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { startAppServer } from '../helpers/server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FEEDS_DIR = join(import.meta.dirname, '../fixtures/e2e');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const meili = testMeili();

let install: TestInstall;
let deps: Deps;
let feeds: Awaited<ReturnType<typeof startFeedServer>>;
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let policy: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  feeds = await startFeedServer({ root: FEEDS_DIR });
  const files = readdirSync(FEEDS_DIR).filter((f) => /\.(rss|atom|xml)$/.test(f));
  const yaml = [
    'topics:',
    '  - { slug: monde, name: Monde }',
    '  - { slug: tech, name: Technologie }',
    'sources:',
    ...files.map((f, i) => `  - { slug: ${f.replace(/\W+/g, '-').toLowerCase()}, kind: feed, url: "${feeds.url}/${f}", topic: ${i % 2 ? 'tech' : 'monde'} }`),
  ].join('\n');
  // Typo tolerance is Meilisearch's: used when the test run has it, else FTS5 answers (and the typo step is skipped).
  install = makeTestInstall(yaml, meili ? meiliEnv(meili, 'e2e') : {});
  deps = makeTestDeps(install);
  await runFetchCycle(deps, { force: true });
  if (meili) await createOutboxDrain(deps).drain({ owner: 'e2e' });
  await addTestUser(deps.sqlite, { email: 'claire@example.org', displayName: 'Claire Curatrice', topics: { monde: 'curator', tech: 'curator' } });
  await addTestUser(deps.sqlite, { email: 'marc@example.org', displayName: 'Marc Membre', topics: { monde: 'member' } });
  app = await startAppServer(deps);
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  policy = watchPolicy(page);
}, 180_000);

// Every screen works under the app's CSP (no inline script): the console never reports a refusal.
afterEach(() => {
  expect(policy).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await deps?.close();
  await feeds?.close();
  install?.cleanup();
});

/** axe-core's serious and critical WCAG 2 A/AA findings on the page as it is now. */
async function axeViolations(p: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as an inline <script> the page's CSP would rightly refuse.
  await p.evaluate(readFileSync(AXE, 'utf8'));
  const found = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(' ')}`);
  });
  return found;
}

/** Waits for the message an in-place action leaves. */
const flashed = (p: Page, text: string) => p.locator('#flash', { hasText: text }).waitFor({ timeout: 10_000 });
const h1 = (p: Page) => p.locator('main h1').first().textContent();

describe.skipIf(!hasChromium)('curating in the browser', () => {
  it('signs in from the sign-in page', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/login/);
    await screenshot(page, 'login-fr');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail').first().fill('claire@example.org');
    await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect(page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('[data-stream] .item.unread').count()).toBeGreaterThan(10);
    await screenshot(page, 'stream-signed-in-fr');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('searches with a typo, then narrows with a filter', async () => {
    await page.goto(`${app.url}/`);
    await page.keyboard.press('/');
    await page.keyboard.type(meili ? 'smugling' : 'smuggling');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    const titles = () => page.locator('[data-stream] .item h2 a').allTextContents();
    expect((await titles()).some((t) => /smuggling/i.test(t))).toBe(true);
    expect(await page.locator('[data-stream] mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.result-count').getAttribute('data-backend')).toBe(meili ? 'meilisearch' : 'fts5');
    await page.locator('.filters select[name=source]').selectOption('guardian-rss');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/source=guardian-rss/);
    const filtered = await titles();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.some((t) => /smuggling/i.test(t))).toBe(true);
    expect(await page.locator('[data-stream] .source').allTextContents()).toEqual(filtered.map(() => 'The Guardian'));
    await screenshot(page, 'search-fr');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('flags a weak signal from the keyboard without leaving the stream', async () => {
    await page.goto(`${app.url}/`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const current = page.locator('[data-stream] .item.current');
    const itemId = await current.getAttribute('data-item');
    await page.keyboard.press('s');
    const dialog = page.locator('dialog#act-flag');
    await expect(dialog.isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('rationale');
    await page.keyboard.type('Premier signal de ce type cette année');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await flashed(page, 'Signal faible enregistré');
    await expect(dialog.isVisible()).resolves.toBe(false);
    // Same page (no reload), same item, focus back on it.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-item'))).toBe(itemId);
    const row = deps.sqlite.prepare(`SELECT f.rationale, f.strength FROM flags f JOIN flag_items fi ON fi.flag_id = f.id WHERE fi.item_id = ?`).get(Number(itemId)) as { rationale: string; strength: number };
    expect(row).toEqual({ rationale: 'Premier signal de ce type cette année', strength: 2 });
    await page.goto(`${app.url}/signals`);
    expect(await page.locator('.signal-col-watching').textContent()).toContain('Premier signal de ce type cette année');
    await screenshot(page, 'signals-fr');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('approves an item with a public note from its page, in place', async () => {
    await page.goto(`${app.url}/`);
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await page.waitForURL(/\/items\/\d+$/);
    const itemId = Number(page.url().split('/').pop());
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    await page.keyboard.press('a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('approve-note');
    await page.keyboard.type('Une synthèse claire, à republier.');
    await page.getByRole('button', { name: 'Approuver', exact: true }).click();
    await flashed(page, 'approuvé pour la republication');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    await expect(page.locator('#curation').textContent()).resolves.toContain('Une synthèse claire, à republier.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unpublish');
    expect(deps.sqlite.prepare(`SELECT note FROM approvals WHERE item_id = ?`).pluck().get(itemId)).toBe('Une synthèse claire, à republier.');
    await page.locator('#tag-input').fill('santé, yémen');
    await page.locator('#tag-input').press('Enter');
    await flashed(page, 'Étiquettes ajoutées');
    expect(await page.locator('.chips').textContent()).toContain('yémen');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tag-input');
    await expect(page.locator('.history').textContent()).resolves.toContain('approuvé pour republication');
    await screenshot(page, 'item-curation-fr');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows every main screen, accessible', async () => {
    for (const [path, name, title] of [
      ['/sources', 'sources-curator-fr', 'Sources'],
      ['/topics', 'topics-fr', 'Thèmes'],
      ['/topics/monde', 'topic-members-fr', 'Monde'],
      ['/network', 'network-map-fr', 'Carte du réseau'],
      ['/report', 'report-fr', 'Bilan d’activité'],
      ['/saved', 'saved-fr', 'Recherches enregistrées'],
      ['/account', 'account-fr', 'Mon compte'],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      expect(await h1(page), path).toBe(title);
      await screenshot(page, name);
      expect(await axeViolations(page), path).toEqual([]);
    }
    // An API token, created in place: its secret is shown once, to copy.
    await page.goto(`${app.url}/account`);
    await page.getByLabel('Nom', { exact: true }).fill('Lecteur RSS');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await flashed(page, 'Copiez-le maintenant');
    expect(await page.locator('#flash .secret').textContent()).toMatch(/^vgt_/);
    expect(await page.locator('main table').textContent()).toContain('Lecteur RSS');
    await page.goto(`${app.url}/network`);
    expect(await page.locator('svg .node-topic').count()).toBe(2);
    expect(await page.locator('table').textContent()).toContain('Claire Curatrice');
  });

  it('switches to English and opens the help overlay', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForLoadState();
    expect(await h1(page)).toBe('Watch stream');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'stream-signed-in-en');
    await page.keyboard.press('?');
    await expect(page.locator('dialog#help').isVisible()).resolves.toBe(true);
    expect(await page.locator('dialog#help').textContent()).toContain('Flag a weak signal');
    await screenshot(page, 'help-en');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog#help').isVisible()).resolves.toBe(false);
    await page.goto(`${app.url}/signals`);
    expect(await h1(page)).toBe('Weak signals');
    await screenshot(page, 'signals-en');
  });

  it('stays usable at 200% zoom on a phone-width screen', async () => {
    // A phone, and a 1280-pixel screen zoomed to 200% (640 CSS pixels wide): nothing may stick out sideways
    // (wide tables scroll inside their own focusable region).
    for (const [width, label] of [[360, 'phone'], [640, 'zoom200']] as const) {
      const narrow = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 740 }, deviceScaleFactor: 2, storageState: await context.storageState() });
      const p = await narrow.newPage();
      const seen = watchPolicy(p);
      for (const path of ['/', '/signals', '/sources', '/topics/monde', '/report', '/network', '/account']) {
        await p.goto(`${app.url}${path}`);
        const overflowing = await p.evaluate(() =>
          [...document.querySelectorAll('main *, header *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap')).map((el) => el.outerHTML.slice(0, 80)),
        );
        expect(overflowing, `${path} at ${width}px`).toEqual([]);
      }
      await p.goto(`${app.url}/items/${deps.sqlite.prepare(`SELECT item_id FROM approvals`).pluck().get()}`);
      await screenshot(p, `item-${label}`);
      expect(seen).toEqual([]);
      await narrow.close();
    }
  });

  it('signs out', async () => {
    // Last: signing out ends the session every context of this file shares.
    const other = await browser.newContext({ locale: 'en-GB', storageState: await context.storageState() });
    const p = await other.newPage();
    await p.goto(`${app.url}/account`);
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.waitForURL(`${app.url}/`);
    await p.getByRole('link', { name: 'Sign in' }).waitFor();
    await p.goto(`${app.url}/account`);
    expect(p.url()).toContain('/login?back=%2Faccount');
    await other.close();
  });
});
