/**
 * Type test (issue 15), checked by `npm run typecheck`, never run: the interfaces through which the
 * behaviour modules name each other without an import cycle (src/behaviors/handles.ts, Behavior.ts,
 * host.ts, NeuronGroup.ts) keep what users see typed. Where an interface stands for a class in a public
 * signature (`neurons.synapses()`, `behavior.host`, `group.network`), it lists the class's members
 * (every one for a synapse group, a behaviour's host and a group's network).
 * Each `@ts-expect-error` fails the type check if the line below it compiles.
 */
import {
  Behavior, BehaviorHost, Network, NeuronGroup, SynapseGroup, SynapseGroupClass, afferent,
  type BehaviorHostHandle, type DenseMatrix, type GroupNetwork, type HostHandle, type NeuronSubGroup, type SparseMatrix,
  type SynapseGroupHandle, type SynapseGroupMembers, type WeightMatrix,
  saveBehaviorNetwork, loadBehaviorNetwork,
} from '../../src/behaviors/index.js';

/** `true` when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): T | undefined { return undefined; }

// A synapse group as `neurons.synapses()` gives it lists every public member of the class.
expectType<Equal<Exclude<keyof SynapseGroupClass, keyof SynapseGroupMembers>, never>>();
/** The keys of `T` without its index signature (the network's `any` attributes). */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
// A group's network lists every public member of the Network class.
expectType<Equal<Exclude<KnownKeys<Network>, KnownKeys<GroupNetwork>>, never>>();
expectType<Equal<KnownKeys<Network> extends never ? false : true, true>>();

// A behaviour's host lists every member of BehaviorHost; what is below the hosts sees all of them
// but the management of behaviours.
expectType<Equal<Exclude<keyof BehaviorHost, keyof BehaviorHostHandle>, never>>();
expectType<Equal<Exclude<keyof BehaviorHost, keyof HostHandle>,
  | 'behaviors' | 'addBehavior' | 'addBehaviors' | 'findBehaviors' | 'getBehavior' | 'removeBehavior'
  | 'setBehaviors' | 'activateBehaviors' | 'deactivateBehaviors'>>();

/** Neuron groups, synapse groups and networks go wherever their handles are expected. */
export function conversions(net: Network, n: NeuronGroup<{ v: Float64Array }>, s: SynapseGroup<{ t: Float64Array }>): void {
  const g: GroupNetwork = net;
  const h: HostHandle = n;
  const sh: SynapseGroupHandle = s;
  const hs: HostHandle = s;
  const hn: HostHandle = net;
  void [g, h, sh, hs, hn];
}

/** What a behaviour reads through the handles keeps its types. */
export class Reader extends Behavior {
  override iteration(n: NeuronGroup): void {
    for (const s of n.synapses(afferent)) {
      expectType<Equal<typeof s.src, NeuronGroup>>();
      expectType<Equal<typeof s.dst, NeuronGroup>>();
      expectType<Equal<typeof s.W, WeightMatrix>>();
      expectType<Equal<ReturnType<typeof s.propagate>, Float64Array>>();
      const mask: DenseMatrix<Uint8Array> = s.matrix('bool');
      const sparse: SparseMatrix = s.matrix('uniform', { sparse: true });
      // State attributes of a loose synapse group are `any`, as on `SynapseGroup`.
      s.eta = 0.01;
      void [mask, sparse];
      // @ts-expect-error a member keeps its type: W is a matrix
      s.W = 3;
    }
    // The network as a group sees it: groups typed, attributes `any` (quick access).
    expectType<Equal<typeof n.network.neuronGroups, NeuronGroup[]>>();
    expectType<Equal<typeof n.network.seed, number>>();
    expectType<Equal<ReturnType<typeof n.network.getRecorded>, DenseMatrix>>();
    expectType<Equal<ReturnType<typeof n.network.simulateIterations>, Promise<number>>>();
    const q = n.network.my_neurons;
    void q;
    // The network a group names can be saved and restored (the functions take what they use of it).
    void saveBehaviorNetwork(n.network, 'state.npz');
    void loadBehaviorNetwork(n.network, 'state.npz');
    // A sub-group names the group it came from.
    const sub: NeuronSubGroup<NeuronGroup> = n.subGroup([0]);
    expectType<Equal<typeof sub.base, NeuronGroup>>();
    void sub;
    // The host a behaviour is attached to.
    const host = this.host;
    if (host) {
      expectType<Equal<typeof host.tag, string>>();
      const values: Float64Array = host.initValues('uniform(0, 1)');
      const self: Reader | undefined = host.getBehavior(Reader);
      void [values, self];
    }
  }
}
