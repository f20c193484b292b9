// The wasm backend's threads in a real browser (Debian's Chromium): in a cross-origin isolated page
// (COOP same-origin, COEP require-corp), a network run in a Web Worker with numThreads 2 forks its
// loops onto a second Web Worker and holds the js backend's arrays bit for bit; on the page's main
// thread, which may not wait, numThreads 2 is refused with the reason and the fix; in a page that is
// not isolated, with the isolation headers to send. The bundle is built here from the sources.
import { it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserBundle, launchChromium, servedPage } from './chromium.js';

// localhost: a secure context, which cross-origin isolation needs (the routes below answer, no server).
const ORIGIN = 'http://localhost:8799';
let browser: Browser | undefined;
let bundle = '';

beforeAll(async () => {
  bundle = await browserBundle();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => { await browser?.close(); });

/** The worker's script: the bundle, then a rate network over the thresholds on js and on wasm with 2 threads. */
const WORKER = `
importScripts('${ORIGIN}/neurarchy.iife.js');
const n = self.neurarchy;
async function run(backend, numThreads) {
  const net = new n.Network({ seed: 4, dt: 1.0, backend });
  const big = net.create(50003, new n.Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = sum(exc) + Normal(0.0, 0.2) + 0.1 * tanh(t / 5.0)' }));
  const pre = net.create(400, new n.Neuron({ equations: 'r = 0.5 + 0.5 * sin(t / 3.0) + Uniform(-0.1, 0.1)' }));
  const post = net.create(301, new n.Neuron({ equations: 'r = sum(exc)' }));
  net.connect(pre, post, 'exc').connectAllToAll({ weights: new n.Uniform(0, 0.01) });
  net.connect(pre, big, 'exc').connectFixedNumberPre({ number: 2, weights: 0.05 });
  await net.compile({ numThreads });
  await net.simulate(20);
  const arrays = [];
  for (const x of [...net.populations, ...net.projections]) for (const a of x.state.values()) arrays.push(Float64Array.from(a));
  const forks = net.engine.forks ?? 0;
  net.dispose();
  return { arrays, forks };
}
self.onmessage = async () => {
  try {
    const js = await run('js', 1);
    const wasm = await run('wasm', 2);
    let differ = 0, n = 0;
    js.arrays.forEach((a, k) => { n += a.length; a.forEach((x, i) => { if (!Object.is(x, wasm.arrays[k][i])) differ++; }); });
    self.postMessage({ n, differ, forks: wasm.forks, isolated: self.crossOriginIsolated });
  } catch (e) {
    self.postMessage({ error: String(e && e.stack || e) });
  }
};
`;

/** Serves the page, the bundle and the worker's script at ORIGIN, with the isolation headers or without. */
const openPage = (isolated: boolean): Promise<Page> => servedPage(browser!, ORIGIN, { bundle, worker: WORKER, title: 'threads' }, isolated);

it('wasm threads in Chromium: in a Web Worker of an isolated page, the same bits as js on 2 threads', async ({ skip }) => {
  if (!browser) skip();
  const page = await openPage(true);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const result = await page.evaluate(() => new Promise<Record<string, unknown>>((resolve) => {
    const w = new Worker('/worker.js');
    w.onmessage = (e) => resolve(e.data as Record<string, unknown>);
    w.onerror = (e) => resolve({ error: e.message });
    w.postMessage('go');
  }));
  expect(errors).toEqual([]);
  expect(result.error).toBeUndefined();
  expect(result.isolated).toBe(true);
  expect(result.n).toBeGreaterThan(200_000);
  expect(result.differ).toBe(0);
  // Per step (20): the Normal fill and the equations of the big population, the dense sum and the big population's sum.
  expect(result.forks).toBe(80);
  await page.close();
}, 120_000);

it("wasm threads in Chromium: refused on a page's main thread, and in a page that is not isolated", async ({ skip }) => {
  if (!browser) skip();
  const refusal = async (page: Page) => page.addScriptTag({ url: '/neurarchy.iife.js' }).then(() => page.evaluate(async () => {
    const n = (globalThis as unknown as { neurarchy: typeof import('../../src/index.js') }).neurarchy;
    const net = new n.Network({ backend: 'wasm' });
    net.create(10, new n.Neuron({ equations: 'r = 1.0' }));
    try { await net.compile({ numThreads: 2 }); return 'compiled'; } catch (e) { return String(e); }
  }));
  const isolated = await openPage(true);
  expect(await refusal(isolated)).toMatch(/numThreads: 2 needs threads, and a page's main thread may not wait .*; run the network in a Web Worker/);
  await isolated.close();
  const plain = await openPage(false);
  expect(await refusal(plain)).toMatch(/numThreads: 2 needs threads, and this page is not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin/);
  await plain.close();
}, 120_000);
