/**
 * The checked, backend-free description of a neuron or synapse type: what `equations/` hands to
 * `ir/`. Everything a backend needs is here, already rewritten by the numerical methods; nothing
 * here refers to populations, sizes or values of a particular network.
 */
import type { Expr, Owner, RandomDistName, GlobalOpName } from './ast.js';

/**
 * Where one value of an attribute lives.
 * Neurons: `local` = one per neuron, `global` = one per population (`: population`).
 * Synapses: `local` = one per synapse, `semiglobal` = one per post-synaptic neuron (`: postsynaptic`),
 * `global` = one per projection (`: projection`).
 */
export type Locality = 'local' | 'semiglobal' | 'global';

/** Value type of an attribute (flags `int`, `bool`; `float` by default). */
export type ValueType = 'float' | 'int' | 'bool';

/** Numerical methods, chosen per equation by flag or globally by `setup({ method })`. */
export type MethodName = 'explicit' | 'implicit' | 'semiimplicit' | 'exponential' | 'midpoint' | 'rk4' | 'event-driven';

/** Initial value (variables) or value (parameters). */
export type InitValue =
  | { kind: 'number'; value: number }
  /** `init = tau` / `init = 'u_th'`: the value of another attribute, or of a Constant, at initialisation. */
  | { kind: 'ref'; name: string }
  /** `init = Uniform(0, 1)`: drawn per element at initialisation (arguments are literal numbers). */
  | { kind: 'random'; dist: RandomDistName; args: number[] };

/** Where a definition came from, for error messages and reports. */
export interface SourceRef {
  /** The field it was written in. */
  block: 'parameters' | 'equations' | 'spike' | 'reset' | 'axon_spike' | 'axon_reset' | 'refractory'
    | 'psp' | 'pre_spike' | 'post_spike' | 'pre_axon_spike' | 'functions' | 'implicit';
  /** 1-based line inside that field (0 for definitions that neurarchy adds itself). */
  line: number;
  /** The line as the user wrote it (flags included). */
  text: string;
}

/** A parameter or variable of a neuron or synapse. */
export interface Attribute {
  name: string;
  role: 'parameter' | 'variable';
  locality: Locality;
  type: ValueType;
  /** Value of a parameter, initial value of a variable (`init=`; 0 when absent). Never clipped. */
  init: InitValue;
  /** `min=` / `max=` bounds, applied after every write to the attribute. */
  min?: Expr;
  max?: Expr;
  /** The ODE's method when the attribute is defined by an ODE. */
  method?: MethodName;
  /** Added by neurarchy (e.g. `g_exc` of a spiking neuron, `r` of a spiking neuron, `w` of a synapse). */
  implicit?: boolean;
  source: SourceRef;
}

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=';

/** One assignment statement, e.g. `r = pos(mp)`, `v = c`, `u += d`, `post.x += 1`, `g_target += w`. */
export interface Assignment {
  kind: 'assign';
  /** The written attribute. In synapse event code `owner` may be `pre`/`post`; `g_target` is written `{owner:'post', target:'g_target'}`. */
  owner: Owner;
  target: string;
  op: AssignOp;
  value: Expr;
  /** Event code only: `: unless_post` (skip this statement when pre and post spike in the same step). */
  unlessPost?: boolean;
  /** Extra bounds given on the statement itself (`w -= 1.0 : min=0.0` in `pre_spike`). */
  min?: Expr;
  max?: Expr;
  source: SourceRef;
}

/**
 * A block of consecutive ODEs, already rewritten by their numerical method. Semantics: evaluate every
 * `temps` entry in order (each may use the ones before it), then apply every `updates` entry in order
 * (`target = value`), each followed by the bounds of its attribute. All ODEs of a block therefore see
 * the values of the previous step.
 */
export interface OdeBlock {
  kind: 'ode';
  temps: { name: string; value: Expr }[];
  updates: { target: string; value: Expr; method: MethodName; source: SourceRef }[];
}

export type UpdateStep = Assignment | OdeBlock;

/**
 * Per-step equations of one locality, in evaluation order. A neuron has sections `global` then
 * `local`; a synapse `global`, `semiglobal`, `local` (ANNarchy's order: globals first, whatever their line).
 */
export interface UpdateSection {
  locality: Locality;
  steps: UpdateStep[];
}

/** A random draw used inside the equations: one value per element of `locality`, redrawn every step. */
export interface RandomUse {
  id: number;
  dist: RandomDistName;
  /** Literal numbers or global parameters. */
  args: Expr[];
  locality: Locality;
}

/** A user function (`functions=` field, or `addFunction`). */
export interface FunctionDef {
  name: string;
  params: string[];
  body: Expr;
  source: SourceRef;
}

/** Global operation needed by a model: `mean(r)` (owner self) or `max(post.v)` (owner post). */
export interface GlobalOpUse {
  op: GlobalOpName;
  owner: Owner;
  variable: string;
}

/** Description shared by neurons and synapses. */
export interface ModelDescriptionBase {
  /** The model's name (user-given, or `Neuron <n>` / `Synapse <n>`), used in every error. */
  name: string;
  /** 'rate' or 'spike'. For a synapse: the pre-synaptic population's type. */
  type: 'rate' | 'spike';
  attributes: Attribute[];
  /** Per-step update code. */
  sections: UpdateSection[];
  randoms: RandomUse[];
  functions: FunctionDef[];
  globalOps: GlobalOpUse[];
  /** Names of Constants the model reads. */
  constants: string[];
  /** Names of global (addFunction) functions the model calls. */
  globalFunctions: string[];
}

export interface NeuronDescription extends ModelDescriptionBase {
  kind: 'neuron';
  /** Rate-coded: targets read by `sum(target)`. Spiking: targets `x` of conductances `g_x`. */
  targets: string[];
  /** True when `sum()` (all targets) is used. */
  usesSumAll: boolean;
  spike?: { condition: Expr; source: SourceRef };
  reset: Assignment[];
  axonSpike?: { condition: Expr; source: SourceRef };
  axonReset: Assignment[];
  /** Refractory period: a duration in ms, or the name of a parameter/variable holding it in ms. */
  refractory?: { kind: 'number'; value: number } | { kind: 'attribute'; name: string };
}

/** Exact decay of an `: event-driven` synaptic variable between events: x(t) = steady + (x - steady)·exp(-Δt/tau). */
export interface EventDrivenVariable {
  name: string;
  tau: Expr;
  steady: Expr;
}

export interface SynapseDescription extends ModelDescriptionBase {
  kind: 'synapse';
  /** Rate-coded transmission (default `w * pre.r`); spiking: continuous transmission into g_target when given. */
  psp?: Expr;
  operation: 'sum' | 'max' | 'min' | 'mean';
  /** The `g_target ...` statements of `pre_spike` (always run first, with the weight before this event's plasticity). */
  transmission: Assignment[];
  /** The other `pre_spike` statements, in order. */
  preSpike: Assignment[];
  postSpike: Assignment[];
  preAxonSpike: Assignment[];
  eventDriven: EventDrivenVariable[];
  /** `w` is written by equations or event code. */
  plastic: boolean;
  /** Pre-/post-synaptic attributes the synapse reads (`pre.x`, `post.x`, `t_pre` → `last_spike`...). */
  preDependencies: string[];
  postDependencies: string[];
  /** Targets read through `pre.sum(x)` / `post.sum(x)`. */
  preSums: string[];
  postSums: string[];
}

export type ModelDescription = NeuronDescription | SynapseDescription;

/** Whether `name` is a global attribute of model `d` (one value per population or projection); false for any other name. */
export function isGlobalAttribute(d: ModelDescriptionBase, name: string): boolean {
  return d.attributes.find((a) => a.name === name)?.locality === 'global';
}
