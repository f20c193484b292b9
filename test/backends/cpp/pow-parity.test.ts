// Networks whose equations raise to powers other than 2 (n**4, m**3, x^0.5, x^1.7), on js and cpp:
// the same bits after every step. Before the cpp backend called the port of V8's fdlibm pow
// (src/backends/cpp/fdlibm.ts), glibc's pow made the built-in HH_cond_exp (i_offset 2, dt 0.5, found
// by the fuzz harness) leave the js trajectory at step 21. Skipped when no g++/clang++.
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, HH_cond_exp, type BackendName } from '../../../src/index.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

/**
 * Runs `steps` steps one at a time on both backends; returns the first step where `vars` differ
 * (-1: never) and js's trajectory of `vars[0]`'s first element.
 */
async function firstDifference(build: (backend: BackendName) => Network, vars: string[], steps: number, dt: number) {
  const js = build('js'), cpp = build('cpp');
  await js.compile();
  await cpp.compile({ directory });
  const pj = js.populations[0], pc = cpp.populations[0];
  const trace: number[] = [];
  for (let s = 1; s <= steps; s++) {
    await js.simulate(dt);
    await cpp.simulate(dt);
    trace.push((pj.state.get(vars[0]) as Float64Array)[0]);
    for (const v of vars) {
      const a = pj.state.get(v) as Float64Array, b = pc.state.get(v) as Float64Array;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return { step: s, where: `${v}[${i}]: js ${a[i]}, cpp ${b[i]}`, trace };
    }
  }
  return { step: -1, where: '', trace };
}

describe.skipIf(!compiler)('cpp backend: pow is bit-identical to V8', () => {
  it('HH_cond_exp (built-in, i_offset 2, dt 0.5): n, m, h, v equal on js and cpp for 200 steps of its oscillation', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ dt: 0.5, seed: 7, backend });
      net.create(1, new HH_cond_exp({ i_offset: 2.0 }));
      return net;
    };
    const r = await firstDifference(build, ['v', 'n', 'm', 'h', 'an', 'ah'], 200, 0.5);
    expect(r.step, `first difference at step ${r.step}: ${r.where}`).toBe(-1);
    // A real trajectory, not a resting one: with Traub's h-gate rate (test/models/hh-traub.test.ts) v
    // spikes between about -89 and +48 mV at this dt, crossing -40 mV upwards 14 times in 100 ms
    // (ANNarchy's rate gave a subthreshold oscillation between -79 and -23 mV, 5 crossings).
    const crossings = r.trace.filter((v, i) => i > 0 && v > -40 && r.trace[i - 1] <= -40).length;
    expect(crossings).toBeGreaterThanOrEqual(10);
    expect(Math.max(...r.trace) - Math.min(...r.trace)).toBeGreaterThan(100);
  });

  it('fractional and negative exponents of a state variable: equal bits for 300 steps', async () => {
    const Powers = new Neuron({
      name: 'powers',
      parameters: 'tau = 7.0\na = 1.7',
      equations: `tau * dx/dt = 1.3 - x + 0.2 * sin(t / 3.0)
        r = x^a + power(x, -1.5) + pow(x + 0.1, 0.5) + x**3 - (x - 2.0)^3`,
    });
    const build = (backend: BackendName) => {
      const net = new Network({ dt: 0.1, seed: 1, backend });
      const p = net.create(50, Powers);
      p.x = Array.from({ length: 50 }, (_, i) => 0.05 + i * 0.071);
      p.a = Array.from({ length: 50 }, (_, i) => 0.5 + i * 0.0937);
      return net;
    };
    const r = await firstDifference(build, ['x', 'r'], 300, 0.1);
    expect(r.step, `first difference at step ${r.step}: ${r.where}`).toBe(-1);
  });
});
