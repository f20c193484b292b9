/**
 * Debian's Chromium driven by playwright-core (no browser download): the flags a root, offline
 * machine needs. `launchChromium()` gives undefined, with the reason printed, where Chromium is absent.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(extraArgs: string[] = []): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    console.log(`no Chromium at ${CHROMIUM}: browser tests skipped (apt-get install chromium, or set CHROMIUM_PATH)`);
    return undefined;
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}
