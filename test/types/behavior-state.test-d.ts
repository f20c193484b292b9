/**
 * Type test (issue 22), checked by `npm run typecheck`, never run: a PymoNNto behaviour ports with
 * attribute-style state (`n.voltage = n.vector()`: any name, `any`, as in Python), while
 * `NeuronGroup<S>` / `SynapseGroup<S>` type the attributes and refuse misspelt ones. Members keep
 * their own types in both cases. Each `@ts-expect-error` fails the type check if the line below
 * it compiles.
 */
import {
  Behavior, Network, NeuronGroup, SynapseGroup, afferent, type DenseMatrix,
} from '../../src/behaviors/index.js';

/** `true` when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): T | undefined { return undefined; }

/** Ported as written: attributes of any name. */
export class Basic extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.voltage = n.vector();
    n.threshold = 0.5;
  }

  override iteration(n: NeuronGroup): void {
    for (let i = 0; i < n.size; i++) if (n.voltage[i] > n.threshold) n.voltage[i] = 0;
    for (const s of n.synapses(afferent, 'GLU')) s.W.dot(s.src.spike, n.voltage);
  }
}

/** Typed state. */
interface LifState { voltage: Float64Array; spike: Uint8Array; tau: number }

export class TypedLif extends Behavior {
  override initialize(n: NeuronGroup<LifState>): void {
    n.voltage = n.vector();
    n.tau = 10;
    // @ts-expect-error a number is not the declared Float64Array
    n.voltage = 3;
    // @ts-expect-error a misspelt attribute
    n.voltge = n.vector();
  }

  override iteration(n: NeuronGroup<LifState>): void {
    const v: Float64Array = n.voltage;
    const s: Uint8Array = n.vars.spike; // vars is typed by the same state
    const t: number = n.tau;
    const tv: number = n.vars.tau;
    void [v, s, t, tv];
  }
}

export function members(net: Network): void {
  const loose = new NeuronGroup({ net, size: 3 });
  const typed = new NeuronGroup<LifState>({ net, size: 3 });
  // Members keep their declared types, loose or typed.
  expectType<Equal<typeof loose.size, number>>();
  expectType<Equal<typeof typed.size, number>>();
  // vector() is typed by its spec: float by default, Int32Array/Uint8Array for int and bool results.
  const f: Float64Array = typed.vector('uniform(0, 1)*0.5+0.1');
  const i: Int32Array = typed.vector('int(uniform(0, 10))');
  const b: Uint8Array = typed.vector('bool');
  const m: Uint8Array = loose.vector('uniform', { dtype: 'bool' });
  // @ts-expect-error an int result is not a Float64Array
  const wrong: Float64Array = typed.vector('int');
  void [f, i, b, m, wrong];
  // @ts-expect-error a misspelt member of a typed group
  typed.vectr();
  // A state type cannot redeclare a member: `size` stays the class's number.
  const odd = new NeuronGroup<{ size: string; v: Float64Array }>({ net, size: 1 });
  expectType<Equal<typeof odd.size, number>>();
  void odd;
  // Quick access on the network (PymoNNto `net.my_neurons`) type-checks; `get` types the result.
  const g = net.my_neurons;
  const typedAgain = net.get<NeuronGroup<LifState>>('my_neurons', 0);
  void [g, typedAgain];
  // Synapse groups: W keeps its member type; state is typed when declared.
  const syn = new SynapseGroup<{ trace: Float64Array; mask: DenseMatrix<Uint8Array> }>({ net, src: loose, dst: typed });
  syn.trace = new Float64Array(3);
  // @ts-expect-error a misspelt attribute of a typed synapse group
  syn.trac = new Float64Array(3);
  const loosesyn = new SynapseGroup({ net, src: loose, dst: typed });
  loosesyn.eta = 0.01;
  expectType<Equal<typeof loosesyn.src, NeuronGroup>>();
  // A typed group is still a NeuronGroup where one is expected.
  const asLoose: NeuronGroup = typed;
  void asLoose;
}
