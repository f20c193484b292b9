/**
 * Interfaces of neurarchy's random numbers, shared by the initialisation code (connectors,
 * distributions) and the per-step draws of the backends.
 */

/**
 * A sequential stream of random numbers on the host, used when building a network (connectivity,
 * initial values, weights). Deterministic for a given (seed, stream id).
 */
export interface RandomSource {
  /** A float64 uniform in [0, 1). */
  uniform(): number;
  /** A standard normal draw. */
  normal(): number;
  /** An integer uniform in [0, n). */
  integer(n: number): number;
  /** Fills `out` with uniforms in [0, 1). */
  fillUniform(out: Float64Array): Float64Array;
}

/** Something that can produce `count` values from a random source: the user-facing distributions. */
export interface Sampler {
  sample(count: number, rng: RandomSource): Float64Array;
}
