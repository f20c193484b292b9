// Dossier §3.4 A15: the four methods on a coupled linear system, values from the generated formulas.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

const table: Record<string, number[]> = {
  // v after step index 20 / 30 / 50 / 99
  explicit: [0.1, 0.3835462841, 0.1314125907, 0.0019419956],
  implicit: [0.0826446281, 0.3504938995, 0.1468235663, 0.0035504425],
  midpoint: [0.09, 0.3648555750, 0.1396566369, 0.0027075111],
  exponential: [0.0951625820, 0.3850919322, 0.1468738452, 0.0028224730],
};

describeBackends('numerical methods on a coupled system (A15)', () => {
  for (const [method, expected] of Object.entries(table)) {
    it(method, async () => {
      const net = new Network();
      const pop = net.create(1, new Neuron({
        parameters: 'tau = 10.0 : population\n I = 0.0 : population',
        equations: `tau * dv/dt = -v - u + I : ${method}\n tau * du/dt = -u + I : ${method}\n r = v`,
      }));
      const m = net.monitor(pop, 'v');
      await net.compile(compileFor());
      await net.simulate(20);
      pop.I = 1.0;
      await net.simulate(80);
      const v = (m.get('v') as Float64Array[]).map((row) => row[0]);
      [20, 30, 50, 99].forEach((s, k) => expect(Math.abs(v[s] - expected[k]), `v[${s}]`).toBeLessThan(tolerance(1e-9, 0.4))); // 0.4: the trajectory's peak
    });
  }
});
