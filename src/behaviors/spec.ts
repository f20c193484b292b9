/**
 * The initial-value language of `neurons.vector(spec)` and `synapse.matrix(spec)` (PymoNNto's
 * `vector()`/`matrix()` strings, dossier §2.7): parsed by `init/parse.ts`, compiled to a
 * per-element function by `init/compile.ts`, never evaluated as code, drawing from the host's
 * seeded Philox stream.
 *
 * | spec | values |
 * |---|---|
 * | `'zeros'`, `'zeros()'` (the default), `'ones'`, a number (`5`, `'-1.5e-3'`) | constants |
 * | `'uniform'`, `'uniform(low, high)'`; aliases `random`, `rand`, `rnd`, `random_sample` | U[low, high) |
 * | `'normal(loc, scale)'` (also `mean=`, `sd=`/`std=`), `'lognormal(mean, sigma)'`, `'lognormal_rm(mean, sigma)'` (the mean of the values is `mean`), `'uniform_gap(mean, gap_percent)'`, `exponential gamma beta chisquare standard_t laplace logistic gumbel rayleigh weibull pareto triangular wald poisson binomial negative_binomial geometric randint bernoulli …` | NumPy's distributions, NumPy's parameter names (see `init/distributions.ts`) |
 * | arithmetic and comparisons: `'3*ones()'`, `'ones()*3'`, `'uniform(0, 1)*0.5+0.1'`, `'-normal()**2'`, `'uniform() < 0.2'` (0/1) | elementwise |
 * | `abs exp log sqrt … clip(x, lo, hi) maximum minimum power where(c, a, b)` | elementwise NumPy functions |
 * | `'int'`, `'bool'` | zeros of that type (PymoNNto's `vector(int)`, `vector(bool)`) |
 * | `'int(uniform(0, 10))'`, `'bool(uniform() < 0.1)'` | values converted to that type |
 * | `'same(exc, threshold)'` | the values of another object's attribute (found by tag) |
 *
 * Options: `density` keeps each entry with that probability and sets the others to 0 (a number, or
 * one probability per entry, or per row of a matrix); `scale` multiplies every value; `dtype`
 * ('float', 'int', 'bool') sets the type of the result.
 *
 * Draw order (reproducible, and identical for dense and sparse matrices): element after element;
 * within an element, the draws of the expression from left to right; with `density`, first one
 * uniform for the mask and, only when the entry is kept, the expression. Entries outside a
 * connectivity mask (`matrix(spec, { mask: synapse.enabled })`) draw nothing.
 *
 * Errors ({@link SpecError}) name the spec, the column and the fix. Differences from PymoNNto: any
 * expression parses (PymoNNto's rewriting breaks `'ones()*3'` and nested calls); NumPy's `size=`
 * is never written (the size is the group's); results are float64 (PymoNNto: float32).
 */
import { checkOptions, optionKeys } from '../core/options.js';
import type { RandomSource } from '../random/types.js';
import type { StateArray } from './arrays.js';
import { compileSpec, type CompiledSpec, type SameResolver, type SpecDtype } from './init/compile.js';
import { parseSpecText, SpecError, type SpecNode } from './init/parse.js';

export { SpecError } from './init/parse.js';
export type { SpecNode, SpecArg, BinaryOp } from './init/parse.js';
export type { SpecDtype, SameResolver } from './init/compile.js';

/** An initial-value spec as users write it. */
export type InitSpec = number | string;

/** Options of `vector`, `matrix` and {@link fillSpec}. */
export interface InitOptions {
  /**
   * Probability that an entry is drawn; the others are 0 (default: all). A number in [0, 1], or one
   * probability per entry, or, for a matrix, one per row (dst neuron), as PymoNNto allows.
   */
  density?: number | ArrayLike<number>;
  /** Factor applied to every value after drawing (default 1). */
  scale?: number;
  /** Type of the values: 'float' (Float64Array), 'int' (Int32Array), 'bool' (0/1 Uint8Array); default from the spec. */
  dtype?: SpecDtype;
}

/** The keys of {@link InitOptions}. */
export const INIT_OPTIONS = optionKeys<InitOptions>()(['density', 'scale', 'dtype']);

/** A parsed spec (its syntax tree). */
export type ParsedSpec = SpecNode;

/** Where a spec is evaluated: what `same(…)` reads, and the row length for per-row densities. */
export interface SpecContext {
  same?: SameResolver;
  /** Entries per row (matrix columns); a density array then has one value per row. */
  rowLength?: number;
  /** Entries whose mask value is 0 are 0 and draw nothing (a connectivity mask such as `synapse.enabled`). */
  mask?: ArrayLike<number>;
}

function checkMask(mask: ArrayLike<number> | undefined, n: number, spec: InitSpec): ArrayLike<number> | undefined {
  if (mask !== undefined && mask.length !== n) {
    throw new SpecError(`initial-value spec '${String(spec)}': the mask has ${mask.length} entries, the values ${n}`);
  }
  return mask;
}

const cache = new Map<string, SpecNode>();

/** Parses a spec (cached per string). Throws {@link SpecError} naming the spec and the column. */
export function parseSpec(spec: InitSpec): ParsedSpec {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new SpecError(`initial-value spec ${spec} is not a finite number`);
    return { kind: 'num', value: spec, pos: 1 };
  }
  if (typeof spec !== 'string') {
    throw new SpecError(`initial-value spec ${String(spec)} must be a number or a string such as 'zeros', 'uniform(0, 1)', '3*ones()'`);
  }
  const hit = cache.get(spec);
  if (hit) return hit;
  const parsed = parseSpecText(spec);
  if (cache.size > 512) cache.clear();
  cache.set(spec, parsed);
  return parsed;
}

/** Compiles a spec for `n` elements drawing from `rng`. */
export function compile(spec: InitSpec, n: number, rng: RandomSource, ctx: SpecContext = {}): CompiledSpec {
  return compileSpec(String(spec), parseSpec(spec), n, rng, ctx.same);
}

/** The element type of a spec's values: `opts.dtype`, else what the spec says (`'int'`, `'bool(…)'`), else float. */
export function specDtype(spec: InitSpec, opts: InitOptions = {}): SpecDtype {
  if (opts.dtype !== undefined) {
    if (!['float', 'int', 'bool'].includes(opts.dtype)) throw new SpecError(`values '${String(spec)}': dtype must be 'float', 'int' or 'bool', got ${JSON.stringify(opts.dtype)}`);
    return opts.dtype;
  }
  const t = parseSpec(spec);
  return t.kind === 'call' && (t.name === 'int' || t.name === 'bool') ? t.name : 'float';
}

/** A new array of `n` elements of the type `dtype`. */
export function allocate(dtype: SpecDtype, n: number): StateArray {
  return dtype === 'bool' ? new Uint8Array(n) : dtype === 'int' ? new Int32Array(n) : new Float64Array(n);
}

/** Checks `density` and returns a per-entry probability function, or undefined when every entry is drawn. */
function densityOf(density: InitOptions['density'], spec: InitSpec, n: number, rowLength: number): ((k: number) => number) | undefined {
  if (density === undefined) return undefined;
  const bad = (why: string): never => { throw new SpecError(`initial-value spec '${String(spec)}': density ${why}`); };
  if (typeof density === 'number') {
    if (!(density >= 0 && density <= 1)) bad(`must be a number in [0, 1], got ${density}`);
    return density >= 1 ? undefined : () => density;
  }
  if (typeof density !== 'object' || typeof density.length !== 'number') bad('must be a number or an array of numbers');
  const rows = n / rowLength;
  const perRow = rowLength > 1 && density.length === rows;
  if (!perRow && density.length !== n) {
    bad(`has ${density.length} values; give one per entry (${n})${rowLength > 1 ? ` or one per row (${rows})` : ''}`);
  }
  for (let k = 0; k < density.length; k++) if (!(density[k]! >= 0 && density[k]! <= 1)) bad(`value ${k} is ${density[k]}, not in [0, 1]`);
  return perRow ? (k) => density[Math.floor(k / rowLength)]! : (k) => density[k]!;
}

/**
 * Fills `out` in place from `spec` (see the module comment for the draw order) and returns it:
 * the allocation-free form of `vector()`, for use inside `iteration()`. Values are converted to the
 * array's type (a Uint8Array gets 0/1).
 */
export function fillSpec<T extends StateArray>(out: T, spec: InitSpec, rng: RandomSource, opts: InitOptions = {}, ctx: SpecContext = {}): T {
  checkOptions(opts, INIT_OPTIONS, `values '${String(spec)}'`);
  const dtype = specDtype(spec, opts);
  const n = out.length;
  const c = compile(spec, n, rng, ctx);
  const density = densityOf(opts.density, spec, n, ctx.rowLength ?? 1);
  const scale = opts.scale ?? 1;
  const store = storer(out, dtype);
  const mask = checkMask(ctx.mask, n, spec);
  if (mask !== undefined) {
    for (let i = 0; i < n; i++) store(i, mask[i] && (density === undefined || rng.uniform() < density(i)) ? c.at(i) * scale : 0);
  } else if (density === undefined && c.constant !== undefined) {
    for (let i = 0; i < n; i++) store(i, c.constant * scale);
  } else if (density === undefined) {
    for (let i = 0; i < n; i++) store(i, c.at(i) * scale);
  } else {
    for (let i = 0; i < n; i++) store(i, rng.uniform() < density(i) ? c.at(i) * scale : 0);
  }
  return out;
}

/** Writes a value into `out` as the type `dtype` says (bool: 0/1; int: truncated). */
function storer(out: StateArray, dtype: SpecDtype): (i: number, v: number) => void {
  if (dtype === 'bool' || out instanceof Uint8Array) return (i, v) => { out[i] = v !== 0 && !Number.isNaN(v) ? 1 : 0; };
  if (dtype === 'int') return (i, v) => { out[i] = Math.trunc(v); };
  return (i, v) => { out[i] = v; };
}

/**
 * Visits the entries of a virtual array of `count` values drawn as {@link fillSpec} would, calling
 * `visit(index, value)` only for entries that are kept by the density mask. Used to build sparse
 * matrices without allocating the dense one; the values are the same as the dense ones.
 */
export function forEachDrawn(
  count: number, spec: InitSpec, rng: RandomSource, opts: InitOptions, visit: (index: number, value: number) => void, ctx: SpecContext = {},
): void {
  checkOptions(opts, INIT_OPTIONS, `values '${String(spec)}'`);
  const dtype = specDtype(spec, opts);
  const c = compile(spec, count, rng, ctx);
  const density = densityOf(opts.density, spec, count, ctx.rowLength ?? 1);
  const scale = opts.scale ?? 1;
  const cast = dtype === 'bool' ? (v: number) => (v !== 0 && !Number.isNaN(v) ? 1 : 0) : dtype === 'int' ? Math.trunc : (v: number) => v;
  const mask = checkMask(ctx.mask, count, spec);
  for (let i = 0; i < count; i++) {
    if (mask !== undefined && !mask[i]) continue;
    if (density !== undefined && !(rng.uniform() < density(i))) continue;
    visit(i, cast(c.at(i) * scale));
  }
}
