/**
 * Procedural connectivity (GeNN's PROCEDURAL matrices): a fixed-probability or fixed-number-post
 * projection whose synapses are not stored but regenerated, from counter-based random numbers, each
 * time a pre-synaptic spike is propagated. Memory then grows with the neurons, not the synapses.
 *
 * The synapses of pre-synaptic neuron `r` (its *row*) are a pure function of (seed, projection
 * stream, r): the candidates are the post-synaptic ranks in ascending order; the gap to the next
 * kept candidate is geometric (a Bernoulli(p) trial per candidate, about one 32-bit word per
 * synapse, taken in order from the row's gap words: blocks (b, r, gap word, 0), b = 0, 1, …, four
 * words each); synapse `m` of the row (the m-th kept candidate, a self-connection removed
 * afterwards included) draws its weight and delay from blocks (b, r, weight or delay word, m) of its
 * own. Every draw is a Philox4x32-10 block of key (seed, stream), word 2 one of
 * {@link PROCEDURAL_WORD2} (values the per-step draws, whose word 2 is the high half of the step,
 * and the host streams never use), so any backend and any thread can regenerate any row, in the
 * same order as the stored form's inverse walk (post ranks ascending).
 *
 * The geometric gap is found with integers only, so that a GPU without float64 gets the same rows:
 * `table[k − 1] = floor((1 − p)^k · 2^32)`, and a 32-bit word `x` gives the gap
 * `#{k ≤ K : x < table[k − 1]}`; when `x` is below every entry (probability (1 − p)^K) the gap is
 * at least K, and a next word continues from there (the geometric law has no memory).
 *
 * A fixed-number row (`kind: 'number'`, {@link ChosenGaps}) is a Bernoulli row of a larger
 * probability thinned to exactly `number` synapses; its gaps are the same integers-only draws.
 *
 * {@link materialize} stores exactly the synapses {@link proceduralRow} regenerates
 * (`procedural: 'stored'`), for reading weights or checking a procedural network against its stored
 * twin.
 */
import { NetworkError } from '../errors.js';
import { BlockStream } from '../random/stream.js';
import { mulhi32, philox4x32_10 } from '../random/philox.js';
import { normalPairFromWords, u53 } from '../random/draws.js';
import type { Sampler } from '../random/types.js';
import { assembleRows, checkCount, checkNeuronSet, delayToSteps, isSampler, samePopulation, sortedRanks, type Row } from './common.js';
import type { BoundedSampler, Connectivity, NeuronSet, ValueSpec } from './types.js';

/** Counter word 2 of each kind of draw of a procedural row. */
export const PROCEDURAL_WORD2 = { gap: 0xfffffffd, weight: 0xfffffffc, delay: 0xfffffffb, select: 0xfffffffa } as const;

/** The largest geometric table: 2^16 entries (256 KiB), enough for p down to ≈ 6·10⁻⁵ in one word per synapse. */
const MAX_TABLE = 1 << 16;
const TWO32 = 4294967296;

/** Weights or delays of a procedural projection: one number, or a distribution drawn per synapse. */
export type ProceduralValue = number | Sampler;

/** Everything needed to regenerate the rows of a procedural projection, whatever its kind. */
export interface ProceduralRuleBase {
  /** Philox key word 0: the network's seed. */
  seed: number;
  /** Philox key word 1: the projection's random stream (`random/streams.ts`). */
  stream: number;
  /**
   * The probability of the Bernoulli trials of the rows' gaps: the connection probability of a
   * fixed-probability rule; of a fixed-number rule, the larger probability of the rows it thins
   * (see {@link ChosenGaps}).
   */
  probability: number;
  /** Geometric thresholds `floor((1 − p)^k · 2^32)`, k = 1…K, as unsigned 32-bit values; empty when p = 1 (every candidate). */
  table: Uint32Array;
  /**
   * For each of the 2^{@link BUCKET_BITS} ranges of words (their top bits), the number of thresholds
   * above its lowest word: an upper bound of the count for any word of the range, from which the
   * kernels step down to the exact count (about one step on average).
   */
  buckets: Uint32Array;
  /** Post-synaptic ranks of the candidates, ascending. */
  candidates: Int32Array;
  /**
   * The first candidate when the candidates are consecutive ranks (a whole population, a slice):
   * kernels then compute candidate j as `first + j` instead of reading it (a cache miss per synapse
   * in a large population).
   */
  consecutiveFrom?: number;
  /** Pre-synaptic ranks, ascending. */
  preRanks: Int32Array;
  /** Size of the whole pre-synaptic population. */
  preSize: number;
  /** 1 for the ranks of the pre-synaptic population that take part, or undefined when all do. */
  preMember?: Int32Array;
  /** Drop the synapse of a neuron onto itself (same population, not allowed). */
  removeSelf: boolean;
  /**
   * A fixed-number rule without self-connections whose candidates are not consecutive: for each
   * rank of the pre-synaptic population, its index among the candidates or −1 ({@link selfIndex}),
   * for the kernels (`_proc_self`).
   */
  selfIndices?: Int32Array;
  weights: ProceduralValue;
  /** Delays in ms. */
  delays: ProceduralValue;
  /** The step, to turn drawn delays into steps. */
  dt: number;
  /** Largest delay in steps (the distribution's upper bound). */
  maxDelaySteps: number;
}

/**
 * The rows of a procedural projection: `kind: 'probability'` (`connectFixedProbability`), each
 * candidate kept with `probability`; `kind: 'number'` (`connectFixedNumberPost`), exactly `number`
 * distinct candidates per row (its own rank excluded when `removeSelf`).
 */
export type ProceduralRule = ProceduralRuleBase & ({ kind: 'probability' } | { kind: 'number'; number: number });

/**
 * The thresholds of the geometric gap for probability `p` (0 < p < 1): `floor((1 − p)^k · 2^32)` for
 * k = 1…K, K ≈ 4/p (at most 2^16), stopping after the first 0 (a gap that long has probability below
 * 2^−32). Computed once here, in float64, and handed to every backend as data.
 */
export function geometricTable(p: number): Uint32Array {
  if (!(p > 0 && p < 1)) return new Uint32Array(0);
  const logq = Math.log1p(-p);
  const size = Math.min(MAX_TABLE, Math.max(1, Math.ceil(4 / p)));
  const out: number[] = [];
  for (let k = 1; k <= size; k++) {
    const t = Math.floor(Math.exp(k * logq) * TWO32);
    out.push(Math.min(t, TWO32 - 1));
    if (t === 0) break;
  }
  return Uint32Array.from(out);
}

/** The words' top bits that index {@link ProceduralRule.buckets}. */
export const BUCKET_BITS = 12;

/** The bucket counts of a threshold table (see {@link ProceduralRule.buckets}). */
export function thresholdBuckets(table: Uint32Array): Uint32Array {
  const out = new Uint32Array(table.length ? 1 << BUCKET_BITS : 0);
  for (let b = 0; b < out.length; b++) out[b] = thresholdsAbove(table, b * 2 ** (32 - BUCKET_BITS));
  return out;
}

/** The number of thresholds of `t` (decreasing) that `x` is below: a binary search for the first it is not. */
export function thresholdsAbove(t: Uint32Array, x: number): number {
  let lo = 0, hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < t[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The gaps of one row at a time: `start(pre)`, then `next()` for the gap before each synapse in
 * turn — the number of rejected candidates (Bernoulli(p) trials) before the next kept one, from the
 * row's gap words in order (one per try; a word below every threshold adds K and the next goes on).
 */
export class RowGaps {
  readonly #table: Uint32Array;
  readonly #buckets: Uint32Array;
  readonly #seed: number;
  readonly #stream: number;
  readonly #block = new Uint32Array(4);
  #pre = 0;
  #attempt = 0;
  #word = 0;

  constructor(rule: ProceduralRuleBase) {
    this.#table = rule.table;
    this.#buckets = rule.buckets;
    this.#seed = rule.seed;
    this.#stream = rule.stream;
  }

  /** Back to the first gap word of row `pre` (of its Bernoulli row `attempt`: counter word 3, see {@link ChosenGaps}). */
  start(pre: number, attempt = 0): void {
    this.#pre = pre;
    this.#attempt = attempt;
    this.#word = 0;
  }

  /** The next gap of the row. */
  next(): number {
    const table = this.#table, K = table.length;
    if (K === 0) return 0;
    const block = this.#block;
    let gap = 0;
    for (;;) {
      const w = this.#word++;
      if ((w & 3) === 0) philox4x32_10(w >>> 2, this.#pre, PROCEDURAL_WORD2.gap, this.#attempt, this.#seed, this.#stream, block);
      const x = block[w & 3];
      // The bound of x's bucket, then down to the exact count (about one step).
      let below = this.#buckets[x >>> (32 - BUCKET_BITS)];
      while (below > 0 && x >= table[below - 1]) below--;
      gap += below;
      if (below < K) return gap;
    }
  }
}

/** The gaps of one row at a time, whatever the rule's kind: `start(pre)`, then `next()` for each synapse's gap. */
export interface Gaps {
  start(pre: number): void;
  next(): number;
}

/**
 * The gaps of a fixed-number row (`kind: 'number'`): exactly `number` distinct candidates, their own
 * rank excluded when `removeSelf`, in ascending order. The row is a Bernoulli row of probability
 * `p'` (the rule's `probability`, a little above `number / candidates`: {@link thinningProbability})
 * drawn by the same integer gaps as a fixed-probability row, and thinned to `number` of its `C`
 * kept candidates by selection sampling (Knuth's algorithm S: the next kept candidate is chosen
 * with probability (still to choose) / (still to see), one word each: chosen when
 * `mulhi(x, still to see) < still to choose`, integers only). A Bernoulli row given its count `C`
 * is a uniformly drawn `C`-subset, and a uniform `number`-subset of it is a uniformly drawn
 * `number`-subset of the candidates, so the rows are uniform (to the 2^-32 of the integer
 * thresholds). A row with `C < number` is drawn again from the next Bernoulli row (`attempt`, the
 * gap blocks' counter word 3: rare, `p'` puts the mean three standard deviations above `number`).
 *
 * Why this and not Floyd's algorithm or a partial shuffle (the stored connector's): those give the
 * chosen candidates out of order, and a row walked on a GPU thread cannot hold a list to sort; the
 * walks (and the stored form's inverse walk they must match) go in ascending post rank. Selection
 * sampling alone is in order but costs a word per candidate (O(N_post) a spike); thinning a
 * Bernoulli row keeps it in order at O(number) words — the gaps twice (the count, then the walk)
 * and a selection word per kept candidate — with a few integers of state, and the same u32
 * compares on every backend (a GPU without float64 gets the same rows).
 */
export class ChosenGaps implements Gaps {
  readonly #gaps: RowGaps;
  readonly #select = new Uint32Array(4);
  readonly #rule: ProceduralRuleBase;
  readonly #n: number;
  readonly #number: number;
  #pre = 0;
  #self = -1;
  #count = 0;
  #seen = 0;
  #chosen = 0;
  #pos = -1;
  #word = 0;

  constructor(rule: ProceduralRuleBase & { number: number }) {
    this.#gaps = new RowGaps(rule);
    this.#rule = rule;
    this.#n = rule.candidates.length;
    this.#number = rule.number;
  }

  /** Finds the first Bernoulli row of `pre` with at least `number` candidates (itself excluded), and starts it. */
  start(pre: number): void {
    const gaps = this.#gaps, n = this.#n;
    this.#pre = pre;
    this.#self = this.#rule.removeSelf ? selfIndex(this.#rule, pre) : -1;
    for (let attempt = 0; ; attempt++) {
      gaps.start(pre, attempt);
      let count = 0;
      for (let j = gaps.next(); j < n; j += 1 + gaps.next()) if (j !== this.#self) count++;
      if (count >= this.#number) {
        this.#count = count;
        gaps.start(pre, attempt);
        break;
      }
    }
    this.#seen = 0;
    this.#chosen = 0;
    this.#pos = -1;
    this.#word = 0;
  }

  /** The gap to the next chosen candidate; after the last, `n` (past the end). */
  next(): number {
    if (this.#chosen >= this.#number) return this.#n;
    const from = this.#pos, rule = this.#rule, block = this.#select;
    for (;;) {
      this.#pos += 1 + this.#gaps.next();
      if (this.#pos >= this.#n) return this.#n; // never: the last ones left are chosen surely
      if (this.#pos === this.#self) continue;
      const w = this.#word++;
      if ((w & 3) === 0) philox4x32_10(w >>> 2, this.#pre, PROCEDURAL_WORD2.select, 0, rule.seed, rule.stream, block);
      const left = this.#count - this.#seen++;
      if (mulhi32(block[w & 3], left) < this.#number - this.#chosen) {
        this.#chosen++;
        return this.#pos - from - 1;
      }
    }
  }
}

/** The gaps of `rule`'s rows: Bernoulli gaps, or a fixed-number row's chosen ones. */
export function rowGaps(rule: ProceduralRule): Gaps {
  return rule.kind === 'number' ? new ChosenGaps(rule) : new RowGaps(rule);
}

/**
 * The index of `pre` among the candidates (ascending), or −1 when it is not one: the candidate a
 * fixed-number row without self-connections skips. The kernels read it from `_proc_self`
 * ({@link ProceduralRuleBase.selfIndices}), or compute `pre − consecutiveFrom`.
 */
export function selfIndex(rule: ProceduralRuleBase, pre: number): number {
  const c = rule.candidates;
  if (rule.consecutiveFrom !== undefined) {
    const j = pre - rule.consecutiveFrom;
    return j >= 0 && j < c.length ? j : -1;
  }
  let lo = 0, hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid] < pre) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.length && c[lo] === pre ? lo : -1;
}

/**
 * The probability `p'` of the Bernoulli rows a fixed-number rule thins to `number` of `available`
 * candidates: the mean count three standard deviations (and 3) above `number`, so that about one
 * row in a thousand is drawn again, and the extra gaps cost about 3·sqrt(number) words.
 */
export function thinningProbability(number: number, available: number): number {
  if (number <= 0) return 0;
  return Math.min(1, (number + 3 * Math.sqrt(number) + 3) / available);
}

/** The draws of one synapse: blocks (b, pre, word2, m), b = 0, 1, …, consumed as a host stream is. */
class SynapseDraws extends BlockStream {
  #rule: ProceduralRule;
  #pre = 0;
  #m = 0;
  #word2 = 0;

  constructor(rule: ProceduralRule) {
    super();
    this.#rule = rule;
  }

  /** Back to the first word of synapse `m` of row `pre`, for draws of kind `word2`. */
  at(pre: number, m: number, word2: number): this {
    this.#pre = pre;
    this.#m = m;
    this.#word2 = word2;
    this.rewind();
    return this;
  }

  protected fillBlock(b: number, out: Uint32Array): void {
    philox4x32_10(b, this.#pre, this.#word2, this.#m, this.#rule.seed, this.#rule.stream, out);
  }
}

/** The regenerating functions of a rule: the row's gaps, weight and delay (in steps) of synapse `m` of row `pre`. */
export interface RowDraws {
  /** Starts the gaps of row `pre`. */
  row(pre: number): void;
  /** The next gap of the row started. */
  gap(): number;
  weight(pre: number, m: number): number;
  delaySteps(pre: number, m: number): number;
  /** The delay in ms, as drawn (what the stored form keeps). */
  delayMs(pre: number, m: number): number;
}

/**
 * The draw of synapse `m` of row `pre` of a weight or delay `spec` of kind `word2`: a number; a
 * Uniform or a (clipped) Normal straight from the synapse's first block, with the formulas of the
 * distributions' `sample` on a host stream (`min + (max − min)·u` of two words; `mu + sigma·z` of
 * Box–Muller on the block, then the bounds); any other sampler asked for one value from the
 * synapse's blocks in order (`draws`, shared).
 */
function valueDraw(rule: ProceduralRule, spec: ProceduralValue, word2: number, draws: SynapseDraws): (pre: number, m: number) => number {
  if (typeof spec === 'number') return () => spec;
  const s = spec as { kind?: string; args?: readonly number[]; bounds?: { min?: number; max?: number } };
  const b = new Uint32Array(4);
  const { seed, stream } = rule;
  if (s.kind === 'Uniform' && s.args) {
    const [a, hi] = s.args;
    return (pre, m) => { philox4x32_10(0, pre, word2, m, seed, stream, b); return a + (hi - a) * u53(b[0], b[1]); };
  }
  if (s.kind === 'Normal' && s.args && s.bounds) {
    const [mu, sigma] = s.args;
    const lo = s.bounds.min ?? -Infinity, hi = s.bounds.max ?? Infinity;
    const pair = new Float64Array(2);
    return (pre, m) => {
      philox4x32_10(0, pre, word2, m, seed, stream, b);
      const v = mu + sigma * normalPairFromWords(b[0], b[1], b[2], b[3], pair)[0];
      return v < lo ? lo : v > hi ? hi : v;
    };
  }
  return (pre, m) => spec.sample(1, draws.at(pre, m, word2))[0];
}

/** The gaps, weight and delay draws of `rule` (one scratch stream, reused). */
export function rowDraws(rule: ProceduralRule): RowDraws {
  const draws = new SynapseDraws(rule);
  const delayMs = valueDraw(rule, rule.delays, PROCEDURAL_WORD2.delay, draws);
  const weight = valueDraw(rule, rule.weights, PROCEDURAL_WORD2.weight, draws);
  const gaps = rowGaps(rule);
  return {
    row: (pre) => gaps.start(pre),
    gap: () => gaps.next(),
    weight,
    delayMs,
    delaySteps: (pre, m) => delayToSteps(delayMs(pre, m), rule.dt, 'procedural delay'),
  };
}

/**
 * Visits the synapses of row `pre` in ascending post rank: `visit(postRank, m)` for each kept
 * synapse `m` (none when `pre` does not take part).
 */
export function proceduralRow(rule: ProceduralRule, pre: number, visit: (post: number, m: number) => void): void {
  if (rule.preMember ? !rule.preMember[pre] : pre >= rule.preSize) return;
  const n = rule.candidates.length;
  const gaps = rowGaps(rule);
  gaps.start(pre);
  for (let m = 0, j = gaps.next(); j < n; m++, j += 1 + gaps.next()) {
    const post = rule.candidates[j];
    if (rule.removeSelf && post === pre) continue;
    visit(post, m);
  }
}

/** The expected number of synapses of a rule, p · N_pre · N_candidates (rounded), or number · N_pre: nothing drawn. */
export function expectedSynapses(rule: ProceduralRule): number {
  if (rule.kind === 'number') return rule.number * rule.preRanks.length;
  return Math.round(rule.probability * rule.preRanks.length * rule.candidates.length);
}

/** The fraction of the possible synapses a rule makes: its probability, or number / N_candidates. */
export function proceduralDensity(rule: ProceduralRule): number {
  if (rule.kind === 'number') return rule.candidates.length ? rule.number / rule.candidates.length : 0;
  return rule.probability;
}

const counted = new WeakMap<ProceduralRule, { synapses: number; dendrites: number }>();

/**
 * The number of synapses and of dendrites (post-synaptic neurons with a synapse) of a rule, by
 * drawing every row's gaps once (no weights, nothing kept; remembered per rule).
 */
export function proceduralCounts(rule: ProceduralRule): { synapses: number; dendrites: number } {
  let c = counted.get(rule);
  if (!c) {
    let synapses = 0, dendrites = 0;
    const hit = new Uint8Array(rule.candidates.length ? rule.candidates[rule.candidates.length - 1] + 1 : 0);
    for (const pre of rule.preRanks) {
      proceduralRow(rule, pre, (post) => {
        synapses++;
        if (!hit[post]) { hit[post] = 1; dendrites++; }
      });
    }
    counted.set(rule, (c = { synapses, dendrites }));
  }
  return c;
}

/** Options of {@link proceduralRule}. */
export interface ProceduralRuleOptions {
  probability: number;
  /** A number or a distribution (an array is refused: it needs stored synapses). */
  weights: ValueSpec;
  delays: ValueSpec;
  allowSelfConnections?: boolean;
  seed: number;
  stream: number;
  dt: number;
}

/** Options of {@link proceduralFixedNumberRule}. */
export interface ProceduralFixedNumberOptions extends Omit<ProceduralRuleOptions, 'probability'> {
  /** Distinct post-synaptic neurons per pre-synaptic neuron. */
  number: number;
}

/** The largest value of a delay spec in steps, or an error naming `who` when a distribution has none. */
function maxDelaySteps(delays: ProceduralValue, dt: number, who: string): number {
  if (typeof delays === 'number') return delayToSteps(delays, dt, who);
  const ub = (delays as BoundedSampler).upperBound?.();
  const lb = (delays as { min?: number }).min;
  if (ub === undefined || !Number.isFinite(ub) || lb === undefined || !(lb >= 0)) {
    throw new NetworkError(`${who}: procedural delays drawn from ${String(delays)} need bounds in [0, ∞): a Uniform(min, max) with min >= 0, or a Normal with min >= 0 and max (they are drawn at every spike, and cannot be checked once for all)`);
  }
  return delayToSteps(ub, dt, who);
}

/** Checks a weights or delays spec of a procedural projection (a number or a distribution, not an array). */
function checkValue(spec: unknown, what: string, who: string): ProceduralValue {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new NetworkError(`${who}: ${what} must be finite, got ${spec}`);
    return spec;
  }
  if (isSampler(spec)) return spec;
  throw new NetworkError(`${who}: procedural ${what} must be a number or a distribution (an array needs stored synapses: procedural: 'stored')`);
}

/** The rule of a procedural fixed-probability projection between `pre` and `post`. */
export function proceduralRule(pre: NeuronSet, post: NeuronSet, options: ProceduralRuleOptions, who: string): ProceduralRule {
  const p = options.probability;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new NetworkError(`${who}: probability must be a number in [0, 1], got ${String(p)}`);
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  // p = 0: no candidate at all (the loops never start).
  return { kind: 'probability', ...ruleBase(pre, p > 0 ? sortedRanks(post.ranks) : new Int32Array(0), p, samePopulation(pre, post), options, who) };
}

/**
 * The rule of a procedural fixed-number-post projection between `pre` and `post`: `number`
 * distinct post-synaptic neurons per pre-synaptic neuron, itself excluded when they are one
 * population and self-connections are not allowed (as the stored `fixedNumberPost`); refused when a
 * pre-synaptic neuron has fewer candidates than `number`.
 */
export function proceduralFixedNumberRule(pre: NeuronSet, post: NeuronSet, options: ProceduralFixedNumberOptions, who: string): ProceduralRule {
  const number = checkCount(options.number, 'number', who);
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  const candidates = sortedRanks(post.ranks);
  const same = samePopulation(pre, post);
  const removeSelf = !options.allowSelfConnections && same;
  // The first pre-synaptic neuron with the fewest candidates: itself one of them, when removed.
  const inPost = new Uint8Array(post.populationSize);
  for (const r of candidates) inPost[r] = 1;
  const short = removeSelf ? Array.from(pre.ranks).find((r) => inPost[r]) : undefined;
  const available = candidates.length - (short === undefined ? 0 : 1);
  if (number > available) {
    const rank = short ?? pre.ranks[0];
    throw new NetworkError(`${who}: cannot choose ${number} distinct post-synaptic neurons for pre rank ${rank}: only ${available} available${short === undefined ? '' : ' (self-connections excluded)'}`);
  }
  const base = ruleBase(pre, number > 0 ? candidates : new Int32Array(0), thinningProbability(number, available), same, options, who);
  if (base.removeSelf && base.consecutiveFrom === undefined && base.candidates.length > 0) {
    base.selfIndices = new Int32Array(pre.populationSize);
    for (let r = 0; r < pre.populationSize; r++) base.selfIndices[r] = selfIndex(base, r);
  }
  return { kind: 'number', number, ...base };
}

/** What every kind of rule holds: the pre-synaptic side, the candidates, the gaps' table of probability `p`, the values. */
function ruleBase(pre: NeuronSet, candidates: Int32Array, p: number, same: boolean, options: Omit<ProceduralRuleOptions, 'probability'>, who: string): ProceduralRuleBase {
  const preRanks = sortedRanks(pre.ranks);
  let preMember: Int32Array | undefined;
  if (preRanks.length !== pre.populationSize) {
    preMember = new Int32Array(pre.populationSize);
    for (const r of preRanks) preMember[r] = 1;
  }
  const weights = checkValue(options.weights, 'weights', who);
  const delays = checkValue(options.delays, 'delays', who);
  const table = geometricTable(p);
  const n = candidates.length;
  const consecutive = n > 0 && candidates[n - 1] - candidates[0] === n - 1;
  return {
    seed: options.seed >>> 0,
    stream: options.stream >>> 0,
    probability: p,
    table,
    buckets: thresholdBuckets(table),
    candidates,
    ...(consecutive ? { consecutiveFrom: candidates[0] } : {}),
    preRanks,
    preSize: pre.populationSize,
    preMember,
    removeSelf: !options.allowSelfConnections && same,
    weights,
    delays,
    dt: options.dt,
    maxDelaySteps: maxDelaySteps(delays, options.dt, who),
  };
}

/**
 * The stored form of a procedural rule: exactly the synapses, weights and delays (in ms) that
 * {@link proceduralRow} regenerates, in the post-major order of `Connectivity`.
 */
export function materialize(rule: ProceduralRule, who: string): Connectivity {
  const draws = rowDraws(rule);
  const perPost = new Map<number, { pre: number[]; w: number[]; d: number[] }>();
  for (const pre of rule.preRanks) {
    proceduralRow(rule, pre, (post, m) => {
      let row = perPost.get(post);
      if (!row) perPost.set(post, (row = { pre: [], w: [], d: [] }));
      row.pre.push(pre);
      row.w.push(draws.weight(pre, m));
      row.d.push(draws.delayMs(pre, m));
    });
  }
  const rows: Row[] = [...perPost].map(([post, r]) => ({ post, pre: r.pre, w: r.w, d: r.d }));
  const a = assembleRows(rows, who);
  const nnz = a.preRanks.length;
  return {
    postRanks: a.postRanks,
    rowPtr: a.rowPtr,
    preRanks: a.preRanks,
    weights: typeof rule.weights === 'number' ? rule.weights : (a.w ?? new Float64Array(nnz)),
    delays: typeof rule.delays === 'number' ? rule.delays : (a.d ?? new Float64Array(nnz)),
  };
}
