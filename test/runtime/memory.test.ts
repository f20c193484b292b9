// Memory estimates before allocation (src/runtime/memory.ts): populations, connection patterns and
// delay rings that cannot be indexed (int32) or cannot fit are refused at once with a NetworkError
// giving the estimate, the memory available and what to do; sizes that fit still pass. The
// available memory is fixed by setAvailableMemoryForTests so that the tests do not depend on the
// machine.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { Network, Neuron, Uniform, NetworkError } from '../../src/index.js';
import { setAvailableMemoryForTests, availableMemory, formatBytes, populationBytes, MAX_INDEX } from '../../src/runtime/memory.js';
import { delayToSteps } from '../../src/connectors/common.js';

afterEach(() => setAvailableMemoryForTests(undefined));

const LIF = new Neuron({
  parameters: 'tau = 10.0',
  equations: 'tau * dv/dt = -v + g_exc\n tau * dg_exc/dt = -g_exc',
  spike: 'v > 1.0',
  reset: 'v = 0.0',
});
const Rate = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt = sum(exc) - r' });

/** Runs `f`, expecting a NetworkError, and returns its message and how long it took (ms). */
function refused(f: () => unknown): { message: string; ms: number } {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NetworkError);
    return { message: (e as Error).message, ms: performance.now() - t0 };
  }
  throw new Error('expected a NetworkError');
}

describe('populations', () => {
  it('the estimate: rank, each local attribute twice, the spike arrays', () => {
    // LIF: tau, v, g_exc local (3 attributes) → 4 + 3·16 + 12 = 64 bytes per neuron
    expect(populationBytes({ size: 1000, localAttributes: 3, localRandoms: 0, spiking: true })).toBe(64_000);
    expect(populationBytes({ size: 10, localAttributes: 1, localRandoms: 1, spiking: false })).toBe(10 * (4 + 16 + 8));
  });

  it('10^9 neurons with 8 GB available: refused at once, with the estimate, the memory and advice', () => {
    setAvailableMemoryForTests(8e9);
    const net = new Network();
    const r = refused(() => net.create(1e9, LIF, { name: 'huge' }));
    expect(r.message).toMatch(/population 'huge' of 1\.00e9 neurons needs about \d+(\.\d+)? GB, more than the 8\.00 GB available \(test limit\)/);
    expect(r.message).toContain('smaller population');
    expect(r.ms).toBeLessThan(1000);
    expect(net.populations).toHaveLength(0); // nothing registered
  });

  it('more neurons than int32 ranks address: refused whatever the memory', () => {
    setAvailableMemoryForTests(1e15);
    const r = refused(() => new Network().create([100000, 30000], LIF));
    expect(r.message).toContain('3.00e9 is more than 2.15e9 (2^31 − 1)');
  });

  it('a population that fits passes (10^6 neurons), and the machine reports a positive amount', async () => {
    setAvailableMemoryForTests(8e9);
    const net = new Network();
    const pop = net.create(1e6, LIF);
    expect(pop.size).toBe(1e6);
    setAvailableMemoryForTests(undefined);
    const real = availableMemory();
    expect(real.bytes).toBeGreaterThan(0);
    expect(real.source).toMatch(/free memory|container/);
    expect(formatBytes(1.5e9)).toBe('1.50 GB');
  });
});

describe('connection patterns', () => {
  it('all-to-all 10^5 × 10^5 and fixedProbability 0.5 on it: refused quickly (10^10 and 5·10^9 synapses), or procedural', () => {
    const net = new Network({ seed: 1 });
    const a = net.create(1e5, LIF, { name: 'A' });
    const b = net.create(1e5, LIF, { name: 'B' });
    const all = refused(() => net.connect(a, b, 'exc').connectAllToAll({ weights: 1 }));
    expect(all.message).toContain('allToAll: about 1.00e10 synapses');
    expect(all.message).toContain('2^31 − 1');
    expect(all.ms).toBeLessThan(1000);
    const half = refused(() => net.connect(a, b, 'exc').connectFixedProbability({ probability: 0.5, weights: 1, procedural: false }));
    expect(half.message).toContain('fixedProbability 0.5: about 5.00e9 synapses');
    expect(half.ms).toBeLessThan(1000);
    // Without the option, a synapse that needs nothing stored makes the pattern procedural instead (said on the console).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(net.connect(a, b, 'exc').connectFixedProbability({ probability: 0.5, weights: 1 }).connector).toBe('fixed probability 0.5 (procedural)');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(refused(() => net.connect(a, b, 'exc').connectFixedNumberPre({ number: 50000, weights: 1 })).message).toContain('fixedNumberPre: about 5.00e9 synapses');
  });

  it('below the index limit, the memory decides: refused with a small limit, built with a larger one', () => {
    const net = new Network({ seed: 1 });
    const a = net.create(2000, Rate, { name: 'A' });
    const b = net.create(2000, Rate, { name: 'B' });
    // 4·10^6 synapses × (4 + 8 + 8) bytes = 80 MB for the pattern with per-synapse weights
    setAvailableMemoryForTests(50e6);
    const r = refused(() => net.connect(a, b, 'exc').connectAllToAll({ weights: new Uniform(0, 1) }));
    expect(r.message).toContain('allToAll: about 4.00e6 synapses needs about 80.0 MB, more than the 50.0 MB available');
    // One shared weight: 48 MB for the pattern; the projection's own arrays (w twice, indices) come
    // after: 4·10^6 × (16 + 4) = 80 MB, refused naming the projection.
    const r2 = refused(() => net.connect(a, b, 'exc', undefined, { name: 'P' }).connectAllToAll({ weights: 0.5 }));
    expect(r2.message).toContain("projection 'P': about 4.00e6 synapses needs about 80.0 MB");
    setAvailableMemoryForTests(1e9);
    const p = net.connect(a, b, 'exc', undefined, { name: 'Q' }).connectFixedProbability({ probability: 0.5, weights: 0.5 });
    expect(Math.abs(p.nbSynapses - 2e6)).toBeLessThan(5 * Math.sqrt(2e6 * 0.25));
  });
});

describe('delays', () => {
  it('delayToSteps refuses 2^31 steps and more, NaN and negative delays, naming who asked', () => {
    expect(delayToSteps(MAX_INDEX, 1)).toBe(MAX_INDEX);
    expect(() => delayToSteps(2 ** 31, 1, "projection 'P'")).toThrow(/projection 'P': a delay of 2147483648 ms is 2\.15e9 steps/);
    expect(() => delayToSteps(NaN, 1, "projection 'P'")).toThrow(/projection 'P': a delay must be a finite number of ms >= 0, got NaN/);
    expect(() => delayToSteps(-1, 1)).toThrow(NetworkError);
  });

  it('a uniform delay of 10^9 ms: refused at connect (steps at dt = 0.1, ring memory at dt = 1), naming the projection', () => {
    const net = new Network({ dt: 0.1 });
    const a = net.create(10, LIF);
    const r = refused(() => net.connect(a, a, 'exc', undefined, { name: 'far' }).connectAllToAll({ weights: 1, delays: 1e9 }));
    expect(r.message).toContain("projection 'far': a delay of 1000000000 ms is 1.00e10 steps");
    setAvailableMemoryForTests(8e9);
    const net1 = new Network({ dt: 1 });
    const b = net1.create(10, LIF);
    const r1 = refused(() => net1.connect(b, b, 'exc', undefined, { name: 'ring' }).connectAllToAll({ weights: 1, delays: 1e9 }));
    // 10^9 steps × 10 neurons × int32
    expect(r1.message).toContain("projection 'ring': the delay ring of 1.00e9 steps needs about 40.0 GB");
  });

  it('per-synapse delays beyond 2^31 steps are refused, never wrapped to negative steps', () => {
    const net = new Network({ dt: 0.1 });
    const a = net.create(3, LIF);
    const r = refused(() => net.connect(a, a, 'exc', undefined, { name: 'wrap' })
      .connectFromMatrix([[NaN, 1, 1], [1, NaN, 1], [1, 1, NaN]], { delays: [[0, 1, 3e8], [1, 0, 1], [1, 1, 0]] }));
    expect(r.message).toContain("projection 'wrap': a delay of 300000000 ms is 3.00e9 steps");
  });

  it('proj.delay = 1e9 after compile: a NetworkError naming the projection; the network runs on unchanged', async () => {
    setAvailableMemoryForTests(8e9);
    const net = new Network({ dt: 1, seed: 2 });
    const a = net.create(10, LIF);
    a.v = new Uniform(0, 2);
    const p = net.connect(a, a, 'exc', undefined, { name: 'late' }).connectAllToAll({ weights: 0.1, delays: 2 });
    await net.compile();
    await net.simulate(5);
    expect(() => { p.delay = 1e9; }).toThrow(/projection 'late': the delay ring of 1\.00e9 steps needs about 40\.0 GB/);
    expect(() => { p.delay = NaN; }).toThrow(/projection 'late': a delay must be a finite number/);
    expect(() => { p.delay = -3; }).toThrow(NetworkError);
    expect(p.delay).toBe(2);
    await net.simulate(5);
    expect(net.currentStep).toBe(10);
  });
});

it('a negative or NaN uniform delay at connect: refused naming the projection', () => {
  const net = new Network({ dt: 0.1 });
  const a = net.create(5, LIF);
  expect(() => net.connect(a, a, 'exc', undefined, { name: 'neg' }).connectAllToAll({ weights: 1, delays: -1 })).toThrow(/projection 'neg': a delay must be a finite number of ms >= 0, got -1/);
  expect(() => net.connect(a, a, 'exc', undefined, { name: 'nan' }).connectFixedProbability({ probability: 0.5, delays: NaN })).toThrow(/projection 'nan': a delay must be a finite number/);
});
