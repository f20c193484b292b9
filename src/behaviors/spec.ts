/**
 * The initial-value mini-language of `neurons.vector(spec)` and `synapse.matrix(spec)`.
 *
 * The spec is **parsed, never evaluated** (PymoNNto rewrites the string and `eval`s it with NumPy in
 * scope; see the dossier §2.7). Accepted forms:
 *
 * | spec | values |
 * |---|---|
 * | `'zeros'`, `'zeros()'` (the default) | 0 |
 * | `'ones'`, `'ones()'` | 1 |
 * | a number, or a string holding one (`5`, `'-1.5e-3'`) | that constant |
 * | `'uniform'`, `'uniform(low, high)'` (defaults 0, 1); aliases `random`, `rand`, `rnd` | U[low, high) |
 * | `'normal(mean, sd)'`; names `mean`/`loc` and `sd`/`std`/`scale` (defaults 0, 1) | N(mean, sd²) |
 * | `'lognormal(mean, sigma)'`; names `mean` and `sigma`/`sd`/`std` (defaults 0, 1) | exp(N(mean, sigma²)), NumPy's meaning: mean and sigma of the underlying normal |
 *
 * Arguments are plain numbers, positional or named (`'uniform(low=0, high=1)'`), never
 * expressions. Anything else raises a {@link SpecError} that names the spec.
 *
 * Options: `density` keeps each entry with that probability and sets the others to 0; `scale`
 * multiplies every value afterwards. Draw order (so that results are reproducible, and identical
 * for dense and sparse matrices): without `density` one value per entry in order; with `density`,
 * per entry one uniform for the mask and, only when the entry is kept, one value.
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import type { RandomSource } from '../random/types.js';

/** A spec that the mini-language does not accept. */
export class SpecError extends NeurarchyError {
  override name = 'SpecError';
}

/** An initial-value spec as users write it. */
export type InitSpec = number | string;

/** Options of `vector`, `matrix` and {@link fillSpec}. */
export interface InitOptions {
  /** Fraction of entries that are drawn; the others are 0 (default: all). Must be in [0, 1]. */
  density?: number;
  /** Factor applied to every value after drawing (default 1). */
  scale?: number;
}

/** The keys of {@link InitOptions}. */
export const INIT_OPTIONS = optionKeys<InitOptions>()(['density', 'scale']);

/** A parsed spec. */
export type ParsedSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mean: number; sigma: number };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CALL = /^([A-Za-z_]\w*)\s*(?:\(([^()]*)\))?$/;
const ARG = /^(?:([A-Za-z_]\w*)\s*=\s*)?([^=\s]+)$/;

/** Parameter names per distribution: one entry per position, each with its accepted names. */
const SIGNATURES: Record<string, { params: string[][]; defaults: number[] }> = {
  uniform: { params: [['low'], ['high']], defaults: [0, 1] },
  normal: { params: [['mean', 'loc'], ['sd', 'std', 'scale']], defaults: [0, 1] },
  lognormal: { params: [['mean'], ['sigma', 'sd', 'std']], defaults: [0, 1] },
  zeros: { params: [], defaults: [] },
  ones: { params: [], defaults: [] },
};
const ALIASES: Record<string, string> = { random: 'uniform', rand: 'uniform', rnd: 'uniform' };

const EXPECTED = `expected 'zeros', 'ones', a number, 'uniform(low, high)', 'normal(mean, sd)' or 'lognormal(mean, sigma)'`;

const cache = new Map<string, ParsedSpec>();

/** Parses a spec (results are cached per string). Throws {@link SpecError} naming the spec. */
export function parseSpec(spec: InitSpec): ParsedSpec {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new SpecError(`initial-value spec ${spec} is not a finite number`);
    return { kind: 'constant', value: spec };
  }
  if (typeof spec !== 'string') throw new SpecError(`initial-value spec ${String(spec)} must be a number or a string; ${EXPECTED}`);
  const hit = cache.get(spec);
  if (hit) return hit;
  const parsed = parseString(spec);
  if (cache.size > 512) cache.clear();
  cache.set(spec, parsed);
  return parsed;
}

function parseString(spec: string): ParsedSpec {
  const text = spec.trim();
  const fail = (why: string): never => { throw new SpecError(`initial-value spec '${spec}': ${why}`); };
  if (NUMBER.test(text)) return { kind: 'constant', value: Number(text) };
  const m = CALL.exec(text);
  if (!m) return fail(`cannot be parsed; ${EXPECTED} (arguments must be plain numbers)`);
  const name = ALIASES[m[1]!] ?? m[1]!;
  const sig = SIGNATURES[name];
  if (!sig) return fail(`unknown distribution '${m[1]}'; ${EXPECTED}`);
  const values: (number | undefined)[] = sig.params.map(() => undefined);
  const argText = m[2]?.trim() ?? '';
  const args = argText === '' ? [] : argText.split(',').map((a) => a.trim());
  let sawNamed = false;
  args.forEach((arg, pos) => {
    const am = ARG.exec(arg);
    if (!am || !NUMBER.test(am[2]!)) fail(`argument '${arg}' is not a number (arguments are numbers, positional or name=number)`);
    const value = Number(am![2]);
    let slot: number;
    if (am![1] !== undefined) {
      sawNamed = true;
      slot = sig.params.findIndex((names) => names.includes(am![1]!));
      if (slot < 0) {
        const known = sig.params.map((n) => n.join('|')).join(', ') || 'none';
        fail(`'${name}' has no parameter '${am![1]}' (parameters: ${known})`);
      }
    } else {
      if (sawNamed) fail(`positional argument '${arg}' after a named one`);
      slot = pos;
      if (slot >= sig.params.length) fail(`'${name}' takes at most ${sig.params.length} argument(s), got ${args.length}`);
    }
    if (values[slot] !== undefined) fail(`parameter '${sig.params[slot]![0]}' given twice`);
    values[slot] = value;
  });
  const v = values.map((x, i) => x ?? sig.defaults[i]!);
  switch (name) {
    case 'zeros': return { kind: 'constant', value: 0 };
    case 'ones': return { kind: 'constant', value: 1 };
    case 'uniform':
      if (v[1]! < v[0]!) fail(`high (${v[1]}) is below low (${v[0]})`);
      return { kind: 'uniform', low: v[0]!, high: v[1]! };
    case 'normal':
      if (v[1]! < 0) fail(`sd must not be negative (got ${v[1]})`);
      return { kind: 'normal', mean: v[0]!, sd: v[1]! };
    default:
      if (v[1]! < 0) fail(`sigma must not be negative (got ${v[1]})`);
      return { kind: 'lognormal', mean: v[0]!, sigma: v[1]! };
  }
}

/** One value of a parsed spec. */
function drawer(p: ParsedSpec, rng: RandomSource): () => number {
  switch (p.kind) {
    case 'constant': { const c = p.value; return () => c; }
    case 'uniform': { const { low, high } = p; const w = high - low; return () => low + w * rng.uniform(); }
    case 'normal': { const { mean, sd } = p; return () => mean + sd * rng.normal(); }
    case 'lognormal': { const { mean, sigma } = p; return () => Math.exp(mean + sigma * rng.normal()); }
  }
}

/** Checks `density` and returns it, or undefined when every entry is drawn. */
export function checkDensity(density: number | undefined, spec: InitSpec): number | undefined {
  if (density === undefined) return undefined;
  if (!(density >= 0 && density <= 1)) {
    throw new SpecError(`initial-value spec '${String(spec)}': density must be a number in [0, 1], got ${density}`);
  }
  return density >= 1 ? undefined : density;
}

/**
 * Fills `out` in place from `spec` (see the module comment for the draw order) and returns it.
 * The allocation-free form of `vector()`, for use inside `iteration()`.
 */
export function fillSpec(out: Float64Array, spec: InitSpec, rng: RandomSource, opts: InitOptions = {}): Float64Array {
  checkOptions(opts, INIT_OPTIONS, `values '${String(spec)}'`);
  const parsed = parseSpec(spec);
  const density = checkDensity(opts.density, spec);
  const draw = drawer(parsed, rng);
  const n = out.length;
  if (density === undefined) {
    for (let i = 0; i < n; i++) out[i] = draw();
  } else {
    for (let i = 0; i < n; i++) out[i] = rng.uniform() < density ? draw() : 0;
  }
  const scale = opts.scale;
  if (scale !== undefined && scale !== 1) for (let i = 0; i < n; i++) out[i]! *= scale;
  return out;
}

/**
 * Visits the entries of a virtual array of `count` values drawn as {@link fillSpec} would, calling
 * `visit(index, value)` only for entries that are kept (non-zero mask). Used to build sparse
 * matrices without allocating the dense one; the values are the same as the dense ones.
 */
export function forEachDrawn(
  count: number, spec: InitSpec, rng: RandomSource, opts: InitOptions, visit: (index: number, value: number) => void,
): void {
  checkOptions(opts, INIT_OPTIONS, `values '${String(spec)}'`);
  const parsed = parseSpec(spec);
  const density = checkDensity(opts.density, spec);
  const draw = drawer(parsed, rng);
  const scale = opts.scale ?? 1;
  for (let i = 0; i < count; i++) {
    if (density !== undefined && !(rng.uniform() < density)) continue;
    visit(i, draw() * scale);
  }
}
