/**
 * Applying a {@link ConnectivityChange} to a projection on the host, for every backend.
 *
 * The projection's connectivity (post-major CSR with pre ranks sorted in each dendrite, as
 * ANNarchy's LIL keeps them) is rebuilt with the change; every per-synapse array is gathered from
 * the old one (kept synapses keep their values and their event clock), created synapses take the
 * model's initial values, or a draw of the distribution last written to the whole attribute
 * (`proj.alpha = new Uniform(…)`, as ANNarchy), and their weight and delay from the change. Dendrites never move: a dendrite
 * whose synapses were all pruned stays, empty, so `proj.dendrite(post)` objects stay valid. Once
 * compiled, the derived index arrays (inverse indices, synapse → dendrite) are rebuilt by the same
 * code as at compile (`runtime/state.ts`), and spikes in flight on per-synapse delays follow their
 * synapse (those of pruned synapses are dropped). Engines see new arrays in the state maps: js
 * reads them at every kernel call, cpp adopts replaced arrays before the next run, webgpu rebuilds
 * its layout when an array length changed.
 */
import { NetworkError } from '../errors.js';
import type { ConnectivityData } from '../core/connect-methods.js';
import type { Projection } from '../core/Projection.js';
import { initialiseAttributes } from '../core/initialise.js';
import type { NetworkPlan } from '../ir/plan.js';
import type { Engine } from '../runtime/engine.js';
import { allocateProjection } from '../runtime/state.js';
import type { ConnectivityChange } from './change.js';

/** The new connectivity and, for each of its synapses, the old index (≥ 0) or `-1 - n` for `change.add[n]`. */
export interface Rebuilt {
  connectivity: ConnectivityData;
  source: Int32Array;
}

/** The connectivity after `change` (pure: `c` is not modified). */
export function rebuildConnectivity(c: ConnectivityData, change: ConnectivityChange): Rebuilt {
  const nd = c.postRanks.length;
  const added: number[][] = Array.from({ length: nd }, () => []);
  change.add.forEach((s, n) => added[s.dendrite].push(n));
  const rowPtr = new Int32Array(nd + 1);
  const pre: number[] = [];
  const source: number[] = [];
  for (let i = 0; i < nd; i++) {
    // Merge the kept synapses (sorted) with the new ones (sorted here) by pre rank.
    const fresh = added[i].sort((a, b) => change.add[a].pre - change.add[b].pre);
    let f = 0;
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) {
      if (change.remove.has(k)) continue;
      while (f < fresh.length && change.add[fresh[f]].pre < c.preRanks[k]) { pre.push(change.add[fresh[f]].pre); source.push(-1 - fresh[f]); f++; }
      pre.push(c.preRanks[k]);
      source.push(k);
    }
    for (; f < fresh.length; f++) { pre.push(change.add[fresh[f]].pre); source.push(-1 - fresh[f]); }
    rowPtr[i + 1] = pre.length;
  }
  const src = Int32Array.from(source);
  let delaySteps: number | Int32Array = c.delaySteps;
  let maxDelay = c.maxDelay;
  if (typeof c.delaySteps !== 'number') {
    const old = c.delaySteps;
    delaySteps = Int32Array.from(src, (k) => (k >= 0 ? old[k] : change.add[-1 - k].delaySteps));
    for (const s of change.add) maxDelay = Math.max(maxDelay, s.delaySteps);
  }
  return {
    connectivity: { postRanks: c.postRanks, rowPtr, preRanks: Int32Array.from(pre), singleWeight: false, delaySteps, maxDelay },
    source: src,
  };
}

/** `old` gathered through `source`; created synapses get `fresh(n)`. */
function gather<T extends Float64Array | Int32Array>(old: T, source: Int32Array, fresh: (n: number) => number): T {
  const out = new (old.constructor as new (n: number) => T)(source.length);
  for (let k = 0; k < source.length; k++) out[k] = source[k] >= 0 ? old[source[k]] : fresh(-1 - source[k]);
  return out;
}

/** What the runtime knows beyond the projection (absent before compile). */
export interface RewireContext {
  plan?: NetworkPlan;
  engine?: Engine;
  /** The step the network is at (the next to run): the event clock of created synapses. */
  step: number;
  /** The projection's values at compile (what `reset()` restores), gathered the same way. */
  initial?: Map<string, Float64Array>;
}

/** Applies `change` to `proj`'s connectivity and state. */
export function rewireProjection(proj: Projection, change: ConnectivityChange, ctx: RewireContext): void {
  const c = proj.requireConnected();
  if (c.singleWeight) {
    throw new NetworkError(`projection '${proj.name}' shares one weight (connected before structuralPlasticity was enabled): enable structuralPlasticity before connecting it, or connect with forceMultipleWeights: true`);
  }
  const { connectivity, source } = rebuildConnectivity(c, change);
  const what = `projection '${proj.name}', created synapse`;
  // The model's initial values of the local attributes, one per created synapse (w from the change).
  const locals = proj.description.attributes.filter((a) => a.locality === 'local' && a.name !== 'w');
  const fresh = new Map<string, Float64Array>();
  // Initial values that refer to another attribute read the semiglobal/global ones as they are now.
  for (const a of proj.description.attributes) if (a.locality !== 'local') fresh.set(a.name, proj.f64(a.name));
  initialiseAttributes(locals, { local: change.add.length, semiglobal: c.postRanks.length, global: 1 }, fresh, proj.network, what);
  // A distribution the user wrote to the whole attribute (`proj.alpha = new Uniform(…)`) replaces the init, as in ANNarchy.
  for (const [name, sampler] of proj.createdValues) if (locals.some((a) => a.name === name)) fresh.set(name, sampler.sample(change.add.length, proj.network.rng));
  fresh.set('w', Float64Array.from(change.add, (s) => s.w));
  const pending = ctx.plan && ctx.plan.projections[proj.id].delay.kind === 'variable' ? ctx.engine?.getPendingEvents?.(proj.id) : undefined;
  const lastEvent = proj.state.get('_last_event') as Int32Array | undefined;
  for (const a of proj.description.attributes) {
    if (a.locality !== 'local') continue;
    const newValues = fresh.get(a.name)!;
    proj.state.set(a.name, gather(proj.f64(a.name), source, (n) => newValues[n]));
    const init = ctx.initial?.get(a.name);
    if (init) ctx.initial!.set(a.name, gather(init, source, (n) => newValues[n]));
  }
  proj.connectivity = connectivity;
  if (ctx.plan) {
    const p = ctx.plan.projections[proj.id] as { synapses: number };
    p.synapses = connectivity.preRanks.length;
    allocateProjection(ctx.plan, proj);
    // Kept synapses keep their event clock; created ones start now (their variables are as of now).
    if (lastEvent) proj.state.set('_last_event', gather(lastEvent, source, () => ctx.step));
    if (pending) {
      const to = new Int32Array(c.preRanks.length).fill(-1);
      source.forEach((k, n) => { if (k >= 0) to[k] = n; });
      const ptr = new Int32Array(pending.ptr.length);
      const syn: number[] = [];
      for (let a = 0; a + 1 < pending.ptr.length; a++) {
        for (let m = pending.ptr[a]; m < pending.ptr[a + 1]; m++) if (to[pending.syn[m]] >= 0) syn.push(to[pending.syn[m]]);
        ptr[a + 1] = syn.length;
      }
      ctx.engine!.setPendingEvents!(proj.id, { ptr, syn: Int32Array.from(syn) });
    }
  }
}
