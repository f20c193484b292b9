/**
 * Evaluating a `creating` or `pruning` rule at one step, on the host, as ANNarchy's generated
 * `creating()` / `pruning()` do: pruning tests every existing synapse; creating tests, for every
 * dendrite, every pre-synaptic neuron not yet connected to it. A candidate that satisfies the
 * condition is kept with probability `proba`.
 *
 * Every random number (the `proba` test, distributions in the condition) is a counter-based draw
 * keyed by (seed, projection, step, candidate = post rank · pre size + pre rank, draw id): it does
 * not depend on the order of evaluation, the backend or the number of threads.
 */
import { NetworkError } from '../errors.js';
import { evaluate, type Expr } from '../equations/index.js';
import { drawAt, uniformAt } from '../random/draws.js';
import { randomStream } from '../random/streams.js';
import { walk } from '../equations/algebra.js';
import { globalFunctionMap } from '../core/functions.js';
import type { FunctionDef } from '../equations/description.js';
import type { Projection } from '../core/Projection.js';
import type { ConnectivityChange, NewSynapse } from './change.js';
import type { StructuralRule } from './rules.js';
import { compileCondition, type CompiledCondition } from './compile.js';

/** Draw ids of the rules, above those of the synapse's equations (which count from 0). */
const PROBA_ID = { pruning: 0xfff0, creating: 0xfff1 } as const;
const CONDITION_IDS = { pruning: 0xf000, creating: 0xf800 } as const;

/** Where and when a rule is evaluated. */
export interface RuleStep {
  /** The step that just ran (ANNarchy's `t` at its structural phase). */
  step: number;
  seed: number;
  dt: number;
}

/** The values a condition reads: one environment per projection, updated per dendrite and synapse. */
class Reader {
  readonly env: Record<string, number> = {};
  readonly functions: Map<string, FunctionDef>;
  readonly #proj: Projection;
  readonly #locals: [string, Float64Array][];
  readonly #semiglobals: [string, Float64Array][];
  readonly #pre: Map<string, Float64Array>;
  readonly #post: Map<string, Float64Array>;

  constructor(proj: Projection, at: RuleStep) {
    this.#proj = proj;
    this.functions = new Map([...globalFunctionMap(), ...proj.description.functions.map((f) => [f.name, f] as const)]);
    const attrs = proj.description.attributes;
    this.#locals = attrs.filter((a) => proj.storageLocality(a.name) === 'local').map((a) => [a.name, proj.f64(a.name)]);
    this.#semiglobals = attrs.filter((a) => a.locality === 'semiglobal').map((a) => [a.name, proj.f64(a.name)]);
    for (const a of attrs) if (proj.storageLocality(a.name) === 'global') this.env[a.name] = proj.f64(a.name)[0];
    this.env.t = at.step * at.dt;
    this.env.dt = at.dt;
    this.#pre = proj.pre.population.state as Map<string, Float64Array>;
    this.#post = proj.post.population.state as Map<string, Float64Array>;
  }

  /** Constants read by `expr`, at their current values. */
  constants(expr: Expr): void {
    walk(expr, (n) => {
      if (n.kind !== 'sym' || n.name in this.env) return;
      const v = this.#proj.network.constantValue(n.name);
      if (v !== undefined) this.env[n.name] = v;
    });
  }

  dendrite(i: number): void { for (const [n, a] of this.#semiglobals) this.env[n] = a[i]; }
  synapse(k: number): void { for (const [n, a] of this.#locals) this.env[n] = a[k]; }
  attr(owner: 'pre' | 'post', name: string, preRank: number, postRank: number): number {
    return (owner === 'pre' ? this.#pre : this.#post).get(name)![owner === 'pre' ? preRank : postRank];
  }
}

/** One evaluation of a rule: the values it reads and, when possible, its condition compiled (compile.ts). */
interface Evaluation {
  rule: StructuralRule;
  reader: Reader;
  at: RuleStep;
  stream: number;
  preSize: number;
  compiled?: CompiledCondition;
}

/** Whether candidate (k: synapse or -1, i: dendrite, pre → post) passes the condition and the `proba` draw. */
function holds(ev: Evaluation, k: number, i: number, pre: number, post: number): boolean {
  const { rule, reader, at, stream } = ev;
  const index = post * ev.preSize + pre;
  const value = ev.compiled ? ev.compiled(k, i, pre, post, index) : evaluate(rule.condition, reader.env, {
    functions: reader.functions,
    attr: (owner, name) => reader.attr(owner, name, pre, post),
    rand: (dist, args, id) => drawAt(dist, args, at.seed, stream, index, at.step, CONDITION_IDS[rule.kind] + id),
  });
  if (!value) return false;
  return rule.proba >= 1 || uniformAt(at.seed, stream, index, at.step, PROBA_ID[rule.kind]) < rule.proba;
}

function prepare(proj: Projection, rule: StructuralRule, at: RuleStep): Evaluation {
  const preSize = proj.pre.population.size;
  if (preSize * proj.post.population.size > 0xffffffff) {
    throw new NetworkError(`projection '${proj.name}': structural rules number the candidate synapses in 32 bits; ${preSize} × ${proj.post.population.size} neurons is too many`);
  }
  const reader = new Reader(proj, at);
  reader.constants(rule.condition);
  const stream = randomStream('proj', proj.id);
  const compiled = compileCondition(rule.condition, {
    proj, t: at.step * at.dt, dt: at.dt,
    draw: (dist, args, id, index) => drawAt(dist, args, at.seed, stream, index, at.step, CONDITION_IDS[rule.kind] + id),
  });
  return { rule, reader, at, stream, preSize, compiled };
}

/** The synapses that `rule` (pruning) removes at this step. */
export function pruningChange(proj: Projection, rule: StructuralRule, at: RuleStep): ConnectivityChange {
  const c = proj.requireConnected();
  const ev = prepare(proj, rule, at);
  const { reader } = ev;
  const remove = new Set<number>();
  for (let i = 0; i < c.postRanks.length; i++) {
    const post = c.postRanks[i];
    if (!ev.compiled) reader.dendrite(i);
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) {
      const pre = c.preRanks[k];
      if (!ev.compiled) reader.synapse(k);
      if (holds(ev, k, i, pre, post)) remove.add(k);
    }
  }
  return { remove, add: [] };
}

/** The synapses that `rule` (creating) adds at this step; `delaySteps` is their delay. */
export function creatingChange(proj: Projection, rule: StructuralRule, at: RuleStep, delaySteps: number): ConnectivityChange {
  const c = proj.requireConnected();
  const ev = prepare(proj, rule, at);
  const { reader, preSize } = ev;
  const candidates = 'ranks' in proj.pre ? Array.from(proj.pre.ranks) : Array.from({ length: preSize }, (_, j) => j);
  const add: NewSynapse[] = [];
  const exists = new Uint8Array(preSize);
  for (let i = 0; i < c.postRanks.length; i++) {
    const post = c.postRanks[i];
    if (!ev.compiled) reader.dendrite(i);
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) exists[c.preRanks[k]] = 1;
    for (const pre of candidates) {
      if (exists[pre]) continue;
      if (holds(ev, -1, i, pre, post)) add.push({ dendrite: i, pre, w: rule.w, delaySteps });
    }
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) exists[c.preRanks[k]] = 0;
  }
  return { remove: new Set(), add };
}
