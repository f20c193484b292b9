/**
 * The structural plasticity of one projection: its parsed `creating` / `pruning` rules and when they
 * run (`startCreating({ period })` …). As ANNarchy, a rule started at step s with a period of P
 * steps runs at the end of steps s, s + P, s + 2P, … (`(t - offset) % period == 0`, offset = the
 * step at which it was started), creating before pruning.
 */
import { NetworkError } from '../errors.js';
import type { Projection } from '../core/Projection.js';
import { globalFunctionMap } from '../core/functions.js';
import { parseRule, type RuleKind, type StructuralRule } from './rules.js';

/** When a started rule runs: every `period` steps from step `offset`. */
export interface RuleSchedule {
  period: number;
  offset: number;
}

/** The rules of a projection and which of them run. */
export class StructuralState {
  readonly rules: Partial<Record<RuleKind, StructuralRule>> = {};
  readonly running: Partial<Record<RuleKind, RuleSchedule>> = {};

  /** Parses the synapse's rules (an error names the model, the field and the symbol). */
  constructor(proj: Projection) {
    const spec = proj.synapseType.spec;
    const scope = {
      synapse: proj.description, pre: proj.pre.population.description, post: proj.post.population.description,
      isConstant: (name: string) => proj.network.constantValue(name) !== undefined,
      isGlobalFunction: (name: string) => globalFunctionMap().has(name),
    };
    if (spec.pruning !== undefined) this.rules.pruning = parseRule('pruning', spec.pruning, proj.synapseType.name, scope);
    if (spec.creating !== undefined) this.rules.creating = parseRule('creating', spec.creating, proj.synapseType.name, scope);
  }

  /** The rule `kind`, or an error saying the synapse has none. */
  rule(kind: RuleKind, proj: Projection, method: string): StructuralRule {
    const r = this.rules[kind];
    if (!r) {
      const example = kind === 'pruning' ? "pruning: 'w < 0.0 : proba = 0.5'" : "creating: 'pre.r * post.r > 0.9 : proba = 0.1, w = 0.01'";
      throw new NetworkError(`projection '${proj.name}'.${method}(): the synapse '${proj.synapseType.name}' has no '${kind}' rule: give it one (new Synapse({ …, ${example} }))`);
    }
    return r;
  }

  /** Whether a running rule is due at the end of step `step`. */
  due(kind: RuleKind, step: number): boolean {
    const s = this.running[kind];
    return s !== undefined && step >= s.offset && (step - s.offset) % s.period === 0;
  }

  /** The first step ≥ `from` at whose end a rule runs (Infinity when none runs). */
  nextEvent(from: number): number {
    let next = Infinity;
    for (const s of Object.values(this.running)) {
      const t = from <= s.offset ? s.offset : s.offset + Math.ceil((from - s.offset) / s.period) * s.period;
      next = Math.min(next, t);
    }
    return next;
  }
}

/** The structural state of each projection that has needed one (kept beside the projection, not in it, so core/ does not import this folder). */
const states = new WeakMap<Projection, StructuralState>();

/** The structural state of `proj`, made (and its rules parsed) when first needed. */
export function structuralState(proj: Projection): StructuralState {
  let state = states.get(proj);
  if (!state) { state = new StructuralState(proj); states.set(proj, state); }
  return state;
}

/** Whether `proj` has a started rule. */
export function hasRunningRules(proj: Projection): boolean {
  const state = states.get(proj);
  return state !== undefined && Object.keys(state.running).length > 0;
}
