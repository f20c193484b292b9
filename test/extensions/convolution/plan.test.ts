// Convolution and Pooling in the network plan (issue 17): the transmission variant `shared`, one
// filter bank in memory (`w` has the filter's length, not one value per synapse), the window arrays
// `_sh_pre` / `_sh_wofs`, and the table of arrays matching what compile allocates.
import { describe, it, expect } from 'vitest';
import { Network, Neuron } from '../../../src/index.js';
import { Convolution, Pooling } from '../../../src/extensions/convolution/index.js';

describe('Convolution in the plan', () => {
  it('a 3×3 filter on a 64×64 map keeps 9 weights; windows of 9 ranks per neuron; the table matches the state', async () => {
    const net = new Network({ dt: 1 });
    const a = net.create([64, 64], new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' }));
    const b = net.create([64, 64], new Neuron({ equations: 'r = sum(exc) + sum(inh)' }));
    const c = net.create([32, 32], new Neuron({ equations: 'r = sum(exc)' }));
    net.connect(new Convolution(a, b, 'exc')).connectFilter([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], { delays: 2 });
    net.connect(new Pooling(b, c, 'exc')).pooling();
    net.connect(new Convolution(a, b, 'inh')).connectFilter([[1, 1], [1, 1]], { padding: 0.5 });
    await net.compile();
    const plan = net.plan!;
    const row = (id: number, name: string) => plan.arrays.find((r) => r.owner === 'proj' && r.id === id && r.name === name);
    expect(row(0, 'w')).toMatchObject({ dtype: 'f64', length: 9, lengthFormula: 'filter', locality: 'global' });
    expect(row(0, '_sh_pre')).toMatchObject({ dtype: 'i32', length: 64 * 64 * 9, lengthFormula: 'window × post.size', role: 'connectivity' });
    expect(row(1, '_sh_pre')!.length).toBe(32 * 32 * 4);
    expect(plan.projections[0].special).toEqual({ kind: 'shared', window: 9, weights: 9, padding: 0, indexed: false, operation: 'sum' });
    expect(plan.projections[1].special).toEqual({ kind: 'shared', window: 4, weights: 4, padding: null, indexed: false, operation: 'max' });
    expect(plan.projections[2].special).toEqual({ kind: 'shared', window: 4, weights: 4, padding: 0.5, indexed: false, operation: 'sum' });
    expect(plan.projections[0].delay).toEqual({ kind: 'uniform', steps: 2 });
    expect(plan.schedule.filter((k) => k.kind === 'transmission').map((k) => k.variant)).toEqual(['shared', 'shared', 'shared']);
    expect(plan.schedule.find((k) => k.kind === 'transmission' && k.id === 0)).toMatchObject({ kind: 'transmission', owner: 'proj', id: 0, writes: [{ owner: 'pop', id: 1, name: '_sum_exc' }] });
    // the table lists exactly the arrays compile allocated, with their types and lengths
    const state = (owner: 'pop' | 'proj', id: number) => (owner === 'pop' ? net.populations[id] : net.projections[id]).state;
    for (const r of plan.arrays) {
      const arr = state(r.owner, r.id).get(r.name);
      expect(arr, `${r.owner} ${r.id} ${r.name}`).toBeDefined();
      expect(arr instanceof Int32Array ? 'i32' : 'f64', r.name).toBe(r.dtype);
      expect(arr!.length, r.name).toBe(r.length);
    }
    const listed = new Set(plan.arrays.map((r) => `${r.owner}:${r.id}:${r.name}`));
    net.projections.forEach((p) => { for (const k of p.state.keys()) expect(listed.has(`proj:${p.id}:${k}`), k).toBe(true); });
    // window-major: element m of neuron i at m · 4096 + i
    const win = (i: number) => [0, 1, 2, 3].map((m) => (net.projections[2].state.get('_sh_pre') as Int32Array)[m * 4096 + i]);
    // post neuron (0, 0), 2×2 filter (centre index 0): ranks (0,0) (0,1) (1,0) (1,1)
    expect(win(0)).toEqual([0, 1, 64, 65]);
    // last post neuron: only (63, 63) inside, the rest padding (−1)
    expect(win(4095)).toEqual([4095, -1, -1, -1]);
  });
});
