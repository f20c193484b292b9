// The non-finite check after simulate() (src/runtime/numerics.ts): a time constant of 0, log(0)
// and a stiff explicit integration turn variables into NaN/±Infinity; the warning names the
// population or projection, the variable and the first index, once per variable; 'error' throws a
// NetworkError; 'off' says nothing. The same on every backend (the scan reads the state arrays).
import { it, expect, vi, afterEach } from 'vitest';
import { describeBackends, compileFor, closeDigits, onWebGpu } from '../helpers/backends.js';
import { Network, Neuron, Synapse, NetworkError } from '../../src/index.js';
import { firstNonFinite, NumericsCheck } from '../../src/runtime/numerics.js';

afterEach(() => { vi.restoreAllMocks(); });

function warnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => {});
}

const Leaky = new Neuron({ parameters: 'tau = 10.0\n x = 1.0', equations: 'tau * dv/dt = 1.0 - v\n r = log(x)' });

it('firstNonFinite finds NaN and both infinities, nothing in finite arrays', () => {
  expect(firstNonFinite(Float64Array.of(0, -1e308, 1e308, 5e-324))).toBe(-1);
  expect(firstNonFinite(Float64Array.of(0, 1, NaN, Infinity))).toBe(2);
  expect(firstNonFinite(Float64Array.of(0, -Infinity))).toBe(1);
  expect(firstNonFinite([])).toBe(-1);
});

describeBackends('checkNumerics', (backend) => {
  it('tau = 0 at one neuron: one warning naming population, variable and neuron, once', async () => {
    const warn = warnings();
    const net = new Network({ dt: 1, seed: 1 });
    const pop = net.create(5, Leaky, { name: 'leaky' });
    pop.tau = [10, 10, 10, 0, 10];
    await net.compile(compileFor());
    await net.simulate(3);
    // v(1) = 0 + 1·(1 − 0)/0 = +Infinity at neuron 3; the other neurons follow v += (1 − v)/10.
    expect(Number.isFinite((pop.v as Float64Array)[3])).toBe(false);
    expect((pop.v as Float64Array)[0]).toBeCloseTo(1 - 0.9 ** 3, closeDigits(12));
    expect(warn).toHaveBeenCalledTimes(1);
    const msg = String(warn.mock.calls[0][0]);
    expect(msg).toContain("population 'leaky', variable 'v', neuron 3");
    expect(msg).toContain('after step 3');
    expect(msg).toContain('between steps 0 and 3');
    expect(msg).not.toContain('never spikes');
    // Reported once: a second simulate() with v still non-finite says nothing more.
    await net.simulate(2);
    expect(warn).toHaveBeenCalledTimes(1);
    // reset() restores finite values; diverging again is reported again.
    net.reset();
    await net.simulate(1);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it.skipIf(onWebGpu(backend, 'WGSL leaves log(0) indeterminate (SwiftShader gives −88.03)'))('log(0): r is -Infinity at the neurons with x = 0; the first is named, with the count', async () => {
    const warn = warnings();
    const net = new Network({ dt: 1 });
    const pop = net.create(4, Leaky, { name: 'logs' });
    pop.x = [1, 2, 0, 0];
    await net.compile(compileFor());
    await net.simulate(1);
    expect(Array.from(pop.r as Float64Array)).toEqual([0, Math.log(2), -Infinity, -Infinity]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("population 'logs', variable 'r', neuron 2 is -Infinity (2 of 4 elements are non-finite)");
  });

  it.skipIf(onWebGpu(backend, 'the step at which (−7)^n overflows is float64\'s (float32 overflows at n = 46)'))('a stiff explicit integration (dt = 1, tau = 0.125) overflows; the spiking neuron is said never to spike again', async () => {
    const warn = warnings();
    const net = new Network({ dt: 1 });
    const lif = new Neuron({ parameters: 'tau = 0.125', equations: 'tau * dv/dt = -v', spike: 'v > 1e308', reset: 'v = 0.0' });
    const pop = net.create(2, lif, { name: 'stiff' });
    pop.v = [0, 1];
    await net.compile(compileFor());
    // v(n+1) = v(n) − 8·v(n) = −7·v(n): v(n) = (−7)^n, finite up to n = 364 (7^364 ≈ 4e307), −Infinity
    // at n = 365 (never above the threshold), then −Inf + Inf = NaN.
    await net.simulate(300);
    expect(warn).not.toHaveBeenCalled();
    const v300 = (pop.v as Float64Array)[1];
    expect(v300 / 7 ** 300).toBeCloseTo(1, 10);
    await net.simulate(100);
    expect(Number.isNaN((pop.v as Float64Array)[1])).toBe(true);
    expect((pop.v as Float64Array)[0]).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    const msg = String(warn.mock.calls[0][0]);
    expect(msg).toContain("population 'stiff', variable 'v', neuron 1 is NaN");
    expect(msg).toContain('between steps 300 and 400');
    expect(msg).toContain('never spikes again');
  });

  it.skipIf(onWebGpu(backend, 'WGSL leaves log(0) indeterminate: a GPU may give a finite value'))('a projection variable: named with the synapse index', async () => {
    const warn = warnings();
    const net = new Network({ dt: 1 });
    const pre = net.create(3, new Neuron({ parameters: 'r0 = 1.0', equations: 'r = r0' }), { name: 'pre' });
    const post = net.create(1, new Neuron({ equations: 'r = sum(exc)' }), { name: 'post' });
    pre.r0 = [1, 0, 2];
    const syn = new Synapse({ equations: 'y = log(pre.r)' });
    net.connect(pre, post, 'exc', syn, { name: 'logsyn' }).connectAllToAll({ weights: 1 });
    await net.compile(compileFor());
    await net.simulate(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("projection 'logsyn', variable 'y', synapse 1 is -Infinity");
  });

  it("'error' throws a NetworkError naming the variable, every time; setup after compile switches modes", async () => {
    const warn = warnings();
    const net = new Network({ dt: 1, checkNumerics: 'error' });
    const pop = net.create(2, Leaky, { name: 'zero' });
    pop.tau = 0;
    await net.compile(compileFor());
    await expect(net.simulate(1)).rejects.toThrow(NetworkError);
    await expect(net.simulate(1)).rejects.toThrow(/population 'zero', variable 'v', neuron 0/);
    expect(net.currentStep).toBe(2); // the steps ran; the error came after them
    net.config({ checkNumerics: 'off' });
    await net.simulate(1);
    expect(warn).not.toHaveBeenCalled();
    expect(net.checkNumerics).toBe('off');
  });

  it("'off' says nothing", async () => {
    const warn = warnings();
    const net = new Network({ dt: 1, checkNumerics: 'off' });
    const pop = net.create(2, Leaky);
    pop.tau = 0;
    await net.compile(compileFor());
    await net.simulate(5);
    expect(Number.isFinite((pop.v as Float64Array)[0])).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('simulateUntil() is checked too', async () => {
    const net = new Network({ dt: 1, checkNumerics: 'error' });
    const pop = net.create(1, Leaky, { name: 'until', stopCondition: 'v > 1e300' });
    pop.tau = 0;
    await net.compile(compileFor());
    await expect(net.simulateUntil({ maxDuration: 5 })).rejects.toThrow(/population 'until', variable 'v'/);
  });
});

it('an unknown mode is refused with the accepted ones', () => {
  expect(() => new Network({ checkNumerics: 'loud' as never })).toThrow(/checkNumerics must be one of 'warn', 'error', 'off', got 'loud'/);
});

it('the scan costs one pass: 10^7 finite values take well under a second', () => {
  const a = new Float64Array(1e7).fill(1.5);
  const t0 = performance.now();
  expect(firstNonFinite(a)).toBe(-1);
  expect(performance.now() - t0).toBeLessThan(1000);
  expect(new NumericsCheck().scan([], [])).toEqual([]);
});

it("setup({ checkNumerics: 'error' }) sets the default network's mode (ANNarchy-4 style scripts)", async () => {
  const { setup, clear, compile, simulate, Population } = await import('../../src/index.js');
  clear();
  try {
    setup({ checkNumerics: 'error', dt: 1 });
    const pop = new Population(3, Leaky, { name: 'magic' });
    pop.x = [1, 0, 1];
    await compile();
    await expect(simulate(1)).rejects.toThrow(/population 'magic', variable 'r', neuron 1 is -Infinity/);
  } finally {
    clear();
  }
});
