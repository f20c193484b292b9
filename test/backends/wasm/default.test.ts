// The default backend is wasm (faster than js on every benchmark, the same bits); where a
// JavaScript engine has no WebAssembly, js with a one-time warning (the same results).
import { it, expect, vi } from 'vitest';
import { Network, Neuron } from '../../../src/index.js';

it('a network without a backend option compiles to WebAssembly', async () => {
  const net = new Network({ seed: 1 });
  net.create(3, new Neuron({ equations: 'r = 0.5 * r + 1' }));
  expect(net.backend).toBe('wasm');
  await net.compile();
  expect(net.source).toContain('const pop0_update = W.pop0_update;');
  await net.simulate(2);
  expect(Array.from(net.populations[0].state.get('r')!)).toEqual([1.5, 1.5, 1.5]);
});

it('without WebAssembly the default is js, said once in a warning', async () => {
  const saved = globalThis.WebAssembly;
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const { Network: Fresh } = await import('../../../src/index.js');
    expect(new Fresh().backend).toBe('js');
    expect(new Fresh().backend).toBe('js');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/no WebAssembly.*'js' backend/);
  } finally {
    vi.unstubAllGlobals();
    globalThis.WebAssembly = saved;
    warn.mockRestore();
  }
});
