// ANNarchy: tests/Common/test_NumericalMethod.py
// test_Explicit … test_Exponential are compile-and-run classes (in ANNarchy they derive from `object`
// and never run); here they run, and the uncoupled synaptic decay tau*dw/dt = -w is checked after one
// step against each method's update factor. test_Precision is ANNarchy's only numeric assertion.
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, Uniform, type BackendName } from '../../src/index.js';
import { column } from './helpers.js';

async function codegen(backend: BackendName, method: string, coupled: boolean) {
  const net = new Network();
  const pop = net.create(10, new Neuron({
    parameters: 'tau = 10.0\n V_l = 1.0',
    equations: coupled
      ? `tau * dv/dt = V_l - v + g_exc : ${method}\n tau * dg_exc/dt = - g_exc : ${method}`
      : `tau * dv/dt = V_l - v + g_exc : ${method}`,
    spike: 'v > 1',
  }));
  const proj = net.connect(pop, pop, 'exc', new Synapse({
    parameters: 'tau = 10.0 : projection',
    equations: coupled ? `tau * dw/dt = -w + u : ${method}\n tau * du/dt = -u +1 : ${method}` : `tau * dw/dt = -w : ${method}`,
  }));
  proj.connectAllToAll({ weights: new Uniform(1.0, 2.0) });
  await net.compile(compileOptions(backend));
  const w0 = (proj.w as Float64Array[]).map((d) => Array.from(d));
  await net.simulate(1.0);
  const w1 = (proj.w as Float64Array[]).map((d) => Array.from(d));
  return { w0, w1, pop };
}

describeFloat64Backends('test_NumericalMethod', (backend) => {
  const factor: Record<string, number> = { explicit: 0.9, implicit: 1 / 1.1, midpoint: 1 - 0.1 + 0.005 };
  for (const [cls, method, coupled] of [
    ['test_Explicit', 'explicit', true], ['test_Implicit', 'implicit', false], ['test_ImplicitCoupled', 'implicit', true],
    ['test_Midpoint', 'midpoint', false], ['test_MidpointCoupled', 'midpoint', true], ['test_Exponential', 'exponential', true],
  ] as const) {
    it(`${cls}.test_work: compiles and simulates 1 ms with ${method}${coupled ? ' (coupled)' : ''}`, async () => {
      const { w0, w1, pop } = await codegen(backend, method, coupled);
      for (const x of pop.v as Float64Array) expect(Number.isFinite(x)).toBe(true);
      w0.forEach((d, i) => d.forEach((w, j) => {
        // coupled with u(0) = 0: the first step of dw/dt = (-w + u)/tau still sees u = 0 (explicit)
        const f = !coupled ? factor[method] : method === 'explicit' ? 0.9 : undefined;
        if (f !== undefined) expect(w1[i][j]).toBeCloseTo(w * f, 12);
        else expect(w1[i][j]).toBeLessThan(w);
      }));
    });
  }

  it('test_Precision.test_precision: the four methods stay within 0.05 of their mean', async () => {
    const net = new Network();
    const methods = ['explicit', 'implicit', 'midpoint', 'exponential'] as const;
    const pops = methods.map((m) => net.create(1, new Neuron({
      parameters: 'tau = 10.0\n I = 0.0',
      equations: `tau * dv/dt = -v -u + I : ${m}\n tau * du/dt = - u + I : ${m}\n r = pos(v)`,
    }), { name: m }));
    const mons = pops.map((p) => net.monitor(p, ['v', 'u']));
    await net.compile(compileOptions(backend));
    await net.simulate(20);
    for (const p of pops) p.I = 1.0;
    await net.simulate(80);
    const v = mons.map((m) => column(m.get('v') as Float64Array[]));
    const mean = v[0].map((_, k) => (v[0][k] + v[1][k] + v[2][k] + v[3][k]) / 4);
    for (const data of v) expect(Math.max(...data.map((x, k) => Math.abs(x - mean[k])))).toBeLessThan(0.05);
    // first step after I = 1 (index 20), by hand from each method's update formula
    expect(v[0][20]).toBeCloseTo(0.1, 12);
    expect(v[1][20]).toBeCloseTo(0.1 / 1.21, 12);
    expect(v[2][20]).toBeCloseTo(0.09, 12);
    expect(v[3][20]).toBeCloseTo(1 - Math.exp(-0.1), 12);
  });
});
