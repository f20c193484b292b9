// Dossier §3.4 A4: built-in functions and conditionals, plus the ANNarchy bugs we do not copy.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';
import { column } from './helpers.js';

async function run(equations: string, steps: number, parameters = '') {
  const net = new Network();
  const pop = net.create(1, new Neuron({ parameters, equations }));
  const m = net.monitor(pop, 'r');
  await net.compile(compileFor());
  await net.simulate(steps);
  return { pop, rows: column(m.get('r') as Float64Array[]) };
}

describeBackends('built-in functions (A4)', () => {
  it('modulo(t, 3) over 10 steps', async () => {
    expect((await run('r = modulo(t, 3)', 10)).rows).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
  });
  it('power, clip', async () => {
    expect((await run('r = power(base, 3)', 1, 'base = 2.0')).rows).toEqual([8]);
    expect((await run('r = clip(-2, -1, 1)', 1)).rows).toEqual([-1]);
    expect((await run('r = clip(0, -1, 1)', 1)).rows).toEqual([0]);
    expect((await run('r = clip(2, -1, 1)', 1)).rows).toEqual([1]);
  });
  it('ANNarchy bugs not copied: real division, modulo is a function, power for real exponents', async () => {
    expect((await run('r = 1/2', 1)).rows).toEqual([0.5]);
    expect((await run('r = 3 * modulo(7, 4)', 1)).rows).toEqual([9]);
    expect((await run('r = modulo(-7, 3) + 10*modulo(6.4, 4)', 1)).rows).toEqual([-1 + 20]);
    expect((await run('r = power(4.0, 2.5)', 1)).rows).toEqual([32]);
    expect((await run('r = power(3.0, 0)', 1)).rows).toEqual([1]);
  });
});

describeBackends('conditionals (A4)', () => {
  const cases: [string, number, string?][] = [
    ['r = if (t is 1): 1.0 else: 0.0', 0],
    ['r = if (t <= 5): 0 else: if (t >= 7): 2 else: 1', 2],
    ['dr/dt = if t > 5: 1 else: 0', 4],
    ['r = ite(t is 1, 1.0, 0.0)', 0],
    ['r = ite(state >= 2, 2, ite(state == 1, 1, 0))', 2, 'state = 2'],
    ['dr/dt = ite((t > 5) and (t < 20), 1, 0)', 4],
  ];
  for (const [eq, expected, params] of cases) {
    it(`${eq} → ${expected} after 10 steps`, async () => {
      const { pop } = await run(eq, 10, params ?? '');
      expect(pop.r[0]).toBe(expected);
    });
  }
});
