/**
 * A real browser for end-to-end tests: Debian's Chromium driven by playwright-core (never a downloaded browser).
 * `.ci/run` installs it (apt-get install chromium); tests skip with a clear reason when it is absent.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = join(import.meta.dirname, '../e2e/__screenshots__');

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Saves a full-page screenshot under tests/e2e/__screenshots__/ (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Collects what the browser console says about the Content-Security-Policy (a refused script, style, frame …) and
 * failed loads of the site icon, for every page of a context: a page that works under the CSP leaves this empty.
 */
export function watchPolicy(target: { on(event: 'console', fn: (msg: { type(): string; text(): string }) => void): unknown }): string[] {
  const seen: string[] = [];
  target.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Content-Security-Policy|favicon/i.test(text)) seen.push(`${msg.type()}: ${text}`);
  });
  return seen;
}
