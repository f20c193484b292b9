// examples/browser.html in a real browser (Debian's Chromium), opened as a file and from a static
// server: it loads the built bundle, simulates COBA and draws the raster.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';

const repo = join(import.meta.dirname, '..', '..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/** A static file server over the repository, on a free loopback port. */
function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = normalize(join(repo, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(repo) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    resolve({ server, url: `http://127.0.0.1:${address.port}` });
  }));
}

let browser: Browser | undefined;
let server: Server | undefined;
let base = '';
beforeAll(async () => {
  expect(existsSync(join(repo, 'dist', 'browser', 'neurarchy.iife.js')), 'run `npm run build` first').toBe(true);
  browser = await launchChromium();
  ({ server, url: base } = await serve());
}, 60_000);
afterAll(async () => { await browser?.close(); server?.close(); });

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
