/// <reference lib="dom" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Reading the watch in a real browser (Debian's Chromium through playwright-core) against the real server, with a
 * database filled by fetching real-world feeds from a local feed server. Screenshots land in tests/e2e/__screenshots__/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import type { Deps } from '../../src/deps.js';
import { hasChromium, launchBrowser, screenshot, watchPolicy } from '../helpers/browser.js';
import { startFeedServer } from '../helpers/feed-server.js';
import { startAppServer } from '../helpers/server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const FEEDS_DIR = join(import.meta.dirname, '../fixtures/e2e');

let install: TestInstall;
let deps: Deps;
let feeds: Awaited<ReturnType<typeof startFeedServer>>;
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let watched: string[][] = [];

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
  install = makeTestInstall(yaml);
  deps = makeTestDeps(install);
  await runFetchCycle(deps, { force: true });
  app = await startAppServer(deps);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await deps?.close();
  await feeds?.close();
  install?.cleanup();
});

async function open(path: string, locale = 'fr-FR', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  watched.push(watchPolicy(page));
  await page.goto(`${app.url}${path}`);
  return page;
}

// Every page works under the app's CSP (no inline script): the console never reports a refusal or a missing icon.
afterEach(() => {
  expect(watched.flat()).toEqual([]);
  watched = [];
});

describe.skipIf(!hasChromium)('reading in the browser', () => {
  it('shows the stream in French, moves with j/k, opens with o and keeps the reader’s place', async () => {
    const page = await open('/');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Flux de veille');
    const items = page.locator('[data-stream] [data-item]');
    expect(await items.count()).toBeGreaterThan(10);
    await screenshot(page, 'stream-fr');

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const second = items.nth(1);
    await expect(second.getAttribute('class')).resolves.toContain('current');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-item'))).toBe(await second.getAttribute('data-item'));
    await page.keyboard.press('k');
    await expect(items.nth(0).getAttribute('class')).resolves.toContain('current');
    await page.keyboard.press('j');

    const title = await second.locator('h2 a').textContent();
    await page.keyboard.press('o');
    await page.waitForURL(/\/items\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe(title);
    await screenshot(page, 'item-fr');

    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.item.current') !== null);
    expect(await page.locator('.item.current h2 a').textContent()).toBe(title);
    await page.context().close();
  });

  it('opens the help overlay with ? and closes it with Escape', async () => {
    const page = await open('/');
    await page.keyboard.press('?');
    await expect(page.locator('dialog#help').isVisible()).resolves.toBe(true);
    await screenshot(page, 'help-fr');
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog#help').isVisible()).resolves.toBe(false);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
    await page.context().close();
  });

  it('switches to English and remembers it', async () => {
    const page = await open('/', 'fr-FR');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').first().textContent()).toBe('Watch stream');
    await page.goto(`${app.url}/sources`);
    expect(await page.locator('h1').textContent()).toBe('Sources');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'sources-en');
    await page.context().close();
  });

  it('fits a phone-width screen and stays light', async () => {
    const page = await open('/', 'fr-FR', { width: 360, height: 740 });
    await screenshot(page, 'stream-phone');
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(overflowing).toEqual([]);
    const weight = await page.evaluate(() =>
      performance.getEntriesByType('resource').reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0) +
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).encodedBodySize,
    );
    expect(weight).toBeLessThan(150 * 1024);
    await page.context().close();
  });
});
