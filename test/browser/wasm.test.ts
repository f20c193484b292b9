// The wasm backend in a real browser (Debian's Chromium): the browser bundle compiles a spiking
// network with STDP and a rate-coded one to WebAssembly in the page, and every array equals the js
// backend's in the same page, bit for bit.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';

const bundle = join(import.meta.dirname, '..', '..', 'dist', 'browser', 'neurarchy.iife.js');
let browser: Browser | undefined;
beforeAll(async () => {
  expect(existsSync(bundle), 'run `npm run build` first').toBe(true);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => { await browser?.close(); });

it('wasm in Chromium: the same bits as js, kernels compiled in the page', async ({ skip }) => {
  if (!browser) skip();
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><title>wasm</title>');
  await page.addScriptTag({ path: bundle });
  const result = await page.evaluate(async () => {
    type Lib = typeof import('../../src/index.js');
    const n = (globalThis as unknown as { neurarchy: Lib }).neurarchy;
    async function run(backend: 'js' | 'wasm') {
      const net = new n.Network({ seed: 9, dt: 0.1, backend });
      const p = net.create(200, new n.Neuron({
        parameters: 'tau = 20.0', equations: 'tau * dv/dt = -v + g_exc + 1.2 + Uniform(-0.2, 0.2)\n 5.0 * dg_exc/dt = -g_exc',
        spike: 'v > 1.0', reset: 'v = 0.0', refractory: 2.0,
      }));
      net.connect(p, p, 'exc', new n.STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: 0.3 }))
        .connectFixedProbability({ probability: 0.1, weights: new n.Uniform(0.0, 0.3) });
      const r = net.create(50, new n.Neuron({ equations: 'r = tanh(sum(exc)) + 0.1 * sin(t)' }));
      net.connect(r, r, 'exc').connectAllToAll({ weights: new n.Uniform(-0.2, 0.2) });
      await net.compile();
      await net.simulate(50);
      const arrays: number[] = [];
      for (const x of [...net.populations, ...net.projections]) for (const a of x.state.values()) arrays.push(...a);
      return { arrays, source: net.source ?? '' };
    }
    const js = await run('js');
    const wasm = await run('wasm');
    let differ = 0;
    js.arrays.forEach((x, i) => { if (!Object.is(x, wasm.arrays[i])) differ++; });
    return { n: js.arrays.length, differ, wasmKernels: (wasm.source.match(/= W\./g) ?? []).length };
  });
  expect(errors).toEqual([]);
  expect(result.n).toBeGreaterThan(4000);
  expect(result.differ).toBe(0);
  expect(result.wasmKernels).toBeGreaterThanOrEqual(4);
  await page.close();
}, 60_000);
