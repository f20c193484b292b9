// parallelRun() in a browser (Debian's Chromium, headless): copies run in module Web Workers that
// import the page's model module; their spikes equal, bit for bit, the same copies run in Node.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/chromium.js';
import { serveFolder } from '../../scripts/serve.js';
import { build, run } from './fixtures/coba-copies.js';

const repo = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'neurarchy-parallel-browser-'));

const PAGE = `<!doctype html><script type="module">
import { parallelRun } from './neurarchy.js';
import { build, run } from './model.js';
const module = new URL('./model.js', location.href).href;
try {
  const inWorkers = await parallelRun({ module, network: build, method: run, number: 3, seed: 20, maxProcesses: 2, args: { duration: 60 } });
  const failed = await parallelRun({ module, network: build, method: run, number: 3, seed: 20, maxProcesses: 2, args: { duration: 10, fail: true } }).then(() => 'no error', (e) => e.name + ': ' + e.message);
  const missing = await parallelRun({ module: new URL('./no-such-module.js', location.href).href, network: build, method: run, number: 1 }).then(() => 'no error', (e) => e.name + ': ' + e.message);
  window.result = { inWorkers, failed, missing };
} catch (e) {
  window.result = { error: String(e && e.stack || e) };
}
</script>`;

let browser: Browser | undefined;
let close: (() => void) | undefined;
let base = '';
beforeAll(async () => {
  browser = await launchChromium();
  if (!browser) return;
  const bundle = async (entry: string) => (await esbuild({
    entryPoints: [join(repo, entry)], bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, logLevel: 'silent',
  })).outputFiles[0].text;
  writeFileSync(join(tmp, 'neurarchy.js'), await bundle('src/browser.ts'));
  writeFileSync(join(tmp, 'model.js'), await bundle('test/parallel/fixtures/coba-copies.ts'));
  writeFileSync(join(tmp, 'index.html'), PAGE);
  ({ url: base, close } = await serveFolder(tmp));
}, 120_000);
afterAll(async () => { await browser?.close(); close?.(); rmSync(tmp, { recursive: true, force: true }); });

describe('parallelRun in a browser', () => {
  it('runs copies in Web Workers; each equals the copy run in Node; failures name the copy', async ({ skip }) => {
    if (!browser) skip();
    const page = await browser!.newPage();
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 60_000 });
    const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
    expect(result.error).toBeUndefined();
    const inWorkers = result.inWorkers as Awaited<ReturnType<typeof run>>[];
    expect(inWorkers.map((r) => [r.index, r.seed, r.worker])).toEqual([[0, 21, true], [1, 22, true], [2, 23, true]]);
    for (let i = 0; i < 3; i++) {
      const alone = await run(build({ index: i, seed: 21 + i, number: 3, args: {} }), { duration: 60 }, { index: i, seed: 21 + i, number: 3 });
      expect(inWorkers[i].times.length).toBeGreaterThan(20);
      expect(inWorkers[i].times).toEqual(alone.times);
      expect(inWorkers[i].ranks).toEqual(alone.ranks);
    }
    expect(result.failed).toMatch(/^ParallelRunError: parallelRun\(\): copy 1 \(seed 22\) failed: RangeError: copy 1 was told to fail/);
    expect(result.missing).toMatch(/^ParallelRunError: parallelRun\(\): copy 0 \(seed \d+\) failed: /);
    await page.close();
  });
});
