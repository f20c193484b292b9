/**
 * Where the generated code runs OpenMP threads. Only loops whose iterations write disjoint
 * elements are parallel (neurons, dendrites of a rate projection, per-element random draws), so
 * every result is the same, bit for bit, whatever the number of threads; reductions stay sequential,
 * in the js backend's order, and spike propagation is split only by post-synaptic ranges
 * (`projection.ts`), each neuron receiving its events in the js order. Below the thresholds a loop stays on one
 * thread: on small networks a fork/join per step costs more than the loop (perf_anchors §4).
 */

/**
 * Fewest elements (neurons, draws) for a parallel element loop. A COBA neuron update costs ≈2 ns,
 * so 20 000 neurons are ≈40 µs of work per 0.1 ms step. Measured when OpenMP threads slept between
 * regions, COBA 20 000 took 0.80 s on one thread and 1.78 s on two; with polling threads, splitting
 * the equations alone still costs more than it gains below this size (COBA 20 000: 0.45 against
 * 0.29 s), because the spike test reads every neuron back on one core. Spiking populations run
 * in thread blocks from `SPIKING_ELEMENT_THRESHOLD` neurons instead (`../kernels/thread-blocks.ts`).
 */
export const ELEMENT_THRESHOLD = 50_000;
/** Fewest synapses for a parallel loop over dendrites. */
export const SYNAPSE_THRESHOLD = 100_000;

/** A loop whose iterations write disjoint elements, as a thread partition sees it. */
export interface PartitionedLoop {
  /** OpenMP threads of the generated code. */
  threads: number;
  /** Its work (iterations or synapses) when known at generation time. */
  size?: number;
  /** Its work as a C expression, compared at run time when `size` is not known. */
  runtimeWork: string;
  /** The fewest units of work worth a fork/join. */
  threshold: number;
  /**
   * Each iteration reads and writes only its own elements (a neuron loop), so the compiler may
   * vectorise it without testing at run time whether the arrays overlap: GCC does not take the
   * kernels' `__restrict` locals as a promise, and gives up on loops touching more than a few arrays.
   */
  independent?: boolean;
}

/**
 * How the iterations of such a loop are shared between threads (a strategy: the first compatible
 * one of `threadPartitions` is chosen per loop). Whatever the partition, each element is written by
 * one iteration in the same way, so results do not depend on it.
 */
export interface ThreadPartition {
  readonly name: string;
  compatible(loop: PartitionedLoop): boolean;
  /** The lines before the loop. */
  lines(loop: PartitionedLoop): string[];
}

const pragma = (l: PartitionedLoop) => `#pragma omp parallel for${l.independent ? ' simd' : ''} schedule(static) num_threads(${l.threads})`;

/** OpenMP, equal static blocks; where the work is known only at run time, an `if` clause keeps small loops on one thread. */
const openmpStatic: ThreadPartition = {
  name: 'openmp-static',
  compatible: (l) => l.threads > 1 && (l.size === undefined || l.size >= l.threshold),
  lines: (l) => [l.size !== undefined ? pragma(l) : `${pragma(l)} if((${l.runtimeWork}) >= ${l.threshold})`],
};

/**
 * The line before a loop on one thread whose iterations are independent (`PartitionedLoop.independent`):
 * `NX_IVDEP`, defined by `generate.ts` for GCC and clang. It changes no result: the iterations do
 * the same operations in any order, and `-ffp-contract=off` keeps vector lanes to the scalar bits.
 */
export const INDEPENDENT_ITERATIONS = 'NX_IVDEP';

/** One thread: always compatible. */
const sequential: ThreadPartition = { name: 'sequential', compatible: () => true, lines: (l) => (l.independent ? [INDEPENDENT_ITERATIONS] : []) };

/** The thread partitions, in order of preference. */
export const threadPartitions: readonly ThreadPartition[] = [openmpStatic, sequential];

/**
 * The lines before a parallel element loop (for `threads` threads) of `size` iterations (known at
 * generation time), or of a loop whose work `runtimeWork` (a C expression) is compared with
 * `threshold` at run time: the chosen partition's.
 */
export function parallelFor(threads: number, runtimeWork: string, size?: number, threshold = ELEMENT_THRESHOLD, independent = false): string[] {
  const loop: PartitionedLoop = { threads, size, runtimeWork, threshold, independent };
  return threadPartitions.find((p) => p.compatible(loop))!.lines(loop);
}

/**
 * `_lo` and `_hi`, thread `_t` of `_nt`'s contiguous range of `size` elements: the one split of the
 * thread blocks, their draws and the post-range walks into them, so that a thread's elements are
 * the same in each.
 */
export function threadRange(size: number): string {
  return `const int64_t _lo = ${size}LL * _t / _nt, _hi = ${size}LL * (_t + 1) / _nt;`;
}
