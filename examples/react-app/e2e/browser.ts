/**
 * Debian's Chromium under playwright-core, headless, with a fresh profile per launch so no state leaks
 * between runs. `scripts/ensure-chromium.sh` installs it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with its own profile folder; `close()` ends it and removes the folder. */
export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh user data dir.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const page = await browser.context.newPage();
 * ```
 */
export async function launchChromium(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rapport-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 860 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
