/**
 * The `js` backend: one specialised function per kernel, generated as source over typed arrays and
 * turned into code once with `new Function` (no per-neuron interpretation, no closures per
 * synapse), plus a generated `step` function that calls them in ANNarchy's order.
 */
import type { NetworkPlan } from '../../ir/plan.js';
import type { Backend, Engine, EngineInput } from '../../runtime/engine.js';
import { neuronKernel, stopConditionKernel } from './neuron.js';
import { rateTransmissionKernel, spikeTransmissionKernel, synapseUpdateKernel, postEventKernel } from './projection.js';
import { randomKernel, globalOpsKernel, delayKernel } from './phases.js';
import { renderExpr } from '../render.js';
import { jsSpelling, jsBuiltins } from './spelling.js';
import { fillDraws } from '../../random/draws.js';
import { specialPopulationKernel, specialProjectionKernel, specialRuntime } from './special.js';
import { InternalError } from '../../errors.js';

/** Generates the whole module source: kernels, functions and the step function. */
export function generateSource(plan: NetworkPlan): string {
  const parts: string[] = ['"use strict";'];
  const fnNames = new Set<string>();
  const allFunctions = [
    ...plan.functions,
    ...plan.populations.flatMap((p) => p.description.functions),
    ...plan.projections.flatMap((p) => p.description.functions),
  ];
  for (const f of allFunctions) {
    if (fnNames.has(f.name)) continue;
    fnNames.add(f.name);
    const params = new Set(f.params);
    const scope = {
      sym: (n: string) => (params.has(n) ? n : n === 'pi' ? 'Math.PI' : plan.constants.includes(n) ? `C[${plan.constants.indexOf(n)}]` : n),
      attr: () => { throw new InternalError('pre/post in a function'); },
      sum: () => { throw new InternalError('sum() in a function'); },
      globalop: () => { throw new InternalError('global operation in a function'); },
      rand: () => { throw new InternalError('random draw in a function'); },
    };
    parts.push(`function F_${f.name}(${f.params.join(', ')}) { return ${renderExpr(f.body, scope, jsSpelling)}; }`);
  }
  const step: string[] = ['function step(step) {'];
  // 1. weighted sums cleared, 2. transmission, 3. recording of inputs
  for (const p of plan.populations) for (const t of p.sumTargets) step.push(`  if (EN[${p.id}]) P[${p.id}].get('_sum_${t}').fill(0);`);
  for (const proj of plan.projections) {
    parts.push(proj.special ? specialProjectionKernel(proj, plan)
      : proj.type === 'rate' ? rateTransmissionKernel(proj, plan) : spikeTransmissionKernel(proj, plan));
    step.push(`  if (EN[${proj.post}]) proj${proj.id}_transmit(step);`);
  }
  step.push('  if (H.active) H.recordTargets(step);');
  // 3b. random draws
  for (const p of plan.populations) {
    if (p.special) continue; // special kernels (special.ts) draw their own numbers, if any
    const k = randomKernel({ kind: 'pop', plan: p }, plan);
    if (k) { parts.push(k); step.push(`  if (EN[${p.id}]) pop${p.id}_random(step);`); }
  }
  for (const proj of plan.projections) {
    const k = randomKernel({ kind: 'proj', plan: proj }, plan);
    if (k) { parts.push(k); step.push(`  proj${proj.id}_random(step);`); }
  }
  // 4. neurons
  for (const p of plan.populations) {
    parts.push(p.special ? specialPopulationKernel(p, plan) : neuronKernel(p, plan));
    step.push(p.spiking
      ? `  if (EN[${p.id}]) pop${p.id}_update(step); else { P[${p.id}].get('_nspiked')[0] = 0;${p.description.axonSpike ? ` P[${p.id}].get('_naxon')[0] = 0;` : ''} }`
      : `  if (EN[${p.id}]) pop${p.id}_update(step);`);
    const stop = stopConditionKernel(p, plan);
    if (stop) parts.push(stop);
  }
  step.push('  if (H.active) H.afterNeurons(step);');
  // 5. delays, 6. global operations
  for (const p of plan.populations) {
    const k = delayKernel(p);
    if (k) { parts.push(k); step.push(`  pop${p.id}_delay(step);`); }
  }
  for (const p of plan.populations) {
    const k = globalOpsKernel(p);
    if (k) { parts.push(k); step.push(`  pop${p.id}_globalops(step);`); }
  }
  // 7. synaptic equations, 8. post-synaptic events
  for (const proj of plan.projections) {
    if (proj.hasUpdate) { parts.push(synapseUpdateKernel(proj, plan)); step.push(`  if (EN[${proj.post}]) proj${proj.id}_update(step);`); }
  }
  for (const proj of plan.projections) {
    if (proj.hasPostEvents) { parts.push(postEventKernel(proj, plan)); step.push(`  proj${proj.id}_post(step);`); }
  }
  // 9. recording
  step.push('  if (H.active) H.record(step);', '}');
  parts.push(step.join('\n'));
  const stops = plan.populations.filter((p) => p.stopCondition).map((p) => `${p.id}: pop${p.id}_stop`);
  parts.push(`return { step, stop: { ${stops.join(', ')} } };`);
  return parts.join('\n\n');
}

interface Compiled {
  step(step: number): void;
  stop: Record<number, (step: number) => boolean>;
}

/** Per-projection runtime flags and the spike ring of variable delays, as the kernels see them. */
function projectionFlags(input: EngineInput) {
  return input.plan.projections.map((plan) => {
    const proj = input.switches[plan.id];
    const ringLength = plan.delay.kind === 'variable' ? plan.delay.maxSteps : 1;
    return {
      get transmission() { return proj.transmission; },
      get update() { return proj.update; },
      get plasticity() { return proj.plasticity; },
      get learningPeriod() { return proj.learningPeriod; },
      get learningOffset() { return proj.learningOffset; },
      get axonTransmission() { return proj.axonTransmission; },
      ring: Array.from({ length: ringLength }, () => [] as number[]),
      ringIdx: 0,
    };
  });
}

export class JsEngine implements Engine {
  readonly backend = 'js' as const;
  readonly source: string;
  readonly #compiled: Compiled;
  readonly #flags: ReturnType<typeof projectionFlags>;
  readonly #plan: NetworkPlan;

  constructor(input: EngineInput) {
    this.#plan = input.plan;
    this.source = generateSource(input.plan);
    this.#flags = projectionFlags(input);
    const P = input.state.populations;
    const J = input.state.projections;
    const R = { fill: fillDraws, ...specialRuntime };
    const H = input.hooks;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the AST, never from user text
    const make = new Function('P', 'J', 'X', 'B', 'R', 'C', 'H', 'EN', 'dt', 'SEED', this.source);
    this.#compiled = make(P, J, this.#flags, jsBuiltins, R, input.constants, H, input.enabled, input.plan.dt, input.plan.seed) as Compiled;
  }

  run(start: number, count: number): void {
    const step = this.#compiled.step;
    for (let s = start, end = start + count; s < end; s++) step(s);
  }

  stopCondition(popId: number, step: number): boolean {
    const f = this.#compiled.stop[popId];
    return f ? f(step) : false;
  }

  getPendingEvents(projId: number): { ptr: Int32Array; syn: Int32Array } | undefined {
    if (this.#plan.projections[projId].delay.kind !== 'variable' || this.#plan.projections[projId].type !== 'spike') return undefined;
    const { ring, ringIdx } = this.#flags[projId];
    const ptr = new Int32Array(ring.length + 1);
    const syn: number[] = [];
    for (let a = 0; a < ring.length; a++) { syn.push(...ring[(ringIdx + a) % ring.length]); ptr[a + 1] = syn.length; }
    return { ptr, syn: Int32Array.from(syn) };
  }

  setPendingEvents(projId: number, events: { ptr: Int32Array; syn: Int32Array }): void {
    const flags = this.#flags[projId];
    const n = Math.max(flags.ring.length, events.ptr.length - 1);
    flags.ring = Array.from({ length: n }, (_, a) => (a < events.ptr.length - 1 ? Array.from(events.syn.subarray(events.ptr[a], events.ptr[a + 1])) : []));
    flags.ringIdx = 0;
  }

  delaysChanged(projId: number): void {
    const flags = this.#flags[projId];
    const plan = this.#plan.projections[projId];
    if (plan.delay.kind !== 'variable' || plan.delay.maxSteps <= flags.ring.length) return;
    // Variable spike delays: grow the ring, keeping pending events at the same distance from now.
    const old = flags.ring;
    const grown = Array.from({ length: plan.delay.maxSteps }, () => [] as number[]);
    for (let a = 0; a < old.length; a++) grown[a] = old[(flags.ringIdx + a) % old.length];
    flags.ring = grown;
    flags.ringIdx = 0;
  }
}

export const jsBackend: Backend = {
  name: 'js',
  async build(input) { return new JsEngine(input); },
};
