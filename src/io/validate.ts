/**
 * The invariants of a population's or projection's arrays that the kernels rely on for memory
 * safety and termination, checked on the state a load would produce (the file's arrays over the
 * network's own) before anything is written. A hand-edited or corrupted file that passed the zip
 * and npy checks is refused here when it would index out of bounds (ranks, row pointers, ring
 * slots, delays beyond their ring), loop for ever (spike counts) or desynchronise the derived
 * connectivity indices from the CSR. Floating-point attributes are not restricted: a network can
 * hold NaN or infinite values, and its own file must load back.
 *
 * Array semantics: `src/ir/plan.ts` and `src/runtime/state.ts`.
 */
import { validateConnectivity } from '../connectors/types.js';
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';

/** Int32 arrays read by value; floats by value too (only `_poisson_next` is restricted). */
export type Values = ArrayLike<number>;

/** Initial `_last_spike` (never spiked), see `runtime/state.ts`. */
const NEVER_SPIKED = -10000;
const INT32_MAX = 2 ** 31 - 1;

/** Collects problems as `'<name>/<array>': what is wrong` lines. */
class Checker {
  readonly problems: string[] = [];
  constructor(private readonly prefix: string, private readonly get: (name: string) => Values | undefined) {}

  add(name: string, what: string): void { this.problems.push(`'${this.prefix}${name}': ${what}`); }

  /** Every value in [lo, hi]; reports the first one outside (`hint`: what to do about it). */
  range(name: string, lo: number, hi: number, meaning: string, hint = ''): boolean {
    const a = this.get(name);
    if (!a) return true;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (!(x >= lo && x <= hi)) {
        this.add(name, `${meaning}: element ${i} is ${x}, outside [${lo}, ${hi}]${hint}`);
        return false;
      }
    }
    return true;
  }

  /** A one-element array's value, when present. */
  scalar(name: string): number | undefined {
    const a = this.get(name);
    return a && a.length > 0 ? a[0] : undefined;
  }
}

/** Problems of a population's arrays after the load (`get` gives the file's array, else the network's). */
export function checkPopulationArrays(pop: Population, get: (name: string) => Values | undefined): string[] {
  const c = new Checker(`${pop.name}/`, get);
  const n = pop.size;
  c.range('_nspiked', 0, n, 'number of neurons that spiked');
  c.range('_spiked', 0, n - 1, 'ranks of the neurons that spiked');
  c.range('_naxon', 0, n, 'number of axonal spikes');
  c.range('_axon_spiked', 0, n - 1, 'ranks of the axonal spikes');
  c.range('_last_spike', NEVER_SPIKED, INT32_MAX, `step of the last spike (${NEVER_SPIKED}: never)`);
  c.range('_refr_left', 0, INT32_MAX, 'refractory steps left');

  // Rate delay rings: the ring length is structural (the network's), the slot within it.
  const len = c.scalar('_delay_len');
  const ownLen = pop.state.get('_delay_len')?.[0];
  if (len !== undefined && ownLen !== undefined && len !== ownLen) c.add('_delay_len', `ring length ${len}, the network's delay rings have ${ownLen} slots`);
  else if (len !== undefined) c.range('_delay_idx', 0, len - 1, 'newest slot of the delay ring');

  // Spike queue of uniform delays: slot index, counts per slot, ranks.
  const qn = get('_spike_queue_n');
  if (qn) {
    c.range('_spike_queue_idx', 0, qn.length - 1, 'newest slot of the spike queue');
    c.range('_spike_queue_n', 0, n, 'number of spikes in a slot of the spike queue');
    c.range('_spike_queue', 0, n - 1, 'ranks in the spike queue');
  }

  // SpikeSourceArray: CSR of spike steps over neurons, the cursor of each neuron inside its row.
  const ptr = get('_ssa_ptr'), steps = get('_ssa_steps');
  if (ptr && steps) {
    if (checkOffsets(c, '_ssa_ptr', ptr, n, steps.length, '_ssa_steps')) {
      c.range('_ssa_steps', 0, INT32_MAX, 'spike steps');
      const next = get('_ssa_next');
      if (next) {
        for (let i = 0; i < n; i++) {
          if (!(next[i]! >= ptr[i]! && next[i]! <= ptr[i + 1]!)) { c.add('_ssa_next', `cursor of neuron ${i} is ${next[i]}, outside its spike times [${ptr[i]}, ${ptr[i + 1]}]`); break; }
        }
      }
    }
    c.range('_ssa_t', 0, INT32_MAX, 'step counter');
  }

  // TimedArray: block cursor within the schedule, counters non-negative, period −1 (none) or > 0.
  const schedule = get('_ta_schedule');
  if (schedule) {
    c.range('_ta_block', 0, schedule.length, 'index of the next block');
    c.range('_ta_schedule', 0, INT32_MAX, 'start steps of the blocks');
    const period = c.scalar('_ta_period');
    if (period !== undefined && period !== -1 && !(period > 0)) c.add('_ta_period', `period ${period} steps: -1 (none) or > 0`);
    else c.range('_ta_t', 0, period !== undefined && period > 0 ? period - 1 : INT32_MAX, 'step counter');
  }

  const next = get('_poisson_next');
  if (next) for (let i = 0; i < next.length; i++) if (Number.isNaN(next[i]!)) { c.add('_poisson_next', `step of the next spike of neuron ${i} is NaN`); break; }
  return c.problems;
}

/** Context of a projection's check: the longest delay its rings hold, when compiled. */
export interface ProjectionLimits {
  /** Largest delay (steps) the network's rings hold; undefined before compile (rings are sized then). */
  maxDelay?: number;
}

/** Problems of a projection's arrays after the load. */
export function checkProjectionArrays(proj: Projection, get: (name: string) => Values | undefined, limits: ProjectionLimits): string[] {
  const c = new Checker(`${proj.name}/`, get);
  const rowPtr = get('_row_ptr'), postRanks = get('_post_rank'), preRanks = get('_pre_rank');
  if (!rowPtr || !postRanks || !preRanks) return c.problems;
  const preSize = proj.pre.population.size, postSize = proj.post.population.size;
  const nnz = preRanks.length, nDend = postRanks.length;
  try {
    validateConnectivity(
      { rowPtr: rowPtr as Int32Array, postRanks: postRanks as Int32Array, preRanks: preRanks as Int32Array, weights: 0, delays: 0 },
      { preSize, postSize }, `'${proj.name}/_row_ptr', '${proj.name}/_post_rank', '${proj.name}/_pre_rank'`,
    );
  } catch (e) {
    c.problems.push(`connectivity: ${(e as Error).message}`);
    return c.problems; // the derived arrays cannot be checked against a broken CSR
  }

  // Derived indices must be what the runtime computes from this CSR (runtime/state.ts).
  const expectSame = (name: string, make: () => Int32Array) => {
    const a = get(name);
    if (!a) return;
    const want = make();
    if (a.length !== want.length) { c.add(name, `${a.length} values, the connectivity implies ${want.length}`); return; }
    for (let i = 0; i < want.length; i++) if (a[i] !== want[i]) { c.add(name, `element ${i} is ${a[i]}, the connectivity implies ${want[i]}`); return; }
  };
  expectSame('_syn_dendrite', () => {
    const s = new Int32Array(nnz);
    for (let i = 0; i < nDend; i++) s.fill(i, rowPtr[i], rowPtr[i + 1]);
    return s;
  });
  expectSame('_dendrite_of_post', () => {
    const d = new Int32Array(postSize).fill(-1);
    for (let i = 0; i < nDend; i++) d[postRanks[i]!] = i;
    return d;
  });
  if (get('_inv_ptr') || get('_inv_idx')) {
    const invPtr = new Int32Array(preSize + 1);
    for (let k = 0; k < nnz; k++) invPtr[preRanks[k]! + 1]!++;
    for (let j = 0; j < preSize; j++) invPtr[j + 1]! += invPtr[j]!;
    const fill = invPtr.slice(0, preSize);
    const invIdx = new Int32Array(nnz);
    for (let k = 0; k < nnz; k++) invIdx[fill[preRanks[k]!]!++] = k;
    expectSame('_inv_ptr', () => invPtr);
    expectSame('_inv_idx', () => invIdx);
  }

  // Delays: whole steps ≥ 1, within the rings the compiled network holds.
  const hi = limits.maxDelay ?? INT32_MAX;
  const ring = limits.maxDelay === undefined ? '' : ` (the network's delay rings hold ${limits.maxDelay} steps; for longer delays, set proj.delay in this network before loading)`;
  c.range('_delay', 1, hi, 'delays in steps', ring);
  c.range('_delay_uniform', 0, Math.max(1, hi), 'uniform delay in steps', ring);

  // Spikes in flight of variable delays: CSR over the steps ahead, synapse indices in range.
  const pptr = get('_pending_ptr'), psyn = get('_pending_syn');
  if (pptr && psyn) {
    if (checkOffsets(c, '_pending_ptr', pptr, pptr.length - 1, psyn.length, '_pending_syn')) c.range('_pending_syn', 0, nnz - 1, 'synapse indices of the spikes in flight');
  }

  // DecodingProjection: the ring slot within the window.
  const hist = get('_dec_hist');
  if (hist && nDend > 0) c.range('_dec_idx', 0, hist.length / nDend - 1, 'slot of the decoding window');
  return c.problems;
}

/** CSR offsets: `rows + 1` values from 0, non-decreasing, ending at `total` (the length of `of`). */
function checkOffsets(c: Checker, name: string, ptr: Values, rows: number, total: number, of: string): boolean {
  if (ptr.length !== rows + 1) { c.add(name, `${ptr.length} offsets for ${rows} rows (expected ${rows + 1})`); return false; }
  if (ptr[0] !== 0) { c.add(name, `the first offset is ${ptr[0]}, not 0`); return false; }
  for (let i = 1; i <= rows; i++) {
    if (!(ptr[i]! >= ptr[i - 1]!)) { c.add(name, `offsets decrease at ${i} (${ptr[i - 1]} then ${ptr[i]})`); return false; }
  }
  if (ptr[rows] !== total) { c.add(name, `the last offset is ${ptr[rows]}, but '${of}' holds ${total} values`); return false; }
  return true;
}
