// examples/browser.html in a real browser (Debian's Chromium), opened as a file and from a static
// server: it loads the built bundle, simulates COBA and draws the raster.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { serveFolder } from '../../scripts/serve.js';

const repo = join(import.meta.dirname, '..', '..');
let browser: Browser | undefined;
let close: (() => void) | undefined;
let base = '';
beforeAll(async () => {
  expect(existsSync(join(repo, 'dist', 'browser', 'neurarchy.iife.js')), 'run `npm run build` first').toBe(true);
  browser = await launchChromium();
  ({ url: base, close } = await serveFolder(repo));
}, 60_000);
afterAll(async () => { await browser?.close(); close?.(); });

describe('examples/browser.html', () => {
  for (const how of ['file', 'http'] as const) {
    it(`runs COBA and draws its raster (${how})`, async ({ skip }) => {
      if (!browser) skip();
      const page = await browser!.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const url = how === 'file' ? pathToFileURL(join(repo, 'examples', 'browser.html')).href : `${base}/examples/browser.html`;
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.done !== undefined, undefined, { timeout: 60_000 });
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => document.body.dataset.done)).toBe('true');
      const rate = Number(await page.evaluate(() => document.body.dataset.rate));
      expect(rate).toBeGreaterThan(5);   // an active network (about 20 Hz, as examples/coba.ts)
      expect(rate).toBeLessThan(60);
      // One vertical tick per spike in the raster's path: 1000 neurons × ~20 Hz × 0.5 s ≈ 10 000.
      const d = await page.locator('#raster svg path.raster-spikes').getAttribute('d');
      const ticks = (d?.match(/M/g) ?? []).length;
      expect(ticks).toBe(Number(await page.evaluate(() => document.body.dataset.spikes)));
      expect(ticks).toBeGreaterThan(1000);
      await page.close();
    });
  }
});
