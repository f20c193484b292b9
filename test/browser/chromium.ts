/**
 * Debian's Chromium driven by playwright-core (no browser download): the flags a root, offline
 * machine needs. `launchChromium()` gives undefined, with the reason printed, where Chromium is absent.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { build } from 'esbuild';

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

/** The library bundled from the sources for a page or a Web Worker (`importScripts`): an IIFE defining `self.neurarchy`. */
export async function browserBundle(): Promise<string> {
  const out = join(mkdtempSync(join(os.tmpdir(), 'neurarchy-browser-bundle-')), 'neurarchy.iife.js');
  await build({ entryPoints: [join(import.meta.dirname, '..', '..', 'src', 'browser.ts')], bundle: true, platform: 'browser', target: 'es2022', format: 'iife', globalName: 'neurarchy', outfile: out, logLevel: 'warning' });
  return readFileSync(out, 'utf8');
}

/** The headers that make a page cross-origin isolated (what SharedArrayBuffer, so wasm threads, need). */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * A page of `origin` served from memory (no server): `/neurarchy.iife.js` the bundle, `/worker.js` a
 * worker's script, anything else an empty page titled `title`; with the isolation headers or without.
 */
export async function servedPage(browser: Browser, origin: string, files: { bundle: string; worker: string; title: string }, isolated: boolean): Promise<Page> {
  const page = await browser.newPage();
  const headers = isolated ? ISOLATION_HEADERS : {};
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const [body, type] = path === '/neurarchy.iife.js' ? [files.bundle, 'text/javascript'] : path === '/worker.js' ? [files.worker, 'text/javascript'] : [`<!doctype html><title>${files.title}</title>`, 'text/html'];
    return route.fulfill({ body, headers: { ...headers, 'Content-Type': type } });
  });
  await page.goto(`${origin}/`);
  return page;
}
