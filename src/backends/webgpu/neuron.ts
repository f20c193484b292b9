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
import { renderExpr } from '../render.js';
import { wgslSpelling } from './spelling.js';
import { neuronScope, neuronContext } from './scope.js';
import { renderSteps, renderAssignment, indent, tempNames } from './statements.js';
import type { Kernel } from './kernel.js';

/** `if (EN[pop] == 0) { return; }` */
export function enabledCheck(L: Layout, popId: number): string {
  return `if (I[${L.get('net', 0, 'enabled').offset + popId}] == 0) { return; }`;
}

/** The statements that record a spike of neuron `i` in this step. */
export function emitSpike(pop: PopulationPlan, L: Layout, refractorySteps?: string): string[] {
  const o = (n: string) => L.off('pop', pop.id, n);
  return [
    `let _slot = atomicAdd(&A[${o('_nspiked')}], 1);`,
    `I[${o('_spiked')} + _slot] = i;`,
    `I[${o('_last_spike')} + i] = U.step;`,
    ...(refractorySteps ? [`I[${o('_refr_left')} + i] = ${refractorySteps};`] : []),
  ];
}

/** Refractory steps of neuron `i` (JS `Math.round` of ms/dt for an attribute), or undefined. */
export function refractorySteps(pop: PopulationPlan, L: Layout): string | undefined {
  const r = pop.refractory;
  if (!r) return undefined;
  if (r.kind === 'steps') return String(r.steps);
  const global = pop.description.attributes.find((a) => a.name === r.name)?.locality === 'global';
  return `i32(floor(F[${L.off('pop', pop.id, r.name)} + ${global ? '0' : 'i'}] / DT + 0.5))`;
}

/** The kernels of a (non-special) population's update. */
export function neuronKernels(pop: PopulationPlan, net: NetworkPlan, L: Layout): Kernel[] {
  const d = pop.description;
  const global = d.sections.find((s) => s.locality === 'global')?.steps ?? [];
  const local = d.sections.find((s) => s.locality === 'local')?.steps ?? [];
  const temps = new Set([...tempNames(global), ...tempNames(local)]);
  const scope = neuronScope(pop, net, L, plainMem, temps);
  const kernels: Kernel[] = [];
  if (global.length) {
    kernels.push({
      name: `pop${pop.id}_global`, stage: 1, mem: plainMem, dispatch: { threads: 1 },
      body: ['if (gi != 0) { return; }', enabledCheck(L, pop.id), 'let i = 0;', ...renderSteps(global, neuronContext(pop, scope, L, plainMem))],
    });
  }
  const refractory = pop.spiking && pop.refractory !== undefined;
  const body = [`let i = gi;`, `if (i >= ${pop.size}) { return; }`, enabledCheck(L, pop.id)];
  if (refractory) body.push(`let _inref: bool = I[${L.off('pop', pop.id, '_refr_left')} + i] <= 0;`);
  body.push(...renderSteps(local, neuronContext(pop, scope, L, plainMem, refractory ? '_inref' : undefined)));
  if (pop.spiking && d.spike) {
    const ctx = neuronContext(pop, scope, L, plainMem);
    const cond = renderExpr(d.spike.condition, scope, wgslSpelling);
    const onSpike = [...d.reset.flatMap((a) => renderAssignment(a, ctx)), ...emitSpike(pop, L, refractorySteps(pop, L))];
    const rl = `I[${L.off('pop', pop.id, '_refr_left')} + i]`;
    if (refractory) body.push(`if (!_inref) { ${rl} = ${rl} - 1; }`, `else if (nx_truthy(${cond})) {`);
    else body.push(`if (nx_truthy(${cond})) {`);
    body.push(...indent(onSpike), '}');
  }
  if (pop.spiking && d.axonSpike) {
    // Axonal spikes: an extra event, tested whatever the refractoriness (ANNarchy's axon_spike).
    const ctx = neuronContext(pop, scope, L, plainMem);
    const cond = renderExpr(d.axonSpike.condition, scope, wgslSpelling);
    body.push(
      `if (nx_truthy(${cond})) {`,
      ...indent(d.axonReset.flatMap((a) => renderAssignment(a, ctx))),
      `  let _aslot = atomicAdd(&A[${L.off('pop', pop.id, '_naxon')}], 1);`,
      `  I[${L.off('pop', pop.id, '_axon_spiked')} + _aslot] = i;`,
      '}',
    );
  }
  kernels.push({ name: `pop${pop.id}_update`, stage: 1, mem: plainMem, dispatch: { threads: pop.size }, body });
  return kernels;
}
