/**
 * The `js` backend: one specialised function per kernel, generated as source over typed arrays and
 * turned into code once with `new Function` (no per-neuron interpretation, no closures per
 * synapse), plus a generated `step` function that calls them in ANNarchy's order.
 */
import { hasSpikeRing } from '../kernels/synapse-loops.js';
import { rowDraws } from '../../connectors/procedural.js';
import type { NetworkPlan } from '../../ir/plan.js';
import type { Backend, Engine, EngineInput } from '../../runtime/engine.js';
import { neuronKernel, stopConditionKernel } from './neuron.js';
import { rateTransmissionKernel, spikeTransmissionKernel, synapseUpdateKernel, postEventKernel } from './projection.js';
import { randomKernel, globalOpsKernel, delayKernel } from './phases.js';
import { renderExpr } from '../render.js';
import { jsSpelling, jsBuiltins, jsDialect } from './spelling.js';
import { fillDraws } from '../../random/draws.js';
import { specialPopulationKernel, specialProjectionKernel, specialRuntime } from './special.js';
import { InternalError } from '../../errors.js';
import { stepStages } from '../kernels/schedule.js';
import { indent } from '../kernels/dialect.js';
import { userFunctions, functionScope } from '../kernels/functions.js';

/**
 * Generates the whole module source: kernels, functions and the step function. The kernels named in
 * `external` are not written: they are taken from `W` (the wasm backend's compiled kernels); with
 * `exportKernels`, the written ones are returned too (`kernels`, by name: the wasm step loop calls them).
 */
export function generateSource(plan: NetworkPlan, external: ReadonlySet<string> = new Set(), exportKernels = false): string {
  const parts: string[] = ['"use strict";'];
  for (const f of userFunctions(plan)) {
    const scope = functionScope(f, plan, { param: (n) => n, pi: 'Math.PI', constant: (c) => `C[${c}]` });
    parts.push(`function F_${f.name}(${f.params.join(', ')}) { return ${renderExpr(f.body, scope, jsSpelling)}; }`);
  }
  // The kernels, in the schedule's order of kinds; the step function walks plan.schedule (../kernels/schedule.ts).
  const kernels = new Set<string>();
  const add = (name: string, source: string | undefined) => {
    if (!source) return;
    parts.push(external.has(name) ? `const ${name} = W.${name};` : source);
    kernels.add(name);
  };
  for (const proj of plan.projections) {
    add(`proj${proj.id}_transmit`, proj.special ? specialProjectionKernel(proj, plan)
      : proj.type === 'rate' ? rateTransmissionKernel(proj, plan) : spikeTransmissionKernel(proj, plan));
  }
  // Special populations draw their own numbers inside their kernel (special.ts), if any.
  for (const p of plan.populations) if (!p.special) add(`pop${p.id}_random`, randomKernel({ kind: 'pop', plan: p }, plan));
  for (const proj of plan.projections) add(`proj${proj.id}_random`, randomKernel({ kind: 'proj', plan: proj }, plan));
  for (const p of plan.populations) {
    add(`pop${p.id}_update`, p.special ? specialPopulationKernel(p, plan) : neuronKernel(p, plan));
    const stop = stopConditionKernel(p, plan);
    if (stop) parts.push(stop);
  }
  for (const p of plan.populations) add(`pop${p.id}_delay`, delayKernel(p));
  for (const p of plan.populations) add(`pop${p.id}_globalops`, globalOpsKernel(p));
  for (const proj of plan.projections) if (proj.hasUpdate) add(`proj${proj.id}_update`, synapseUpdateKernel(proj, plan));
  for (const proj of plan.projections) if (proj.hasPostEvents) add(`proj${proj.id}_post`, postEventKernel(proj, plan));
  const stages = stepStages(plan, {
    d: jsDialect,
    enabled: (id) => `EN[${id}]`,
    call: (name) => {
      if (!kernels.has(name)) throw new InternalError(`js backend: the schedule calls ${name}, which was not generated`);
      return `${name}(step);`;
    },
    clear: (id, name, whole) => (whole ? `P[${id}].get('${name}').fill(0);` : `P[${id}].get('${name}')[0] = 0;`),
  });
  const hooks = ['if (H.active) H.recordTargets(step);', 'if (H.active) H.afterNeurons(step);', 'if (H.active) H.record(step);'];
  const step = stages.flatMap((lines, k) => [...lines, ...(k < hooks.length ? [hooks[k]] : [])]);
  parts.push(['function step(step) {', ...indent(step), '}'].join('\n'));
  const stops = plan.populations.filter((p) => p.stopCondition).map((p) => `${p.id}: pop${p.id}_stop`);
  const own = exportKernels ? `, kernels: { ${[...kernels].filter((k) => !external.has(k)).join(', ')} }` : '';
  parts.push(`return { step, stop: { ${stops.join(', ')} }${own} };`);
  return parts.join('\n\n');
}

interface Compiled {
  step(step: number): void;
  stop: Record<number, (step: number) => boolean>;
  kernels?: Record<string, (step: number) => void>;
}

/** Per-projection runtime flags and the spike ring of variable delays, as the kernels see them. */
function projectionFlags(input: EngineInput) {
  return input.plan.projections.map((plan) => {
    const proj = input.switches[plan.id];
    const ringLength = plan.delay.kind === 'variable' && !plan.procedural ? plan.delay.maxSteps : 1;
    return {
      get transmission() { return proj.transmission; },
      get update() { return proj.update; },
      get plasticity() { return proj.plasticity; },
      get learningPeriod() { return proj.learningPeriod; },
      get learningOffset() { return proj.learningOffset; },
      get axonTransmission() { return proj.axonTransmission; },
      ring: Array.from({ length: ringLength }, () => [] as number[]),
      ringIdx: 0,
      /** Procedural connectivity: the rows' draws (connectors/procedural.ts). */
      procedural: plan.procedural ? rowDraws(plan.procedural) : undefined,
    };
  });
}

export class JsEngine implements Engine {
  readonly backend = 'js' as const;
  readonly source: string;
  readonly #compiled: Compiled;
  readonly #flags: ReturnType<typeof projectionFlags>;
  readonly #plan: NetworkPlan;

  /**
   * `external`: kernels compiled elsewhere (the wasm backend's), used instead of generating them,
   * the others then given by {@link kernels}; `fill`: the array fill of random draws, when another
   * one gives the same bits (the wasm backend's).
   */
  constructor(input: EngineInput, external?: Record<string, (step: number) => void>, fill: typeof fillDraws = fillDraws) {
    this.#plan = input.plan;
    this.source = generateSource(input.plan, new Set(Object.keys(external ?? {})), external !== undefined);
    this.#flags = projectionFlags(input);
    const P = input.state.populations;
    const J = input.state.projections;
    const R = { fill, ...specialRuntime };
    const H = input.hooks;
    // The code is generated from the AST, never from user text.
    const make = new Function('P', 'J', 'X', 'B', 'R', 'C', 'H', 'EN', 'dt', 'SEED', 'W', this.source);
    this.#compiled = make(P, J, this.#flags, jsBuiltins, R, input.constants, H, input.enabled, input.plan.dt, input.plan.seed, external ?? {}) as Compiled;
  }

  /** The kernels written in JavaScript, by name, when the engine was given `external` ones (else none). */
  get kernels(): Readonly<Record<string, (step: number) => void>> {
    return this.#compiled.kernels ?? {};
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
    if (!hasSpikeRing(this.#plan.projections[projId])) return undefined;
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
