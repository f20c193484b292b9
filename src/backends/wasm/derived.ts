/**
 * The wasm engine's own arrays of each projection: per projection whose spikes walk the inverse
 * indices (`../kernels/inverse.ts`), the post-synaptic rank of every inverse entry (`_ipost`) and,
 * where no kernel writes the weights, the weights in inverse order (`_iw`), rebuilt from the state
 * before a run whenever the connectivity or the weights may have changed (a write by the user,
 * `load()`); per projection with per-synapse spike delays, its ring of synapses in flight (`./ring.ts`).
 */
import type { NetworkPlan } from '../../ir/plan.js';
import type { StateMap } from '../../runtime/engine.js';
import { hasInverse, mirrorsWeights } from '../kernels/inverse.js';
import { hasSpikeRing } from '../kernels/synapse-loops.js';
import { ringArrays } from './ring.js';

/**
 * The type of a projection's weights, which their copy in inverse order keeps (Float32Array with
 * precision 'float32': the same values, half the bytes to read).
 */
function weightArray(state: StateMap): Float64ArrayConstructor | Float32ArrayConstructor {
  return state.get('w') instanceof Float32Array ? Float32Array : Float64Array;
}

/** One map per projection (empty where there is nothing to derive), sized from the current state. */
export function derivedMaps(plan: NetworkPlan, state: readonly StateMap[]): StateMap[] {
  return plan.projections.map((proj) => {
    const m: StateMap = new Map();
    if (hasSpikeRing(proj)) for (const [name, arr] of ringArrays(proj.delay.kind === 'variable' ? proj.delay.maxSteps : 1)) m.set(name, arr);
    if (!hasInverse(proj)) return m;
    const n = state[proj.id].get('_inv_idx')!.length;
    m.set('_ipost', new Int32Array(n));
    if (mirrorsWeights(proj)) m.set('_iw', new (weightArray(state[proj.id]))(n));
    return m;
  });
}

/**
 * Fills the derived arrays from the state; an array whose length no longer fits is replaced by a
 * new one (which the memory adopts at its next sync). Returns whether any was replaced.
 */
export function fillDerived(plan: NetworkPlan, state: readonly StateMap[], derived: readonly StateMap[]): boolean {
  let replaced = false;
  for (const proj of plan.projections) {
    const m = derived[proj.id];
    if (!m.has('_ipost')) continue;
    const s = state[proj.id];
    const inv = s.get('_inv_idx') as Int32Array, dendrite = s.get('_syn_dendrite') as Int32Array, post = s.get('_post_rank') as Int32Array;
    let ipost = m.get('_ipost') as Int32Array;
    if (ipost.length !== inv.length) { ipost = new Int32Array(inv.length); m.set('_ipost', ipost); replaced = true; }
    for (let j = 0; j < inv.length; j++) ipost[j] = post[dendrite[inv[j]]];
    let iw = m.get('_iw') as Float64Array | Float32Array | undefined;
    if (iw) {
      const w = s.get('w') as Float64Array | Float32Array;
      if (iw.length !== inv.length || iw.constructor !== w.constructor) { iw = new (weightArray(s))(inv.length); m.set('_iw', iw); replaced = true; }
      for (let j = 0; j < inv.length; j++) iw[j] = w[inv[j]];
    }
  }
  return replaced;
}
