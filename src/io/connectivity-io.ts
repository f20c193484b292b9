/**
 * ANNarchy's `proj.save_connectivity(filename)` / `proj.connect_from_file(filename)`: the synapses
 * of a projection as one row per synapse, so that another script (or NumPy) can rebuild or read
 * them. Browser-safe bytes/text in and out; `io/files.ts` reads and writes files.
 *
 * Keys (`.npz` entries, or JSON keys next to `"format": "neurarchy-connectivity"`), one value per
 * synapse in post-major order (dendrites by post rank, pre ranks increasing inside a dendrite):
 * `post_ranks` and `pre_ranks` (int32, ranks in the whole populations), `w` (float64) and `delay`
 * (float64, ms). `dt` (float64 `[1]`, ms) records the step the delays were rounded to.
 */
import { validateConnectivity, type Connectivity } from '../connectors/types.js';
import { encodeNpz, decodeNpz } from './npz.js';
import { LoadError } from './network-io.js';
import type { NpyArray } from './npy.js';
import type { Projection } from '../core/Projection.js';
import type { PopulationView } from '../core/PopulationView.js';
import type { Population } from '../core/Population.js';

/** The four per-synapse columns of a connectivity file. */
interface Columns { post_ranks: Int32Array; pre_ranks: Int32Array; w: Float64Array; delay: Float64Array; dt: number }

function columns(proj: Projection): Columns {
  const c = proj.connectivity;
  if (!c) throw new LoadError(`saveConnectivity(): projection '${proj.name}' is not connected yet`);
  proj.requireStored('its synapses', 'saved by saveConnectivity()');
  const nnz = c.preRanks.length;
  const post = new Int32Array(nnz);
  for (let i = 0; i < c.postRanks.length; i++) post.fill(c.postRanks[i]!, c.rowPtr[i], c.rowPtr[i + 1]);
  const wState = proj.state.get('w') as Float64Array | undefined;
  const w = new Float64Array(nnz);
  if (wState && wState.length === nnz) w.set(wState);
  else w.fill(wState?.[0] ?? 0);
  const dt = proj.network.dt;
  const delay = typeof c.delaySteps === 'number' ? new Float64Array(nnz).fill(c.delaySteps * dt) : Float64Array.from(c.delaySteps, (s) => s * dt);
  return { post_ranks: post, pre_ranks: c.preRanks.slice(), w, delay, dt };
}

/** The projection's synapses as `.npz` bytes. */
export function connectivityToNpz(proj: Projection): Uint8Array {
  const c = columns(proj);
  return encodeNpz({ post_ranks: { data: c.post_ranks }, pre_ranks: { data: c.pre_ranks }, w: { data: c.w }, delay: { data: c.delay }, dt: { data: Float64Array.of(c.dt) } });
}

/** The projection's synapses as JSON text (non-finite weights written as strings, as network files). */
export function connectivityToJson(proj: Projection): string {
  const c = columns(proj);
  const num = (x: number) => (Number.isFinite(x) ? x : String(x));
  return JSON.stringify({ format: 'neurarchy-connectivity', version: 1, dt: c.dt, post_ranks: Array.from(c.post_ranks), pre_ranks: Array.from(c.pre_ranks), w: Array.from(c.w, num), delay: Array.from(c.delay) });
}

type Side = Population | PopulationView;

/**
 * Reads a connectivity file (bytes of `.npz`, or JSON text) and checks it against the projection's
 * pre- and post-synaptic sides: ranks integer and inside the populations *and* the views the
 * projection connects, no synapse twice, finite weights, delays finite and ≥ 0 ms. Returns the
 * connectivity in the connectors' form (post-major CSR, delays in ms). Throws {@link LoadError}
 * naming the file and the first problem.
 */
export function connectivityFromFile(data: Uint8Array | string, file: string, pre: Side, post: Side): Connectivity {
  const who = `connectFromFile('${file}')`;
  const cols = typeof data === 'string' ? fromJson(data, who) : fromNpz(data, who);
  const { post_ranks: postR, pre_ranks: preR, w, delay } = cols;
  const n = preR.length;
  for (const [k, a] of Object.entries({ post_ranks: postR, w, delay })) {
    if (a.length !== n) throw new LoadError(`${who}: '${k}' has ${a.length} values, 'pre_ranks' ${n}: one value per synapse in each`);
  }
  const maxMs = (2 ** 31 - 1) * pre.population.network.dt;
  for (let k = 0; k < n; k++) if (delay[k]! > maxMs) throw new LoadError(`${who}: 'delay'[${k}] = ${delay[k]} ms exceeds the largest delay (2^31 - 1 steps = ${maxMs} ms)`);
  const inSide = (side: Side) => { const m = new Uint8Array(side.population.size); for (const r of side.ranks) m[r] = 1; return m; };
  const preIn = inSide(pre), postIn = inSide(post);
  for (let k = 0; k < n; k++) {
    const p = preR[k]!, q = postR[k]!;
    if (!(p >= 0 && p < preIn.length && preIn[p])) throw new LoadError(`${who}: 'pre_ranks'[${k}] = ${p} is not a neuron of the pre-synaptic side ('${pre.population.name}', ${pre.ranks.length} neurons)`);
    if (!(q >= 0 && q < postIn.length && postIn[q])) throw new LoadError(`${who}: 'post_ranks'[${k}] = ${q} is not a neuron of the post-synaptic side ('${post.population.name}', ${post.ranks.length} neurons)`);
  }
  // Post-major order: sort the synapses by (post, pre), then cut rows.
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => postR[a]! - postR[b]! || preR[a]! - preR[b]!);
  const postRanks: number[] = [], rowPtr = [0];
  const preRanks = new Int32Array(n), weights = new Float64Array(n), delays = new Float64Array(n);
  order.forEach((k, i) => {
    if (i > 0 && postR[k] === postR[order[i - 1]!] && preR[k] === preR[order[i - 1]!]) {
      throw new LoadError(`${who}: the synapse from pre rank ${preR[k]} to post rank ${postR[k]} is in the file twice (rows ${order[i - 1]} and ${k})`);
    }
    if (postRanks.length === 0 || postRanks[postRanks.length - 1] !== postR[k]) { if (i > 0) rowPtr.push(i); postRanks.push(postR[k]!); }
    preRanks[i] = preR[k]!; weights[i] = w[k]!; delays[i] = delay[k]!;
  });
  if (n > 0) rowPtr.push(n);
  const c: Connectivity = { postRanks: Int32Array.from(postRanks), rowPtr: Int32Array.from(rowPtr), preRanks, weights, delays };
  try {
    validateConnectivity(c, { preSize: pre.population.size, postSize: post.population.size }, who);
  } catch (e) {
    throw new LoadError((e as Error).message);
  }
  return c;
}

function fromNpz(bytes: Uint8Array, who: string): Omit<Columns, 'dt'> {
  let rec: Record<string, NpyArray>;
  try {
    rec = decodeNpz(bytes);
  } catch (e) {
    throw new LoadError(`${who}: ${(e as Error).message}`);
  }
  const col = (k: string, dtype: string) => {
    const a = rec[k];
    if (!a) throw new LoadError(`${who}: the file has no '${k}' (keys: ${Object.keys(rec).join(', ') || 'none'}); is it a file of saveConnectivity()?`);
    if (a.dtype !== dtype || a.shape.length !== 1) throw new LoadError(`${who}: '${k}' is ${a.dtype} of shape (${a.shape.join(', ')}), expected one-dimensional ${dtype}`);
    return a.data;
  };
  return { post_ranks: col('post_ranks', '<i4') as Int32Array, pre_ranks: col('pre_ranks', '<i4') as Int32Array, w: col('w', '<f8') as Float64Array, delay: col('delay', '<f8') as Float64Array };
}

function fromJson(text: string, who: string): Omit<Columns, 'dt'> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LoadError(`${who}: not valid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || doc.format !== 'neurarchy-connectivity') throw new LoadError(`${who}: not a connectivity file of saveConnectivity() (no "format": "neurarchy-connectivity")`);
  const col = (k: string, int: boolean) => {
    const a = doc[k];
    if (!Array.isArray(a)) throw new LoadError(`${who}: '${k}' is missing or not an array`);
    return a.map((x: unknown, i) => {
      const v = typeof x === 'string' && !int && ['NaN', 'Infinity', '-Infinity'].includes(x) ? Number(x) : x;
      if (typeof v !== 'number' || (int && (!Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1))) throw new LoadError(`${who}: '${k}'[${i}] = ${JSON.stringify(x)} is not ${int ? 'an integer rank' : 'a number'}`);
      return v;
    });
  };
  return { post_ranks: Int32Array.from(col('post_ranks', true)), pre_ranks: Int32Array.from(col('pre_ranks', true)), w: Float64Array.from(col('w', false)), delay: Float64Array.from(col('delay', false)) };
}
