// Spike records that fill up (src/backends/webgpu/phases.ts `recordKernels`): a batch of steps whose
// record may not hold the next step's spikes halts after the current step, every kernel of the
// later steps returning at once, and the host submits the rest. With the record's least size
// lowered to nothing, a population of 200 neurons firing at about 500 Hz (dt = 1 ms: 100 spikes a
// step) holds only a few steps per batch: the spikes, the state and the step count must be those
// of the run whose record holds whole batches, and no spike may be lost (counted on both sides).
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Neuron, PoissonPopulation } from '../../../src/index.js';
import { CHUNK, type WebGpuEngine } from '../../../src/backends/webgpu/engine.js';
import { recordCapacity, recordLimits } from '../../../src/backends/webgpu/generate.js';
import { probe } from './helpers.js';

const available = await probe('test/backends/webgpu/record-halt');
const LEAST = recordLimits.least;
afterEach(() => { recordLimits.least = LEAST; });

const LIF = new Neuron({
  parameters: 'tau = 10.0 : population\n vt = 1.0 : population',
  equations: 'tau * dv/dt = -v + g_exc\n g_exc = 0.0',
  spike: 'v > vt',
  reset: 'v = 0.0',
});

/** 200 Poisson inputs at 500 Hz onto 50 LIF neurons (all to all): both populations monitored. */
async function run(least: number, steps: number) {
  recordLimits.least = least;
  const net = new Network({ dt: 1.0, seed: 7 });
  const input = new PoissonPopulation(200, { rates: 500.0, network: net });
  const out = net.create(50, LIF);
  net.connect(input, out, 'exc').connectAllToAll({ weights: 0.02 });
  const mIn = net.monitor(input, 'spike');
  const mOut = net.monitor(out, 'spike');
  await net.compile({ backend: 'webgpu' });
  const e = net.engine as WebGpuEngine;
  const before = { ...e.info.launches };
  await net.simulate(steps);
  const launches = { steps: e.info.launches.steps - before.steps, submissions: e.info.launches.submissions - before.submissions };
  const result = { input: mIn.get('spike'), output: mOut.get('spike'), v: Array.from(out.v as Float64Array), launches };
  net.dispose();
  return result;
}

const count = (s: Record<number, number[]>) => Object.values(s).reduce((a, l) => a + l.length, 0);

describe.skipIf(!available)('webgpu: a full spike record halts its batch, and nothing is lost', () => {
  it('the record holds a few steps: same spikes and state as whole batches, every step run once', async () => {
    const steps = 300;
    // Whole batches: the record of 200 neurons holds 4 Mi ranks, far more than 300 × 200.
    const whole = await run(LEAST, steps);
    expect(whole.launches).toEqual({ steps, submissions: 1 });
    // No least size: 2048 × 0.4 % × 200 + 200 = 1839 ranks, about 18 steps of 100 spikes.
    recordLimits.least = 0;
    expect(recordCapacity(200, CHUNK)).toBe(Math.ceil(0.004 * CHUNK * 200) + 200);
    const small = await run(0, steps);
    expect(small.launches.steps).toBe(steps);
    expect(small.launches.submissions).toBeGreaterThan(10);
    const n = count(whole.input as Record<number, number[]>);
    expect(n).toBeGreaterThan(0.8 * 500e-3 * 200 * steps); // ≈ 100 a step
    expect(count(small.input as Record<number, number[]>)).toBe(n);
    expect(small.input).toEqual(whole.input);
    expect(small.output).toEqual(whole.output);
    expect(count(whole.output as Record<number, number[]>)).toBeGreaterThan(0);
    expect(small.v).toEqual(whole.v);
  });

  it('a record too small for two steps of every neuron is never made', () => {
    recordLimits.least = 0;
    for (const size of [1, 50, 4000, 1_000_000]) expect(recordCapacity(size, CHUNK)).toBeGreaterThanOrEqual(Math.min(CHUNK, 2) * size);
    expect(recordCapacity(10, 1)).toBe(10); // one step: every neuron once
  });
});
