// Dossier §3.4 A1: locality of equations, `t`, bounds.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';
import { column } from './helpers.js';

describeBackends('neuron update (A1)', () => {
  it('local, global and mixed equations see t in ms; bounds clip after every update', async () => {
    const net = new Network({ seed: 1 });
    const local = net.create(3, new Neuron({ equations: 'noise = Uniform(0,1)\n r = t' }));
    const global = net.create(3, new Neuron({ equations: 'noise = Uniform(0,1) : population\n glob_r = t : population\n r = t' }));
    const mixed = net.create(3, new Neuron({ parameters: 'glob_par = 1.0: population', equations: 'r = t + glob_par' }));
    const bound = net.create(3, new Neuron({ parameters: 'min_r=1.0: population\n max_r=3.0: population', equations: 'r = t : min=min_r, max=max_r' }));
    const m = net.monitor(bound, 'r');
    await net.compile(compileFor());
    await net.simulate(5);
    expect(Array.from(local.r)).toEqual([4, 4, 4]);
    expect(global.glob_r).toBe(4);
    expect(Array.from(mixed.r)).toEqual([5, 5, 5]);
    expect(column(m.get('r') as Float64Array[])).toEqual([1, 1, 2, 3, 3]);
    // Uniform(0,1) drawn every step, within bounds
    const noise = local.noise as Float64Array;
    for (const x of noise) { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThan(1); }
    expect(new Set(noise).size).toBe(3);
  });

  it('consecutive ODEs see the previous values; an assignment between them sees the new ones', async () => {
    // tau*du/dt = v - u ; I = g_exc - g_inh ; tau*dk/dt = v - k ; tau*dv/dt = I - v - u + k  (dossier §2.4)
    const net = new Network();
    const pop = net.create(1, new Neuron({
      parameters: 'tau = 2.0\n g = 1.0',
      equations: `tau*du/dt = v - u
        I = g + v
        tau*dk/dt = v - k
        tau*dv/dt = I - v - u + k : init = 1.0
        r = v`,
    }));
    await net.compile(compileFor());
    await net.step();
    // u: (1 - 0)/2 = 0.5 (old v). I = 1 + 1 = 2 (v still 1). k and v form one block:
    // k: (1 - 0)/2 = 0.5 with the old v; v: 1 + (2 - 1 - 0.5 + 0)/2 = 1.25 with the new u and I, old k.
    expect(pop.u[0]).toBe(0.5);
    expect(pop.I[0]).toBe(2);
    expect(pop.k[0]).toBe(0.5);
    expect(pop.v[0]).toBe(1.25);
  });
});
