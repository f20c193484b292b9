/**
 * Building the network plan from the user's populations and projections: which sums, delay rings,
 * spike queues and global operations each population needs, how each projection stores its delays.
 *
 * Hybrid networks: a rate-coded projection onto a spiking population adds its weighted sum into
 * `_sum_<target>` when the neuron's code reads `sum(target)` (PoissonPopulation with `target`), and
 * into the conductance `g_<target>` otherwise (CurrentInjection), see `ProjectionPlan.rateInto`.
 */
import { NetworkError } from '../errors.js';
import type { NetworkPlan, PopulationPlan, ProjectionPlan, DelayPlan, Precision } from './plan.js';
import type { Expr } from '../equations/ast.js';
import type { NeuronDescription } from '../equations/description.js';
import type { ConnectivityRecord, PopulationRecord, ProjectionRecord } from '../core/records.js';
import { denseRowsLayoutOn, denseRowsOf } from './dense-rows.js';
import type { FunctionDef } from '../equations/description.js';
import { parseStopCondition } from '../equations/index.js';
import { walk } from '../equations/algebra.js';
import { planArrays } from './arrays.js';
import { planSchedule } from './schedule.js';
import { hoistInvariants } from './invariants.js';

/** What the plan is built from: plain records (`core/records.ts`), never the user-facing objects. */
export interface PlanInput {
  dt: number;
  seed: number;
  /** Storage precision of the float attributes (default 'float64'). */
  precision?: Precision;
  populations: readonly PopulationRecord[];
  projections: readonly ProjectionRecord[];
  constants: readonly string[];
  functions: readonly FunctionDef[];
}

export function buildPlan(input: PlanInput): NetworkPlan {
  const pops: PopulationPlan[] = input.populations.map((p) => {
    const d = p.description;
    let refractory: PopulationPlan['refractory'];
    if (d.refractory?.kind === 'number') {
      const steps = Math.round(d.refractory.value / input.dt);
      if (d.refractory.value < 0) throw new NetworkError(`population '${p.name}': negative refractory period ${d.refractory.value} ms`);
      if (steps > 0) refractory = { kind: 'steps', steps };
    } else if (d.refractory?.kind === 'attribute') {
      refractory = { kind: 'attribute', name: d.refractory.name };
    }
    // Special populations' kernels may render the equations their own way: left as written.
    const hoisted = p.special ? { description: d, invariants: [] } : hoistInvariants(d, input.constants);
    return {
      id: p.id,
      name: p.name,
      size: p.size,
      description: hoisted.description,
      ...(hoisted.invariants.length ? { invariants: hoisted.invariants } : {}),
      spiking: d.type === 'spike',
      sumTargets: d.type === 'rate' ? [...d.targets] : [],
      sumAll: d.usesSumAll,
      refractory,
      globalOps: d.globalOps.filter((g) => g.owner === 'self'),
      delayedVariables: [],
      spikeQueue: false,
      maxDelay: 1,
      stopCondition: p.stopCondition ? parseStopCondition(p.stopCondition, d) : undefined,
      special: p.special,
    };
  });

  const projs: ProjectionPlan[] = input.projections.map((proj) => {
    const c = proj.connectivity;
    const pre = pops[proj.pre];
    const post = pops[proj.post];
    const d = proj.description;
    let delay: DelayPlan;
    if (c.delaySteps !== 'variable') delay = c.delaySteps > 1 ? { kind: 'uniform', steps: c.delaySteps } : { kind: 'none' };
    else delay = { kind: 'variable', maxSteps: c.maxDelay };
    const maxSteps = delay.kind === 'uniform' ? delay.steps : delay.kind === 'variable' ? delay.maxSteps : 1;
    const special = proj.special;
    // Hybrid rate → spike: a spiking post reading `sum(t)` gets `_sum_t`; otherwise the sum is added to g_t.
    const rateInto: ProjectionPlan['rateInto'] = d.type === 'rate' && post.spiking
      && !proj.targets.every((t) => readsSum(post.description, t)) ? 'conductance' : 'sum';
    if ((d.type === 'rate' && rateInto === 'sum') || special?.kind === 'decoding') {
      for (const t of proj.targets) if (!post.sumTargets.includes(t)) post.sumTargets.push(t);
    }
    // `pre.sum(t)` / `post.sum(t)` read the neighbour's weighted sum: it exists (and stays 0 when no
    // projection of target t reaches that population) for rate-coded populations; spiking ones have none.
    for (const [side, targets] of [[pre, d.preSums], [post, d.postSums]] as const) {
      for (const t of targets) {
        if (side.sumTargets.includes(t)) continue;
        if (side.spiking) {
          throw new NetworkError(`projection '${proj.name}' (synapse '${d.name}'): ${side === pre ? 'pre' : 'post'}.sum(${t}) reads a weighted sum, but population '${side.name}' is spiking and has none (use g_${t})`);
        }
        side.sumTargets.push(t);
      }
    }
    const continuous = d.type === 'spike' && d.psp !== undefined && special === undefined;
    if (d.type === 'rate') {
      if (delay.kind !== 'none') {
        for (const v of d.preDependencies) if (!pre.delayedVariables.includes(v)) pre.delayedVariables.push(v);
        pre.maxDelay = Math.max(pre.maxDelay, maxSteps);
      }
    } else {
      // Procedural per-synapse delays read the spike queue at every delay up to the largest.
      if (delay.kind === 'uniform' || (delay.kind === 'variable' && c.procedural)) {
        pre.spikeQueue = true;
        pre.maxDelay = Math.max(pre.maxDelay, maxSteps);
      }
      // Continuous transmission reads pre.x of the psp with the projection's delay, like a rate-coded sum.
      if (continuous && delay.kind !== 'none') {
        for (const v of pspPreVariables(d.psp!)) if (!pre.delayedVariables.includes(v)) pre.delayedVariables.push(v);
        pre.maxDelay = Math.max(pre.maxDelay, maxSteps);
      }
    }
    for (const g of d.globalOps) {
      const target = g.owner === 'pre' ? pre : post;
      if (!target.globalOps.some((x) => x.op === g.op && x.variable === g.variable)) target.globalOps.push({ ...g, owner: 'self' });
    }
    const hasUpdate = d.sections.some((s) => s.steps.length > 0);
    // Special projections run kernels of their own: their equations are left as written.
    const hoisted = hasUpdate && !special ? hoistInvariants(d, input.constants) : { description: d, invariants: [] };
    return {
      id: proj.id,
      name: proj.name,
      pre: pre.id,
      post: post.id,
      targets: [...proj.targets],
      description: hoisted.description,
      ...(hoisted.invariants.length ? { invariants: hoisted.invariants } : {}),
      type: d.type,
      singleWeight: c.singleWeight,
      delay,
      hasUpdate,
      hasPostEvents: d.type === 'spike' && d.postSpike.length > 0 && special === undefined,
      continuous,
      conductances: post.spiking ? proj.targets.filter((t) => post.description.attributes.some((a) => a.name === `g_${t}`)) : [],
      rateInto,
      special,
      synapses: c.synapses,
      ...(c.rewirable ? { rewirable: true } : {}),
      dendrites: c.dendrites,
      ...denseRowsOfSum(c, pre.size, post.size, (d.type === 'rate' || continuous) && !special),
      ...(c.procedural ? { procedural: c.procedural } : {}),
    };
  });

  const schedule = planSchedule(pops, projs);
  return {
    dt: input.dt,
    seed: input.seed,
    precision: input.precision ?? 'float64',
    populations: pops,
    projections: projs,
    constants: [...input.constants],
    functions: input.functions.map((f) => ({ name: f.name, params: f.params, body: f.body })),
    arrays: planArrays(pops, projs, input.populations, schedule, input.precision ?? 'float64'),
    schedule,
  };
}

/**
 * `{ denseRows }` for a projection whose weighted sum (`weightedSum`) can take its pre ranks from the
 * positions in the rows (`ir/dense-rows.ts`), else nothing. Never for a network with structural
 * plasticity: its synapses may change after compile while the kernels stay.
 */
function denseRowsOfSum(c: ConnectivityRecord, preSize: number, postSize: number, hasSum: boolean): Pick<ProjectionPlan, 'denseRows'> {
  if (!hasSum || !c.csr || c.rewirable || c.procedural || !denseRowsLayoutOn()) return {};
  const shape = denseRowsOf(c.csr, preSize, postSize);
  return shape ? { denseRows: shape } : {};
}

/**
 * The pre-synaptic attributes a psp reads (`pre.x`): those a delayed continuous transmission reads
 * through the ring (`pre.t_last` is the neuron's last spike, read as it is now, as `t_pre`).
 */
export function pspPreVariables(psp: Expr): string[] {
  const out: string[] = [];
  walk(psp, (e) => { if (e.kind === 'attr' && e.owner === 'pre' && e.name !== 't_last' && !out.includes(e.name)) out.push(e.name); });
  return out;
}

/** Whether a neuron's code reads `sum(target)` (or `sum()`). */
export function readsSum(d: NeuronDescription, target: string): boolean {
  const hit = (e: Expr): boolean => {
    switch (e.kind) {
      case 'sum': return e.owner === 'self' && (e.target === null || e.target === target);
      case 'unary': return hit(e.arg);
      case 'binary': return hit(e.left) || hit(e.right);
      case 'call': return e.args.some(hit);
      case 'rand': return e.args.some(hit);
      case 'cond': return hit(e.test) || hit(e.then) || hit(e.else);
      default: return false;
    }
  };
  for (const sec of d.sections) {
    for (const st of sec.steps) {
      if (st.kind === 'assign' ? hit(st.value) : st.temps.some((t) => hit(t.value)) || st.updates.some((u) => hit(u.value))) return true;
    }
  }
  if (d.spike && hit(d.spike.condition)) return true;
  return d.reset.some((a) => hit(a.value));
}
