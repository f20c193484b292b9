/**
 * Neuron kernels as WGSL (twins of `../js/neuron.ts`): the global equations (one invocation), then
 * one invocation per neuron running the local equations, refractoriness, the spike condition and
 * the reset. A neuron that spikes appends its rank to the population's spike list with `atomicAdd`
 * on the counter in `A`: the list is complete but its order depends on scheduling (the engine sorts
 * it after reading it back, so monitors see ranks in increasing order as with `js`).
 */
import type { NetworkPlan, PopulationPlan } from '../../ir/plan.js';
import type { Layout } from './memory.js';
import { plainMem } from './memory.js';
import { wgslDialect } from './spelling.js';
import { neuronParts, neuronTemps, type NeuronTarget } from '../kernels/neuron.js';
import { neuronScope, neuronContext } from './scope.js';
import { gateCheck, type Gate, type Kernel } from './kernel.js';

/** The WGSL places of the shared neuron kernel (`../kernels/neuron.ts`): regions of the packed buffers. */
function target(pop: PopulationPlan, net: NetworkPlan, L: Layout): NeuronTarget {
  const scope = neuronScope(pop, net, L, plainMem, neuronTemps(pop));
  const o = (n: string) => L.off('pop', pop.id, n);
  return {
    d: wgslDialect,
    scope: () => scope,
    context: (sc, _mode, refractory) => neuronContext(pop, sc, L, plainMem, refractory ? '_inref' : undefined),
    el: (name, idx) => `I[${o(name)} + ${idx}]`,
    list: (kind) => (kind === 'spike'
      ? { element: (k) => `I[${o('_spiked')} + ${k}]`, count: `A[${o('_nspiked')}]` }
      : { element: (k) => `I[${o('_axon_spiked')} + ${k}]`, count: `A[${o('_naxon')}]` }),
    step: 'U.step',
    dt: 'DT',
  };
}

/**
 * The kernels of a (non-special) population's update: the global equations (one invocation), then
 * one invocation per neuron; both return at once where `gate` (the call's) is off.
 */
export function neuronKernels(pop: PopulationPlan, net: NetworkPlan, L: Layout, gate: Gate): Kernel[] {
  const parts = neuronParts(pop, target(pop, net, L));
  const kernels: Kernel[] = [];
  if (parts.global.length) {
    kernels.push({
      name: `pop${pop.id}_global`, stage: 1, mem: plainMem, dispatch: { threads: 1 },
      body: ['if (gi != 0) { return; }', ...gateCheck(gate), 'let i = 0;', ...parts.global],
    });
  }
  // Each invocation computes the invariant values itself (the same operations, so the same bits).
  const body = ['let i = gi;', `if (i >= ${pop.size}) { return; }`, ...gateCheck(gate), ...parts.invariants, ...parts.inref, ...parts.local, ...parts.emit, ...parts.axon];
  kernels.push({ name: `pop${pop.id}_update`, stage: 1, mem: plainMem, dispatch: { threads: pop.size }, body });
  return kernels;
}
