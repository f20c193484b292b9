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
    // The modules imported without WebAssembly (their default backend js) are not left for the next test files (isolate: false).
    vi.resetModules();
  }
});

it('an engine without WebAssembly SIMD gets scalar loops (the same bits) and one warning', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
  try {
    vi.resetModules();
    const lib = await import('../../../src/index.js');
    const run = async (backend: 'js' | 'wasm') => {
      const net = new lib.Network({ seed: 3, backend });
      net.create(11, new lib.Neuron({ equations: 'tau = 5.0\n tau * dv/dt = -v + 1.0 + Uniform(0.0, 0.2)', spike: 'v > 0.9', reset: 'v = 0.0' }));
      await net.compile();
      await net.simulate(40);
      return { v: Array.from(net.populations[0].state.get('v')!), source: net.source ?? '' };
    };
    const [js, wasm] = [await run('js'), await run('wasm')];
    expect(wasm.v).toEqual(js.v);
    expect(wasm.source).toContain(';; pop0_update\n');
    expect(wasm.source).not.toContain('f64x2');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/no WebAssembly SIMD/);
  } finally {
    validate.mockRestore();
    warn.mockRestore();
    // Nor those that cached 'no SIMD' (the next test files would lay every loop out scalar).
    vi.resetModules();
  }
});

it('memory the JavaScript engine refuses is a NetworkError naming the size and the way out', async () => {
  const Memory = WebAssembly.Memory;
  const refuse = vi.spyOn(WebAssembly, 'Memory').mockImplementation(function refused() { throw new RangeError('WebAssembly.Memory(): could not allocate memory'); });
  try {
    const net = new Network({ seed: 1, backend: 'wasm' });
    net.create(10, new Neuron({ equations: 'r = 1' }));
    await expect(net.compile()).rejects.toThrow(/wasm backend, network \d+: the JavaScript engine refused .* of WebAssembly memory .*cpp backend/);
  } finally {
    refuse.mockRestore();
    expect(WebAssembly.Memory).toBe(Memory);
  }
});
