/**
 * ANNarchy's configuration and compile options that neurarchy does not have, each with the reason
 * and what to do instead. `checkOptions` refuses them with that text rather than ignoring them, so
 * that a ported script never runs with a setting silently dropped.
 */

const FLOAT32 = "set the precision with setup({ precision: 'float32' }) or new Network({ precision: 'float32' }) ('float64', the default, or 'float32')";
const ONE_FORMAT = 'neurarchy stores every projection in one format (post-major CSR, as ANNarchy\'s default post_to_pre LIL), chosen per backend: remove this option';
const NO_DEBUG = 'neurarchy has no debug or profiling build: time calls with performance.now(), read the generated code with net.source';
const LOGGING = 'neurarchy prints nothing but warnings; remove this option';

/** `setup()` / `new Network()` / `net.config()` keys of ANNarchy's (§1.9.3) that neurarchy refuses. */
export const UNSUPPORTED_SETUP_OPTIONS: Readonly<Record<string, string>> = {
  paradigm: "choose the backend instead: backend 'cpp' for ANNarchy's 'openmp', backend 'webgpu' for GPUs (ANNarchy's 'cuda')",
  dtype: FLOAT32,
  sparse_matrix_format: ONE_FORMAT,
  sparseMatrixFormat: ONE_FORMAT,
  sparse_matrix_storage_order: ONE_FORMAT,
  sparseMatrixStorageOrder: ONE_FORMAT,
  storage_format: ONE_FORMAT,
  storageFormat: ONE_FORMAT,
  storage_order: ONE_FORMAT,
  storageOrder: ONE_FORMAT,
  visible_cores: 'threads are placed by OpenMP: set OMP_PLACES / OMP_PROC_BIND in the environment',
  visibleCores: 'threads are placed by OpenMP: set OMP_PLACES / OMP_PROC_BIND in the environment',
  only_int_idx_type: 'indices are always 32-bit integers',
  disable_parallel_rng: 'random numbers come from counter-based Philox streams, identical for any number of threads',
  use_seed_seq: 'random numbers come from counter-based Philox streams seeded by the network seed',
  verbose: LOGGING,
  suppress_warnings: LOGGING,
  show_time: 'time simulate() with performance.now()',
  trace_calls: NO_DEBUG,
  debug: NO_DEBUG,
  profiling: NO_DEBUG,
  disable_shared_library_time_offset: 'not applicable: the cpp backend keeps time in the network object',
};

/** `compile()` keys of ANNarchy's (§1.9.1) that neurarchy refuses. */
export const UNSUPPORTED_COMPILE_OPTIONS: Readonly<Record<string, string>> = {
  clean: 'the cpp backend reuses a build only when the generated source is identical; delete its directory to force a rebuild',
  add_sources: 'extra C++ sources are not supported: define functions with addFunction() or in the model',
  addSources: 'extra C++ sources are not supported: define functions with addFunction() or in the model',
  extra_libs: 'extra libraries are not supported',
  extraLibs: 'extra libraries are not supported',
  cuda_config: "use backend 'webgpu' for GPUs; launch sizes are chosen by the backend",
  cudaConfig: "use backend 'webgpu' for GPUs; launch sizes are chosen by the backend",
  annarchy_json: 'not applicable: pass compiler and compilerFlags instead',
  debug_build: NO_DEBUG,
  debugBuild: NO_DEBUG,
  trace_calls: NO_DEBUG,
  profile_enabled: NO_DEBUG,
  profileEnabled: NO_DEBUG,
  paradigm: UNSUPPORTED_SETUP_OPTIONS.paradigm,
  precision: FLOAT32,
};

/** Keys of ANNarchy's connector methods (§1.7.2) that neurarchy refuses. */
export const UNSUPPORTED_CONNECT_OPTIONS: Readonly<Record<string, string>> = {
  storage_format: ONE_FORMAT,
  storageFormat: ONE_FORMAT,
  storage_order: ONE_FORMAT,
  storageOrder: ONE_FORMAT,
  // Accepted by connectFixedProbability and connectFixedNumberPost (their allowed keys come first); every other pattern is stored.
  procedural: 'only connectFixedProbability and connectFixedNumberPost regenerate their synapses (procedural: true); this pattern stores them',
};
