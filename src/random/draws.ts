/**
 * Counter-based per-step draws: the random numbers that equations use (`Uniform(0, 1)` inside an
 * ODE, Poisson spike trains …), defined as pure functions of
 * `(seed, stream, index, step, drawId)` so that the `js`, `cpp` and `webgpu` backends, on any
 * number of threads, draw the same numbers. `philox_c.ts` and `philox_wgsl.ts` port exactly the
 * formulas documented here; changing one means changing all three.
 *
 * ## Key and counter layout (Philox4x32-10)
 *
 * - key     = (seed mod 2^32, stream mod 2^32) — `stream` names the population/projection;
 * - counter = (index, step mod 2^32, floor(step / 2^32), (sub << 16) | drawId):
 *   `index` is the element (neuron or synapse) rank, `step` the integer time step (< 2^53),
 *   `drawId` (0..65535) tells apart the random variables of one object, and `sub` (0..65535) is a
 *   sub-counter for distributions that need more than one block (Gamma, Binomial); single-block
 *   draws use sub = 0.
 *
 * Host-side streams (`stream.ts`) use counter word 2 = 0xFFFFFFFF, which no step below 2^53 can
 * reach, so construction-time draws never overlap per-step draws of the same key.
 *
 * ## From words to numbers (x0..x3 = the four output words of one block)
 *
 * - 53-bit uniform: `u = ((x0 >>> 11) · 2^32 + x1) · 2^-53` ∈ [0, 1) — every double of the form
 *   m·2^-53 equally likely, exact in JS and C (`((uint64_t)(x0 >> 11) << 32 | x1) * 0x1p-53`).
 * - float32 uniform (GPU): `(x0 >>> 8) · 2^-24` ∈ [0, 1), exactly representable in float32.
 * - Normal (Box–Muller, one block → two normals):
 *   `u1 = ((x0 >>> 11) · 2^32 + x1 + 1) · 2^-53` ∈ (0, 1] (so log(u1) is finite),
 *   `r = sqrt(-2 log u1)`; the angle 2π·u2 with u2 from (x2, x3) like `u` is reduced exactly:
 *   h = x2 >>> 11, quadrant q = h >>> 19, f = ((h & 0x7FFFF) · 2^32 + x3) · 2^-51 ∈ [0, 1);
 *   if f ≥ 0.5 then f -= 1, q = (q + 1) mod 4; θ = f · (π/2 as a double), |θ| ≤ π/4;
 *   cos(2πu2) = [cos θ, −sin θ, −cos θ, sin θ][q], sin(2πu2) = [sin θ, cos θ, −sin θ, −cos θ][q].
 *   `normalAt` returns z0 = r·cos(2πu2); `normalPairAt` also gives z1 = r·sin(2πu2).
 *   `log`, `sin θ`, `cos θ` are the fdlibm ports of `libm.ts`, so normals are bit-identical in C.
 */
import type { RandomDistName } from '../equations/ast.js';
import { PHILOX_SCRATCH, compileWithPhilox, philox4x32_10, philoxKeysSource, philoxRoundsSource } from './philox.js';
import { exp, kernelCos, kernelSin, log } from './libm.js';

const TWO32 = 4294967296;
const TWO_M53 = 1.1102230246251565e-16; // 2^-53
const TWO_M51 = 4.440892098500626e-16; // 2^-51
const TWO_M24 = 5.9604644775390625e-8; // 2^-24
/** π/2 rounded to the nearest double (the same literal in C and WGSL). */
const PIO2 = 1.5707963267948966;

/** Scratch block of the scalar draw functions (no allocation per call). */
const B = new Uint32Array(4);

/** The largest step the counter layout accepts (steps are exact integers in a double). */
export const MAX_STEP = Number.MAX_SAFE_INTEGER;
/** The largest `drawId`: it shares counter word 3 with the 16-bit sub-counter. */
export const MAX_DRAW_ID = 0xffff;
/** The largest sub-counter (number of extra blocks a multi-block draw may use, minus one). */
export const MAX_SUB = 0xffff;

/** High 32 bits of `step` for counter word 2 (steps are non-negative integers below 2^53). */
function stepHigh(step: number): number {
  return Math.floor(step / TWO32) >>> 0;
}

/** Counter word 3: `(sub << 16) | drawId`. */
function word3(drawId: number, sub: number): number {
  return ((sub << 16) | (drawId & 0xffff)) >>> 0;
}

/**
 * The Philox block of one draw, written into `out` (no allocation).
 *
 * @param sub sub-counter (0 for single-block draws).
 */
export function drawBlock(
  seed: number, stream: number, index: number, step: number, drawId: number, sub: number, out: Uint32Array,
): Uint32Array {
  return philox4x32_10(index, step >>> 0, stepHigh(step), word3(drawId, sub), seed, stream, out);
}

/** 53-bit uniform in [0, 1) from two words: `((hi >>> 11) · 2^32 + lo) · 2^-53`. */
export function u53(hi: number, lo: number): number {
  return ((hi >>> 11) * TWO32 + (lo >>> 0)) * TWO_M53;
}

/** 53-bit uniform in (0, 1] from two words: `((hi >>> 11) · 2^32 + lo + 1) · 2^-53` (safe for log). */
export function u53Open0(hi: number, lo: number): number {
  return ((hi >>> 11) * TWO32 + (lo >>> 0) + 1) * TWO_M53;
}

/** Box–Muller radius √(−2 log u1) from the first two words (see the module comment). */
function bmRadius(x0: number, x1: number): number {
  return Math.sqrt(-2 * log(((x0 >>> 11) * TWO32 + (x1 >>> 0) + 1) * TWO_M53));
}

/** cos(2π·u2) with u2 taken from words (x2, x3), by exact quadrant reduction. */
function cos2pi(x2: number, x3: number): number {
  const h = x2 >>> 11;
  let q = h >>> 19;
  let f = ((h & 0x7ffff) * TWO32 + (x3 >>> 0)) * TWO_M51;
  if (f >= 0.5) { f -= 1; q = (q + 1) & 3; }
  const t = f * PIO2;
  switch (q) {
    case 0: return kernelCos(t);
    case 1: return -kernelSin(t);
    case 2: return -kernelCos(t);
    default: return kernelSin(t);
  }
}

/** sin(2π·u2) with u2 taken from words (x2, x3), by exact quadrant reduction. */
function sin2pi(x2: number, x3: number): number {
  const h = x2 >>> 11;
  let q = h >>> 19;
  let f = ((h & 0x7ffff) * TWO32 + (x3 >>> 0)) * TWO_M51;
  if (f >= 0.5) { f -= 1; q = (q + 1) & 3; }
  const t = f * PIO2;
  switch (q) {
    case 0: return kernelSin(t);
    case 1: return kernelCos(t);
    case 2: return -kernelSin(t);
    default: return -kernelCos(t);
  }
}

/** Standard normal z0 = r·cos(2πu2) from one block's four words. */
export function normalFromWords(x0: number, x1: number, x2: number, x3: number): number {
  return bmRadius(x0, x1) * cos2pi(x2, x3);
}

/**
 * Both Box–Muller normals of one block, written into `out[0]` (r·cos) and `out[1]` (r·sin).
 */
export function normalPairFromWords(x0: number, x1: number, x2: number, x3: number, out: Float64Array): Float64Array {
  const r = bmRadius(x0, x1);
  out[0] = r * cos2pi(x2, x3);
  out[1] = r * sin2pi(x2, x3);
  return out;
}

/** The float64 uniform in [0, 1) of draw (seed, stream, index, step, drawId): 53 bits of x0, x1. */
export function uniformAt(seed: number, stream: number, index: number, step: number, drawId: number): number {
  drawBlock(seed, stream, index, step, drawId, 0, B);
  return u53(B[0], B[1]);
}

/**
 * The float32 uniform the WGSL backend draws: `(x0 >>> 8) · 2^-24` ∈ [0, 1). Exactly
 * representable in float32, so the JS float32 mode and the GPU agree bit for bit.
 */
export function uniformF32At(seed: number, stream: number, index: number, step: number, drawId: number): number {
  drawBlock(seed, stream, index, step, drawId, 0, B);
  return (B[0] >>> 8) * TWO_M24;
}

/** A standard normal draw: z0 of the Box–Muller pair of the draw's block. */
export function normalAt(seed: number, stream: number, index: number, step: number, drawId: number): number {
  drawBlock(seed, stream, index, step, drawId, 0, B);
  return normalFromWords(B[0], B[1], B[2], B[3]);
}

/** Both standard normals (z0 = r·cos, z1 = r·sin) of the draw's block, into `out[0..1]`. */
export function normalPairAt(
  seed: number, stream: number, index: number, step: number, drawId: number, out: Float64Array,
): Float64Array {
  drawBlock(seed, stream, index, step, drawId, 0, B);
  return normalPairFromWords(B[0], B[1], B[2], B[3], out);
}

/** Uniform(a, b): `a + (b − a) · u`, with u from {@link uniformAt}. */
export function uniformRangeAt(a: number, b: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  return a + (b - a) * uniformAt(seed, stream, index, step, drawId);
}

/**
 * DiscreteUniform(a, b), both ends included: `min(b, a + floor(u · (b − a + 1)))` with the 53-bit
 * u (bias below (b − a + 1)/2^53, negligible for any realistic range).
 */
export function discreteUniformAt(a: number, b: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  const v = a + Math.floor(uniformAt(seed, stream, index, step, drawId) * (b - a + 1));
  return v > b ? b : v;
}

/** Normal(m, s): `m + s · z0`. */
export function normalMSAt(m: number, s: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  return m + s * normalAt(seed, stream, index, step, drawId);
}

/** LogNormal(m, s): `exp(m + s · z0)` with the fdlibm `exp` of `libm.ts`. */
export function logNormalAt(m: number, s: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  return exp(m + s * normalAt(seed, stream, index, step, drawId));
}

/**
 * Exponential(lambda) with **lambda the rate** (mean 1/lambda): `(0 − log u1) / lambda` with
 * u1 ∈ (0, 1] from `u53Open0(x0, x1)`.
 *
 * ANNarchy is inconsistent here: inside C++ equations `Exponential(λ)` is
 * `std::exponential_distribution(λ)` (rate, mean 1/λ) but its Python class passes λ to numpy as
 * the *scale* (mean λ). neurarchy uses the rate everywhere, in equations and in
 * `core/distributions.ts`.
 */
export function exponentialAt(lambda: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  drawBlock(seed, stream, index, step, drawId, 0, B);
  return (0 - log(u53Open0(B[0], B[1]))) / lambda;
}

/**
 * Gamma(k, theta) (shape k, scale theta, mean k·theta) by Marsaglia–Tsang (2000).
 *
 * Blocks come from the sub-counters of the draw: attempt j (j = 0, 1, …) takes its normal z0 from
 * sub 2j+1 and its acceptance uniform `u53Open0(x0, x1)` from sub 2j+2; with k < 1 the result of
 * Gamma(k+1) is multiplied by `exp(log(u) / k)`, u = `u53Open0` of sub 0. Per attempt, with
 * d = kk − 1/3, c = 1/√(9d), v = (1 + c·z)^3: skip when v ≤ 0; accept when
 * u < 1 − 0.0331·z⁴ or log u < 0.5·z² + d·(1 − v + log v). Acceptance is ≥ 95 % per attempt, so
 * running out of the 32767 attempts the sub-counters allow does not happen in practice (if it
 * did, the last candidate is returned).
 */
export function gammaAt(k: number, theta: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  if (!(k > 0) || !(theta > 0)) return NaN;
  const kk = k < 1 ? k + 1 : k;
  const d = kk - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let g = d;
  for (let sub = 1; sub + 1 <= MAX_SUB; sub += 2) {
    drawBlock(seed, stream, index, step, drawId, sub, B);
    const z = normalFromWords(B[0], B[1], B[2], B[3]);
    let v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    g = d * v;
    drawBlock(seed, stream, index, step, drawId, sub + 1, B);
    const u = u53Open0(B[0], B[1]);
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) break;
    if (log(u) < 0.5 * z2 + d * (1 - v + log(v))) break;
  }
  if (k < 1) {
    drawBlock(seed, stream, index, step, drawId, 0, B);
    g = g * exp(log(u53Open0(B[0], B[1])) / k);
  }
  return g * theta;
}

/** Expected successes per inversion chunk of {@link binomialAt}: keeps (1−q)^m far from underflow. */
const BINOMIAL_CHUNK_MEAN = 100;

/**
 * Binomial(m, q) by sequential inversion of one uniform u ∈ [0, 1): f = exp(m·log(1 − q)),
 * r = q/(1 − q); for k = 0..m−1: stop if u < f, else u −= f, f = f·(m − k)/(k + 1)·r.
 * Returns k (m if rounding left u above the total mass).
 */
function binomialInvert(m: number, q: number, u: number): number {
  let f = exp(m * log(1 - q));
  const r = q / (1 - q);
  let k = 0;
  for (; k < m; k++) {
    if (u < f) break;
    u -= f;
    f = f * (m - k) / (k + 1) * r;
  }
  return k;
}

/**
 * Binomial(n, p): the number of successes in n trials of probability p (n a non-negative integer).
 *
 * Exact algorithm: with q = min(p, 1 − p) (the result is mirrored, n − X, when p > 0.5), the n
 * trials are split into chunks of s = min(n, floor(100 / q)) trials (the last one shorter); chunk j
 * is sampled by inversion (`binomialInvert`) from the 53-bit uniform of sub-counter j, and the
 * chunk counts are summed (a sum of independent binomials with the same q is binomial). Cost
 * O(n·q). When more than 65536 chunks would be needed (n·q beyond ~6.5 million), the draw falls
 * back to the normal approximation floor(nq + √(nq(1−q))·z0 + 0.5) clipped to [0, n], z0 from sub 0.
 */
export function binomialAt(n: number, p: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  if (!(n > 0) || !(p > 0)) return 0;
  if (p >= 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  let s = Math.floor(BINOMIAL_CHUNK_MEAN / q);
  if (s > n) s = n;
  const chunks = Math.ceil(n / s);
  let total = 0;
  if (chunks > MAX_SUB + 1) {
    drawBlock(seed, stream, index, step, drawId, 0, B);
    const mean = n * q;
    total = Math.floor(mean + Math.sqrt(mean * (1 - q)) * normalFromWords(B[0], B[1], B[2], B[3]) + 0.5);
    if (total < 0) total = 0;
    if (total > n) total = n;
  } else {
    for (let j = 0; j < chunks; j++) {
      const m = j < chunks - 1 ? s : n - s * (chunks - 1);
      drawBlock(seed, stream, index, step, drawId, j, B);
      total += binomialInvert(m, q, u53(B[0], B[1]));
    }
  }
  return flip ? n - total : total;
}

/**
 * One draw of an equation distribution by name, with the arguments as written in the equation:
 * Uniform(a, b), DiscreteUniform(a, b), Normal(m, s), LogNormal(m, s), Exponential(lambda — rate),
 * Gamma(k, theta = 1), Binomial(n, p).
 */
export function drawAt(
  dist: RandomDistName, args: readonly number[], seed: number, stream: number, index: number, step: number, drawId: number,
): number {
  switch (dist) {
    case 'Uniform': return uniformRangeAt(args[0], args[1], seed, stream, index, step, drawId);
    case 'DiscreteUniform': return discreteUniformAt(args[0], args[1], seed, stream, index, step, drawId);
    case 'Normal': return normalMSAt(args[0], args[1], seed, stream, index, step, drawId);
    case 'LogNormal': return logNormalAt(args[0], args[1], seed, stream, index, step, drawId);
    case 'Exponential': return exponentialAt(args[0], seed, stream, index, step, drawId);
    case 'Gamma': return gammaAt(args[0], args[1] ?? 1, seed, stream, index, step, drawId);
    case 'Binomial': return binomialAt(args[0], args[1], seed, stream, index, step, drawId);
  }
}

/**
 * Fills `out[i]` with exactly `uniformAt(seed, stream, i, step, drawId)` for i in 0..out.length−1:
 * the hot-loop form the JS backend calls every step (Philox rounds inlined, no allocation).
 *
 * @returns `out`.
 */
export const fillUniform: (out: Float64Array, seed: number, stream: number, step: number, drawId: number) => Float64Array =
  compileFill('out[i] = ((c0 >>> 11) * TWO32 + (c1 >>> 0)) * TWO_M53;');

/**
 * Fills `out[i]` with exactly `normalAt(seed, stream, i, step, drawId)` (standard normals; scale
 * and shift afterwards). One Philox block per element, rounds inlined, no allocation.
 *
 * @returns `out`.
 */
export const fillNormal: (out: Float64Array, seed: number, stream: number, step: number, drawId: number) => Float64Array =
  compileFill('out[i] = Math.sqrt(-2 * log(((c0 >>> 11) * TWO32 + (c1 >>> 0) + 1) * TWO_M53)) * cos2pi(c2 >>> 0, c3 >>> 0);');

/** An array fill: one Philox block per element i (counter (i, step, step high, drawId)), then `store`. */
function compileFill(store: string): (out: Float64Array, seed: number, stream: number, step: number, drawId: number) => Float64Array {
  return compileWithPhilox(['out', 'seed', 'stream', 'step', 'drawId'], `
    seed >>>= 0; stream >>>= 0;
    const s0 = step | 0, s1 = stepHigh(step) | 0, w3 = word3(drawId, 0) | 0;
    ${philoxKeysSource('seed', 'stream')}
    ${PHILOX_SCRATCH}
    const n = out.length;
    for (let i = 0; i < n; i++) {
      let c0 = i, c1 = s0, c2 = s1, c3 = w3;
      ${philoxRoundsSource()}
      ${store}
    }
    return out;`, { stepHigh, word3, log, cos2pi, TWO32, TWO_M53 });
}

/**
 * Fills `out[i]` with `drawAt(dist, args, seed, stream, i, step, drawId)` for any distribution
 * (the uniform and normal families use the fast fills, then scale).
 *
 * @returns `out`.
 */
export function fillDraws(
  out: Float64Array, dist: RandomDistName, args: readonly number[], seed: number, stream: number, step: number, drawId: number,
): Float64Array {
  const n = out.length;
  switch (dist) {
    case 'Uniform': {
      fillUniform(out, seed, stream, step, drawId);
      const a = args[0], w = args[1] - args[0];
      for (let i = 0; i < n; i++) out[i] = a + w * out[i];
      return out;
    }
    case 'Normal': {
      fillNormal(out, seed, stream, step, drawId);
      const m = args[0], s = args[1];
      for (let i = 0; i < n; i++) out[i] = m + s * out[i];
      return out;
    }
    case 'LogNormal': {
      fillNormal(out, seed, stream, step, drawId);
      const m = args[0], s = args[1];
      for (let i = 0; i < n; i++) out[i] = exp(m + s * out[i]);
      return out;
    }
    default:
      for (let i = 0; i < n; i++) out[i] = drawAt(dist, args, seed, stream, i, step, drawId);
      return out;
  }
}
