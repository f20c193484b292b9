/**
 * neurarchy: rate-coded and spiking neural networks described with ANNarchy's equation language,
 * simulated by generated code (JavaScript by default; C++/OpenMP and WebGPU backends).
 *
 * @packageDocumentation
 */
export { Neuron } from './core/Neuron.js';
export { Synapse } from './core/Synapse.js';
export { Parameter, Variable, type ParameterOptions, type VariableOptions } from './equations/attributes.js';
export { Population, type PopulationClass, type PopulationOptions, type PopulationArgs, type PopulationBase } from './core/Population.js';
export { PopulationView, type PopulationViewClass } from './core/PopulationView.js';
export { Projection, type ProjectionClass, type ProjectionArgs, type PopulationLike, type ProjectionBase } from './core/Projection.js';
export { Dendrite, IndividualSynapse } from './core/Dendrite.js';
export type { StructuralRuleOptions } from './structural/rules.js';
export { IndividualNeuron } from './core/IndividualNeuron.js';
/** User connection patterns for `connectWithFunc` (`LILConnectivity` is ANNarchy's name). */
export { LILBuilder, LILBuilder as LILConnectivity, type RowValues } from './connectors/lil-builder.js';
export { Monitor, type MonitorOptions, type SpikeRecord, type RecordingTimes } from './core/Monitor.js';
export { Network, type NetworkConfig, type CompileOptions, type SimulateUntilOptions } from './network/Network.js';
export { Constant } from './core/Constant.js';
export { addFunction, functions, type UserFunction } from './core/functions.js';
export { Uniform, DiscreteUniform, Normal, LogNormal, Exponential, Gamma, Binomial } from './core/distributions.js';
export * from './network/api.js';
export type { ShapedArray, AttributeInput } from './core/values.js';
export { NeurarchyError, EquationError, NetworkError, InternalError } from './errors.js';
export type { NeuronSpec, SynapseSpec } from './equations/spec.js';
export type { MethodName } from './equations/description.js';
export type { BackendName, Precision } from './ir/plan.js';
export type { EveryOptions, PeriodicCallback } from './runtime/callbacks.js';
export * from './models/index.js';
export { listStandardNeurons, listStandardSynapses } from './models/list.js';
export * from './inputs/index.js';
export * from './analysis/index.js';
export * from './plot/index.js';
export { encodeNpy, decodeNpy, NpyFormatError, type NpyArray } from './io/npy.js';
export { encodeNpz, decodeNpz } from './io/npz.js';
export { LoadError, type SaveSelection } from './io/network-io.js';
export { type ParametersJson } from './io/parameters.js';
export { reportMarkdown, reportLatex, type ReportOptions } from './report/index.js';
export { figure, Figure, JUPYTER_DISPLAY, type MimeBundle } from './notebook.js';
/** PymoNNto's behaviour-module style (its own `Network`, `NeuronGroup`, `SynapseGroup`, `Behavior`, …). */
export * as behaviors from './behaviors/index.js';
/** ANNarchy's image extension: populations whose rates are an image or camera frames. */
export * from './extensions/image/index.js';
/** ANNarchy's BOLD extension: `BoldMonitor`, `BoldModel` and the balloon models. */
export * from './extensions/bold/index.js';
/** ANNarchy's convolution extension: shared-weight `Convolution`, `Pooling`, `Copy`, `Transpose` and `DiagonalProjection`. */
export * from './extensions/convolution/index.js';
/** Export to PyNN 0.10 (NEURON or NEST, under MPI): exportPyNN, readPyNNResults (docs/guides/export.md). */
export * from './export/index.js';
/** ANNarchy's `parallel_run`: a method on several copies of a network, in workers (docs/guides/parallel-runs.md). */
export * from './parallel/index.js';
