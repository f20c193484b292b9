/**
 * PymoNNto's modelling style in neurarchy: networks of `NeuronGroup`s and `SynapseGroup`s whose
 * dynamics are `Behavior` modules run in one global key order, recorded by `Recorder` and
 * `EventRecorder`, found through tags. The main package exposes this folder as a namespace, so
 * this `Network` does not clash with ANNarchy's.
 *
 * Name mapping (PymoNNto → here):
 *
 * | PymoNNto | neurarchy `behaviors` |
 * |---|---|
 * | `Network(tag, behavior, settings)` | `new Network({ seed, tag, behavior })` |
 * | `NeuronGroup(net=, tag=, size=, behavior=)` | `new NeuronGroup({ net, tag, size \| geometry, behavior })` (behavior optional) |
 * | `size=get_squared_dim(100)` / `NeuronDimension(w, h, d)` | `geometry: squaredGrid(100)` / `geometry: [w, h, d]` (sets `x`, `y`, `z`, `width`, `height`, `depth`) |
 * | `Network(settings={'syn_dim': SxD})` (`synapse_mode`) | `new Network({ settings: { syn_dim: SxD } })`, or per group `layout: 'SxD'` |
 * | `SynapseGroup(net=, src=, dst=, tag=)` | `new SynapseGroup({ net, src, dst, tag })` |
 * | `net.initialize()` / `net.simulate_iterations(n)` / `simulate_iteration()` | `await net.initialize()` / `await net.simulateIterations(n)` / `await net.simulateIteration()` |
 * | `net.iteration`, `neurons.iteration` | same |
 * | `neurons.voltage = …`, `neurons.voltage` | the same; it is `neurons.vars.voltage` (recorders see it); typed with `NeuronGroup<{ voltage: Float64Array }>` |
 * | `neurons.vector('uniform', density=0.01)` | `neurons.vector('uniform', { density: 0.01 })` |
 * | `vector('uniform(0,1)*0.5+0.1')`, `vector(int)`, `vector(bool)`, `'lognormal_rm(1, 0.5)'` | the same strings (parsed, never `eval`ed; see spec.ts) |
 * | `synapse.matrix('uniform', density=0.1)` (dense, dst × src) | `synapse.matrix('uniform', { density: 0.1 })` → `DenseMatrix` (dst × src); `{ sparse: true }` → CSR |
 * | `synapse.W.dot(src.spike)` | `synapse.W.dot(src.vars.spike)` or `synapse.propagate(spikes, { into, gain })` |
 * | `synapse.enabled = synapse.W > 0` | `synapse.enabled = synapse.W.greater(0)` (on a `DenseMatrix`) |
 * | `neurons.synapses(afferent, 'GLU')` | the same (`afferent`/`dendrite` = 0, `efferent`/`axon` = 1, or the names `'pre'`, `'post'`, …) |
 * | `Behavior.initialize(self, neurons)` / `iteration(self, neurons)` | `override initialize(n: NeuronGroup)` / `override iteration(n)` |
 * | `self.parameter('k', default)` (kwargs) | `this.parameter('k', default)` (constructor object) |
 * | diversity string `'uniform(1,2)'`, `'same(exc, th)'` in a kwarg | `this.parameterArray('k', default, host)` |
 * | `behavior_enabled` | `behaviorEnabled` (kwarg and property) |
 * | `initialize_last` | `initializeLast` |
 * | `add_behavior(key, b, initialize=True)` / `add_behaviors` / `remove_behavior(x)` | `addBehavior(key, b, { initialize })` / `addBehaviors` / `removeBehavior(x)` |
 * | `set_behaviors(tag, on)` / `activate_behaviors` / `deactivate_behaviors` | `setBehaviors` / `activateBehaviors` / `deactivateBehaviors` |
 * | `recording_off()` / `recording_on()` / `clear_recorder()` | `recordingOff()` / `recordingOn()` / `clearRecorders()` |
 * | `net['tag']` (a list) / `net['tag', 0]` | `net.find('tag')` / `net.get('tag', 0)` (`net['tag']` in JS is `net.tag`, quick access) |
 * | `group['Basic_Behavior', 0]`, `group.Basic_Behavior` | `group.BasicBehavior`, `group.getBehavior(BasicBehavior)` |
 * | `net.my_neurons`, `net.GLUTAMATE`, `ng.my_recorder` (quick access) | the same (unique tags; an ambiguous one is an error) |
 * | `neurons.subGroup(mask)`, `partition_masks`, `split_grid_into_sub_group_blocks`, `get_subgroup_receptive_field_mask` | `subGroup`, `partitionMasks`, `splitGridIntoSubGroupBlocks`, `getSubgroupReceptiveFieldMask` |
 * | `Box_Receptive_Fields(range)`, `Circle_Receptive_Fields(radius)`, `Remove_Autapses()`, `Partition()` | `BoxReceptiveFields({ range })`, `CircleReceptiveFields({ radius })`, `RemoveAutapses()`, `Partition({ steps, rf })`, `DistanceConnectivity({ sigma, p0 })` |
 * | `synapse.get_distance_mat(r)`, `get_ring_mat(r, e)` | `distanceMatrix(synapse, r)`, `ringMatrix(synapse, r, e)` |
 * | `Recorder(['voltage', 'np.mean(voltage)'], tag=)` | `new Recorder(['voltage', 'mean(voltage)'], { tag })` (`np.` accepted) |
 * | `net['voltage', 0, 'np']` (steps × neurons) | `net.getRecorded('voltage', 0)` → `DenseMatrix` steps × neurons |
 * | `net['np.mean(voltage)', 0]` | `net.getRecorded('mean(voltage)', 0).data` |
 * | `EventRecorder('spike', tag=)`; `net['spike.t', 0]`, `net['spike.i', 0]` | `new EventRecorder('spike', { tag })`; `net.getRecorded('spike.t').data`, `…('spike.i')` |
 * | `Recorder(gapwidth=k, max_length=m)` | `{ every: k, maxLength: m }` |
 * | `str(net)` / `sorted_behavior_execution_list` | `net.toString()` / `net.executionOrder`, `net.describeSchedule()` |
 * | `Clock`/`Variable`/`Equation` modules (Euler, `eval`) | `new NeuronModel(neuron, { dt })`: a neurarchy `Neuron` run as generated code at its key; `group.vars.v` is the kernel's array |
 * | STDP written as a module | a behaviour over `synapse.W`, or `new SynapseModel(new STDP())`: a spiking `Synapse` as generated code, `synapse.W` shared with the kernel |
 *
 * Random draws (`vector`, `matrix`, `fill`) come from neurarchy's Philox `RandomStream`, one per
 * host, keyed by the network's seed and the host's number in order of creation.
 */
export { Network, type NetworkOptions, type InitializeOptions, type SimulateOptions, type ScheduleRow } from './Network.js';
export {
  NeuronGroup, NeuronGroupClass, afferent, efferent, dendrite, axon, type NeuronGroupOptions, type SynapseDirection,
  type NeuronGroupConstructor, type GroupNetwork, type SynapseGroupMembers, type SynapseGroupHandle,
} from './NeuronGroup.js';
export {
  SynapseGroup, SynapseGroupClass, type SynapseGroupConstructor, type SynapseGroupOptions, type MatrixOptions, type SynapseValue,
} from './SynapseGroup.js';
export { type LooseState, type StateProperties, type VarsOf } from './attributes.js';
export { Behavior, type BehaviorKwargs, type BehaviorHostHandle } from './Behavior.js';
export {
  BehaviorHost, behaviorKey, type BehaviorDict, type BehaviorSelector, type AddBehaviorOptions, type HostValue, type HostNetwork,
} from './host.js';
export type { HostHandle, NetworkHandle } from './handles.js';
export type { ScheduleEntry } from './schedule.js';
export { Recorder, EventRecorder, type RecorderOptions } from './Recorder.js';
export { translatePymonnto, normalizeKey, evaluateOnHost, type Value } from './expression.js';
export { DenseMatrix, SparseMatrix, type WeightMatrix } from './matrix.js';
export {
  parseSpec, fillSpec, forEachDrawn, specDtype, SpecError, type InitSpec, type InitOptions, type ParsedSpec, type SpecContext,
  type SpecNode, type SpecArg, type BinaryOp, type SpecDtype, type SameResolver,
} from './spec.js';
export { DISTRIBUTIONS, type Distribution, type ParamSpec } from './init/distributions.js';
export { makeGeometry, squaredGrid, type Geometry, type GeometrySpec } from './geometry.js';
export { Taggable, type SearchKey, type ClassKey } from './tags.js';
export { LIFBehavior, LIF_EQUATIONS } from './lif.js';
export { NeuronSubGroupClass, subGroup, type NeuronSubGroup, type SubGroupBase } from './structure/subgroup.js';
export {
  partitionMasks, splitGridIntoSubGroupBlocks, receptiveFieldMask, type Triple, type HasCoordinates, type PartitionBlockOf,
} from './structure/partition.js';
export {
  BoxReceptiveFields, CircleReceptiveFields, RemoveAutapses, DistanceConnectivity, distanceMatrix, ringMatrix,
  pairMask, restrictEnabled, Partition, type PartitionBlock,
} from './structure/receptive-fields.js';
export {
  moveCoordinates, scaleCoordinates, rotateCoordinates, areaMask, type IndexRange,
} from './structure/coordinates.js';
export {
  SxD, DxS, readLayout, settingsLayout, type MatrixLayout, type LayoutSpec, type NetworkSettings,
} from './structure/layout.js';
export { NeuronModel, SynapseModel, type NeuronModelOptions, type SynapseModelOptions } from './models.js';
export {
  type StateArray, type Operand, greater, less, setWhere, where, scaleInPlace, addInPlace, clipInPlace,
  sum, mean, max, min, countNonzero, nonzero,
} from './arrays.js';
export { BehaviorTimer, type BehaviorTimeRow } from './timing.js';
export * from './analysis/index.js';
export * from './storage/index.js';

// The network's methods cannot be replaced by state attributes either (see attributes.ts).
import { sealMethods as sealNetworkMethods } from './attributes.js';
import { Network as NetworkForSeal } from './Network.js';
sealNetworkMethods(NetworkForSeal);
