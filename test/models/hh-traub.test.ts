/**
 * HH_cond_exp against PyNN's system test (test/system/scenarios/test_cell_types.py, test_HH_cond_exp,
 * run there on NEST, NEURON and Brian 2): timestep 0.001 ms, i_offset 1 nA, v = −64 mV, 20 ms; the
 * first time v > 0 mV is 2.95 ms within 0.01 ms. NEURON's hh_traub.mod and NEST start the gates
 * m, h, n at 0, so this test does too. ANNarchy's h-gate rate bh = 4/(1 + exp(10 − v + v_offset))
 * never lets v reach 0 mV here; Traub's 4/(1 + exp((40 − v + v_offset)/5)) does, at 2.956 ms.
 */
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance } from '../helpers/backends.js';
import { Network, HH_cond_exp, type Population } from '../../src/index.js';

/** v per step of PyNN's scenario; `gates` sets m, n, h before the run. */
async function scenario(gates: { m: number; n: number; h: number }, T = 20) {
  const net = new Network({ dt: 0.001 });
  const pop: Population = net.create(1, new HH_cond_exp({ i_offset: 1.0 }));
  pop.v = -64.0;
  pop.m = gates.m; pop.n = gates.n; pop.h = gates.h;
  const mon = net.monitor(pop, ['v', 'spike']);
  await net.compile(compileFor());
  await net.simulate(T);
  const v = (mon.get('v') as Float64Array[]).map((r) => r[0]);
  return { v, spikes: mon.get('spike')[0] as number[] };
}

/** The time of the first recorded v above 0 mV (recorded after step k: t = (k + 1)·dt, PyNN's v.times). */
const firstAboveZero = (v: number[], dt: number) => (v.findIndex((x) => x > 0) + 1) * dt;

describeBackends('HH_cond_exp (Traub)', () => {
  it("PyNN's scenario: first v > 0 mV at 2.95 ms (± 0.01 ms), as on NEST, NEURON and Brian 2", async () => {
    const { v, spikes } = await scenario({ m: 0, n: 0, h: 0 });
    const t = firstAboveZero(v, 0.001);
    expect(Math.abs(t - 2.95)).toBeLessThan(0.01);
    // The spike condition (v > v_thresh = 0 and prev_v <= 0) fires at that same step.
    expect(spikes[0]).toBe(Math.round(t / 0.001) - 1);
    // 1 nA keeps it firing (a tonic train, not one spike into block). PyNN 0.10.1 on NEURON 8.2.2 (Debian 12,
    // this scenario, upward crossings of 0 mV): 2.951, 10.392, 18.178 ms; neurarchy: 2.956, 10.410, 18.208 ms
    // (exponential Euler against NEURON's cnexp and its rate tables).
    expect(spikes.length).toBe(3);
    [2.951, 10.392, 18.178].forEach((neuron, j) => expect(Math.abs((spikes[j] + 1) * 0.001 - neuron)).toBeLessThan(0.05));
  });
  it('with the model\'s own initial gates (h = 1, as ANNarchy) the first spike comes earlier, at 2.52 ms', async () => {
    const { v } = await scenario({ m: 0, n: 0, h: 1 }, 5);
    // float32 (webgpu) moves the upstroke by a couple of 1 µs steps (2.520 ms measured on SwiftShader).
    expect(Math.abs(firstAboveZero(v, 0.001) - 2.522)).toBeLessThan(tolerance(0.0005, 500));
  });
});
