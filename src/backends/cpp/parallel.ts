/**
 * Where the generated code runs OpenMP threads. Only loops whose iterations write disjoint
 * elements are parallel (neurons, dendrites of a rate projection, per-element random draws), so
 * every result is the same, bit for bit, whatever the number of threads; reductions and spike
 * propagation stay sequential, in the js backend's order. Below the thresholds a loop stays on one
 * thread: on small networks a fork/join per step costs more than the loop (perf_anchors §4).
 */

/**
 * Fewest elements (neurons, draws) for a parallel element loop. A COBA neuron update costs ≈2 ns,
 * so 20 000 neurons are ≈40 µs of work per 0.1 ms step, no more than a fork/join on a loaded 2-core
 * machine: measured, COBA 20 000 took 0.80 s on one thread and 1.78 s on two. 50 000 keeps such
 * networks sequential.
 */
export const ELEMENT_THRESHOLD = 50_000;
/** Fewest synapses for a parallel loop over dendrites. */
export const SYNAPSE_THRESHOLD = 100_000;

/**
 * The pragma of a parallel element loop (for `threads` threads) of `size` iterations (known at generation time), or of a
 * loop whose work `runtimeWork` (a C expression) is compared with `threshold` at run time.
 */
export function parallelFor(threads: number, runtimeWork: string, size?: number, threshold = ELEMENT_THRESHOLD): string[] {
  if (threads <= 1) return [];
  if (size !== undefined) return size >= threshold ? [`#pragma omp parallel for schedule(static) num_threads(${threads})`] : [];
  return [`#pragma omp parallel for schedule(static) num_threads(${threads}) if((${runtimeWork}) >= ${threshold})`];
}
