/**
 * Equation-defined dynamics as behaviours: a {@link Neuron} of neurarchy's equation language,
 * attached to a neuron group at a key, runs as generated code at that point of the order of
 * execution, so one network mixes hand-written behaviours and compiled kernels:
 *
 * ```ts
 * const LIF = new Neuron({
 *   parameters: 'tau = 10.0\n v_thresh = 1.0\n I = 0.0',
 *   equations: 'tau * dv/dt = -v + I',
 *   spike: 'v > v_thresh', reset: 'v = 0.0',
 * });
 * new NeuronGroup({ net, tag: 'exc', size: 100, behavior: {
 *   1: new Drive(),                                  // writes n.vars.I
 *   2: new NeuronModel(LIF, { dt: 1, init: { v: 'uniform(0, 1)' } }),
 *   9: new EventRecorder('spike'),
 * } });
 * ```
 *
 * How it works: at `net.initialize()` the behaviour builds a private neurarchy `Network` (js
 * backend, `dt` ms per iteration, seeded from the behaviour network's seed) holding one
 * `Population` of the group's size, and compiles it. Every attribute of the neuron (parameters,
 * variables, conductances `g_target`) becomes a variable of the group: `group.vars.v` **is** the
 * population's Float64Array, which the generated kernel reads and writes in place (no copies).
 * Each iteration of the behaviour runs exactly one step of the generated code (synchronously);
 * for a spiking neuron it then writes `vars.spike` (a 0/1 Uint8Array, the neurons that emitted a
 * spike in this step), so `EventRecorder('spike')`, `synapse.propagate()` and hand-written
 * behaviours see spikes as usual.
 *
 * Semantics to know:
 * - Inputs from behaviour-land reach the equations through any attribute the behaviours write
 *   before the model's key: a parameter declared for that purpose (`I = 0.0`, per neuron) or a
 *   conductance `g_exc`. Conductances are reset to 0 by the neuron step (ANNarchy's rule), so
 *   behaviours add into them every iteration; other attributes keep what was written.
 * - Write into the arrays (`v.fill(…)`, `v[i] = …`), never replace them (`vars.v = new …` would
 *   cut the link with the kernel; `set()` puts values into the shared array).
 * - A variable that exists on the group before the model initialises (created by a behaviour with
 *   a lower key) is adopted when it is a Float64Array of the group's size: the kernel then uses
 *   that very array and its values. Any other type or length is an error naming the variable.
 * - `init` sets initial values after adoption: numbers or spec strings (`'uniform(0, 1)'`, see
 *   `spec.ts`) drawn from the group's random stream; names that are not attributes are errors.
 * - `: population` parameters appear as arrays of one value.
 * - The model's own time `t` starts at 0 in the first iteration (ANNarchy), while `iteration` is 1
 *   (PymoNNto). Random draws in the equations (`Uniform(0, 1)`) use the private network's Philox
 *   stream, derived from the behaviour network's seed and the group, so they are reproducible.
 * - Disabling the behaviour freezes the model (no step, `spike` keeps its last value); removing it
 *   leaves the arrays on the group.
 *
 * {@link SynapseModel} does the same for a spiking {@link Synapse} on a synapse group (transmission
 * and plasticity as generated code; see its comment).
 *
 * Limits: the private networks always use the `js` backend (the only one whose state arrays are
 * the group's arrays, shared in place, and which steps synchronously); `cpp`/`webgpu` kernels are
 * not behaviours. Monitors, `every()` callbacks and `simulate()` of the private network are not
 * driven (read state through recorders on the group).
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import type { MethodName } from '../equations/description.js';
import type { NeuronSpec } from '../equations/spec.js';
import { Network as CoreNetwork } from '../network/Network.js';
import { Neuron } from '../core/Neuron.js';
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import { Synapse } from '../core/Synapse.js';
import type { SynapseSpec } from '../equations/spec.js';
import { DenseMatrix, SparseMatrix } from './matrix.js';
import { SynapseGroup } from './SynapseGroup.js';
import { Behavior } from './Behavior.js';
import type { BehaviorHost } from './host.js';
import { NeuronGroup } from './NeuronGroup.js';
import { fillSpec, type InitSpec } from './spec.js';

/**
 * What {@link NeuronModel} and {@link SynapseModel} share: a private js-backend `CoreNetwork`,
 * seeded from the host's stream, stepped exactly once per iteration.
 */
abstract class PrivateNetworkBehavior extends Behavior {
  #net: CoreNetwork | undefined;

  /** The private network (after initialisation), e.g. to read its `source` or add a Monitor before the first step. */
  get network(): CoreNetwork {
    return this.initialised(this.#net);
  }

  /** `value`, or the "not initialised yet" error. */
  protected initialised<T>(value: T | undefined): T {
    if (value === undefined) throw new NeurarchyError(`${this.toString()} is not initialised yet: call net.initialize()`);
    return value;
  }

  /** A fresh private network, seeded from `host`'s random stream, `label` and this behaviour's key. */
  protected createNetwork(host: BehaviorHost, label: string, opts: { dt?: number; method?: MethodName }): CoreNetwork {
    const seed = host.rng.child(`${label}:${this.key ?? 0}`).nextU32();
    return new CoreNetwork({ dt: opts.dt ?? 1, seed, method: opts.method, backend: 'js', progress: false });
  }

  /** Compiles `net` and keeps it: from now on {@link step} runs it. */
  protected async compileNetwork(net: CoreNetwork, what: string): Promise<void> {
    await net.compile();
    if (net.engine?.backend !== 'js') throw new NeurarchyError(`${what}: the private network must run on the js backend`);
    this.#net = net;
  }

  /** Exactly one step of the generated code (the js engine runs synchronously, checked at compile). */
  protected step(): void {
    const net = this.#net;
    if (!net) throw new NeurarchyError(`${this.toString()}: iteration before initialize`);
    const step = net.currentStep;
    void net.engine!.run(step, 1);
    net.setCurrentStep(step + 1);
  }
}

/** Options of {@link NeuronModel}. */
export interface NeuronModelOptions {
  /** Milliseconds per iteration: the private network's `dt` (default 1). */
  dt?: number;
  /** Default numerical method for equations without a method flag (default 'explicit'). */
  method?: MethodName;
  /** Initial values by attribute name: a number or a spec string, per neuron. */
  init?: Record<string, InitSpec>;
  /** Name of the 0/1 spike vector written after each step (default `'spike'`; spiking neurons only). */
  spikeVar?: string;
  /** Tags, comma-separated. */
  tag?: string;
  /** Whether the model steps (default true). */
  behaviorEnabled?: boolean;
}

/** The keys of {@link NeuronModelOptions}. */
export const NEURON_MODEL_OPTIONS = optionKeys<NeuronModelOptions>()(['dt', 'method', 'init', 'spikeVar', 'tag', 'behaviorEnabled']);

/**
 * A {@link Neuron} (or its spec, or a built-in model class such as `Izhikevich`) run as a
 * behaviour of a {@link NeuronGroup}. See the module comment.
 */
export class NeuronModel extends PrivateNetworkBehavior {
  /** The neuron type. */
  readonly neuron: Neuron;
  /** The options. */
  readonly options: Readonly<NeuronModelOptions>;
  #pop: Population | undefined;
  #spike: Uint8Array | undefined;

  constructor(neuron: Neuron | NeuronSpec | (new () => Neuron), options: NeuronModelOptions = {}) {
    checkOptions(options, NEURON_MODEL_OPTIONS, 'new NeuronModel()');
    super({ tag: options.tag, behaviorEnabled: options.behaviorEnabled });
    this.neuron = neuron instanceof Neuron ? neuron : typeof neuron === 'function' ? new neuron() : new Neuron(neuron);
    this.options = { ...options };
    if (options.dt !== undefined && !(options.dt > 0)) throw new NeurarchyError(`NeuronModel(${this.neuron.name}): dt must be a positive number of ms, got ${options.dt}`);
  }

  /** The population holding the group's state (after initialisation). */
  get population(): Population {
    return this.initialised(this.#pop);
  }

  /** Builds and compiles the private network; exposes (or adopts) the attribute arrays. */
  override async initialize(host: BehaviorHost): Promise<void> {
    if (!(host instanceof NeuronGroup)) {
      throw new NeurarchyError(`${this.toString()} must be attached to a NeuronGroup, not to '${host.tag}'`);
    }
    const what = `${host.tag}: ${this.toString()}`;
    const net = this.createNetwork(host, 'NeuronModel', this.options);
    const pop = net.create(host.size, this.neuron, { name: host.tags[0] });
    const names = pop.description.attributes.map((a) => a.name);
    for (const name of [...pop.state.keys()]) {
      if (name.startsWith('_')) continue;
      const own = pop.state.get(name)!;
      const existing = host.vars[name];
      if (existing === undefined) {
        host.vars[name] = own;
      } else if (existing instanceof Float64Array && existing.length === own.length) {
        pop.state.set(name, existing);
      } else {
        throw new NeurarchyError(
          `${what}: vars.${name} already exists as a ${existing.constructor.name} of ${existing.length}; `
          + `the equation model needs a Float64Array of ${own.length} (or no such variable before its key)`,
        );
      }
    }
    for (const [name, spec] of Object.entries(this.options.init ?? {})) {
      const arr = pop.state.get(name);
      if (!names.includes(name) || !(arr instanceof Float64Array)) {
        throw new NeurarchyError(`${what}: init.${name} is not an attribute of ${this.neuron.name} (attributes: ${names.join(', ')})`);
      }
      fillSpec(arr, spec, host.rng);
    }
    await this.compileNetwork(net, what);
    if (pop.isSpiking) {
      const key = this.options.spikeVar ?? 'spike';
      const existing = host.vars[key];
      if (existing instanceof Uint8Array && existing.length === host.size) this.#spike = existing;
      else if (existing !== undefined) {
        throw new NeurarchyError(`${what}: vars.${key} exists as a ${existing.constructor.name} of ${existing.length}; spikes need a Uint8Array of ${host.size}`);
      } else {
        this.#spike = new Uint8Array(host.size);
        host.vars[key] = this.#spike;
      }
    }
    this.#pop = pop;
  }

  /** Exactly one step of the generated code, then the spike vector. */
  override iteration(): void {
    this.step();
    const spike = this.#spike;
    if (spike) {
      const state = this.#pop!.state;
      const spiked = state.get('_spiked') as Int32Array;
      const n = (state.get('_nspiked') as Int32Array)[0]!;
      spike.fill(0);
      for (let k = 0; k < n; k++) spike[spiked[k]!] = 1;
    }
  }

  /** `NeuronModel(<neuron name>)`. */
  override toString(): string {
    return `NeuronModel(${this.neuron.name})`;
  }
}

/** Options of {@link SynapseModel}. */
export interface SynapseModelOptions {
  /** The target of the transmission, as in `g_target += w` (default `'exc'`). */
  target?: string;
  /** The dst group's variable that receives the transmitted input (default `g_<target>`; created as zeros when absent). */
  into?: string;
  /** Milliseconds per iteration (default 1). */
  dt?: number;
  /** Default numerical method (default 'explicit'). */
  method?: MethodName;
  /** Initial values of synaptic attributes: numbers or spec strings, one per synapse. */
  init?: Record<string, InitSpec>;
  /** Name of the 0/1 spike vectors read on src and dst (default `'spike'`). */
  spikeVar?: string;
  tag?: string;
  behaviorEnabled?: boolean;
}

/** The keys of {@link SynapseModelOptions}. */
export const SYNAPSE_MODEL_OPTIONS = optionKeys<SynapseModelOptions>()(['target', 'into', 'dt', 'method', 'init', 'spikeVar', 'tag', 'behaviorEnabled']);

/** Name of the proxies' spike input (a parameter written from the groups' spike vectors). */
const FIRE = 'spike_in';

/**
 * A spiking {@link Synapse} of the equation language run as a behaviour of a {@link SynapseGroup}:
 * transmission (`pre_spike: g_target += w`), event-driven and continuous synaptic equations and
 * spike-timing plasticity all run as generated code, one step per iteration.
 *
 * How it works: a private neurarchy `Network` holds a `Projection` between two proxy populations
 * of the sizes of `src` and `dst`. Each iteration the behaviour copies `src.vars.spike` and
 * `dst.vars.spike` into the proxies (which emit exactly those spikes), copies the pre/post
 * variables the synapse reads (`pre.x`, `post.y`: from `src.vars.x`, `dst.vars.y`), runs one step,
 * and adds what the projection transmitted into `dst.vars[into]` (default `g_<target>`), where a
 * `NeuronModel` with that conductance, or a hand-written behaviour, reads it.
 *
 * - Connectivity and weights come from `synapse.W` as set by a lower-key behaviour's `initialize`
 *   (or earlier): a `DenseMatrix` gives all dst × src synapses (zeros included), a `SparseMatrix`
 *   its entries; without W, all-to-all with the synapse's default `w` (a dense W is created). Afterwards `synapse.W` is
 *   replaced by a matrix of the same kind whose values **are** the projection's `w` array, so
 *   plasticity is visible there; every other synaptic attribute is in `synapse.vars` (one value per
 *   synapse, in the order of W's entries, row = post).
 * - Timing (one ANNarchy step of the projection per turn): at its turn in iteration k the
 *   behaviour reads `src.vars.spike` and `dst.vars.spike` as they are then; it runs the
 *   `pre_spike` events (transmission into `dst.vars[into]`, pre-synaptic plasticity) of the src
 *   spikes it read at iteration k − 1 (ANNarchy's minimal synaptic delay of one step), then the
 *   `post_spike` events of the dst spikes read at iteration k. Give it a key after the behaviours
 *   that write both spike vectors; a dst neuron behaviour with a higher key sees the input in the
 *   same iteration. (A Projection between Populations interleaves transmission and the neuron
 *   update inside one step, so STDP pairings of equal-time spikes can differ from this by a step.)
 * - Rate-coded synapses and synaptic delays are not supported (an error says so for rate-coded).
 * - The connectivity is built from COO lists in JavaScript: fine up to ~10⁷ synapses; for 10⁸
 *   dense synapses write the synapse behaviour over a typed array (`bench/pymonnto_stdp.ts`).
 */
export class SynapseModel extends PrivateNetworkBehavior {
  /** The synapse model, in ANNarchy's equation language. */
  readonly synapse: Synapse;
  /** The options given to the constructor. */
  readonly options: Readonly<SynapseModelOptions>;
  #proj: Projection | undefined;
  /** Per side (src, dst): the proxy's spike input and the proxy arrays of the mirrored variables. */
  #sides: { fire: Float64Array; mirrors: [string, Float64Array][] }[] = [];
  #into: Float64Array | undefined;
  #captured: Float64Array | undefined;

  constructor(synapse: Synapse | SynapseSpec | (new () => Synapse), options: SynapseModelOptions = {}) {
    checkOptions(options, SYNAPSE_MODEL_OPTIONS, 'new SynapseModel()');
    super({ tag: options.tag, behaviorEnabled: options.behaviorEnabled });
    this.synapse = synapse instanceof Synapse ? synapse : typeof synapse === 'function' ? new synapse() : new Synapse(synapse);
    this.options = { ...options };
  }

  /** The projection holding the group's synapses (after initialisation). */
  get projection(): Projection {
    return this.initialised(this.#proj);
  }

  override async initialize(host: BehaviorHost): Promise<void> {
    if (!(host instanceof SynapseGroup)) {
      throw new NeurarchyError(`${this.toString()} must be attached to a SynapseGroup, not to '${host.tag}'`);
    }
    const what = `${host.tag}: ${this.toString()}`;
    if (host.layout !== 'DxS') {
      throw new NeurarchyError(`${what}: the synapse group uses the SxD layout; SynapseModel shares a dst × src W with its kernel, so give the group layout: 'DxS'`);
    }
    const src = host.src;
    const dst = host.dst;
    const target = this.options.target ?? 'exc';
    const net = this.createNetwork(host, 'SynapseModel', this.options);
    // The synapse's pre/post dependencies decide which variables the proxies mirror.
    const probe = net.analyseSynapse(this.synapse, 'spike');
    const mirrored = (deps: string[]): string[] => deps.filter((d) => d !== 'last_spike' && d !== FIRE && !d.startsWith('_') && !d.startsWith('g_'));
    const mirrorPre = mirrored(probe.preDependencies);
    const mirrorPost = mirrored(probe.postDependencies);
    for (const [g, names] of [[src, mirrorPre], [dst, mirrorPost]] as const) {
      for (const n of names) {
        const arr = g.vars[n];
        if (!arr || arr.length !== g.size) {
          throw new NeurarchyError(`${what}: the synapse reads ${g === src ? 'pre' : 'post'}.${n}, but '${g.tag}' has no vars.${n} of ${g.size} values (create it in a behaviour with a lower key)`);
        }
      }
    }
    const params = (names: string[]): string => [`${FIRE} = 0.0`, ...names.map((n) => `${n} = 0.0`)].join('\n');
    const pre = net.create(src.size, new Neuron({ name: `${src.tag} (spikes)`, parameters: params(mirrorPre), spike: `${FIRE} > 0.5` }), { name: 'pre' });
    const post = net.create(dst.size, new Neuron({
      name: `${dst.tag} (spikes)`, parameters: params(mirrorPost), equations: `syn_in = g_${target}`, spike: `${FIRE} > 0.5`,
    }), { name: 'post' });
    const proj = net.connect(pre, post, target, this.synapse, { name: host.tags[0] });
    if (proj.description.type !== 'spike') throw new NeurarchyError(`${what}: only spiking synapses can be behaviours (this one is rate-coded)`);
    const wInit = probe.attributes.find((a) => a.name === 'w')?.init;
    const wDefault = wInit && wInit.kind === 'number' ? Number(wInit.value) : 0;
    const W = host.vars.W ?? new DenseMatrix(dst.size, src.size, new Float64Array(dst.size * src.size).fill(wDefault));
    // Synapses as COO (pre, post, w), in W's order (row = post): the projection then keeps one w per synapse.
    const row: number[] = [];
    const col: number[] = [];
    let data: ArrayLike<number>;
    if (W instanceof SparseMatrix) {
      for (let i = 0; i < W.rows; i++) for (let k = W.rowPtr[i]!; k < W.rowPtr[i + 1]!; k++) { row.push(W.colIdx[k]!); col.push(i); }
      data = W.values;
    } else if (W instanceof DenseMatrix) {
      for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.cols; j++) { row.push(j); col.push(i); }
      data = W.data;
    } else {
      throw new NeurarchyError(`${what}: synapse.W must be a DenseMatrix or a SparseMatrix (dst × src)`);
    }
    if (data.length === 0) throw new NeurarchyError(`${what}: synapse.W has no synapses`);
    proj.connectFromSparse({ shape: [src.size, dst.size], row, col, data });
    await this.compileNetwork(net, what);
    // The projection's synapses are in CSR order by post: check that they follow W's order, then share.
    const st = proj.state;
    const rowPtr = st.get('_row_ptr') as Int32Array;
    const postRank = st.get('_post_rank') as Int32Array;
    const preRank = st.get('_pre_rank') as Int32Array;
    const nnz = preRank.length;
    const fullRowPtr = new Int32Array(dst.size + 1);
    for (let i = 0; i < postRank.length; i++) {
      if (i > 0 && postRank[i]! <= postRank[i - 1]!) throw new NeurarchyError(`${what}: internal: dendrites are not in post order`);
      fullRowPtr[postRank[i]! + 1] = rowPtr[i + 1]! - rowPtr[i]!;
    }
    for (let i = 0; i < dst.size; i++) fullRowPtr[i + 1]! += fullRowPtr[i]!;
    const w = st.get('w') as Float64Array | undefined;
    if (!(w instanceof Float64Array) || w.length !== nnz) throw new NeurarchyError(`${what}: the synapse must have a per-synapse weight w`);
    for (let k = 0; k < nnz; k++) {
      if (w[k] !== data[k] || preRank[k] !== row[k]) throw new NeurarchyError(`${what}: internal: the projection's synapses are not in the order of W`);
    }
    for (const [name, spec] of Object.entries(this.options.init ?? {})) {
      const arr = st.get(name);
      if (name.startsWith('_') || !(arr instanceof Float64Array)) {
        throw new NeurarchyError(`${what}: init.${name} is not an attribute of ${this.synapse.name} (attributes: ${proj.description.attributes.map((a) => a.name).join(', ')})`);
      }
      fillSpec(arr, spec, host.rng);
    }
    host.vars.W = W instanceof DenseMatrix
      ? new DenseMatrix(dst.size, src.size, w)
      : new SparseMatrix(dst.size, src.size, fullRowPtr, preRank.slice(), w);
    for (const a of proj.description.attributes) {
      if (a.name === 'w') continue;
      const arr = st.get(a.name);
      if (arr) host.vars[a.name] = arr;
    }
    const into = this.options.into ?? `g_${target}`;
    const existing = dst.vars[into];
    if (existing === undefined) dst.vars[into] = this.#into = new Float64Array(dst.size);
    else if (existing instanceof Float64Array && existing.length === dst.size) this.#into = existing;
    else throw new NeurarchyError(`${what}: '${dst.tag}'.vars.${into} must be a Float64Array of ${dst.size}`);
    this.#captured = post.state.get('syn_in') as Float64Array;
    this.#sides = ([[pre, mirrorPre], [post, mirrorPost]] as const).map(([pop, names]) => ({
      fire: pop.state.get(FIRE) as Float64Array,
      mirrors: names.map((n): [string, Float64Array] => [n, pop.state.get(n) as Float64Array]),
    }));
    this.#proj = proj;
  }

  /** Spikes and mirrored variables in, one step, transmitted input out. */
  override iteration(host: SynapseGroup): void {
    const key = this.options.spikeVar ?? 'spike';
    const groups = [host.src, host.dst];
    for (let s = 0; s < this.#sides.length; s++) {
      const { fire, mirrors } = this.#sides[s]!;
      const g = groups[s]!;
      const spike = g.vars[key];
      if (spike === undefined) fire.fill(0);
      else for (let i = 0; i < fire.length; i++) fire[i] = spike[i]!;
      for (const [n, arr] of mirrors) arr.set(g.vars[n]!);
    }
    this.step();
    const into = this.#into!;
    const got = this.#captured!;
    for (let i = 0; i < into.length; i++) into[i]! += got[i]!;
  }

  /** `SynapseModel(<synapse name>)`. */
  override toString(): string {
    return `SynapseModel(${this.synapse.name})`;
  }
}
