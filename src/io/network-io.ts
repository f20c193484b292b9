/**
 * Saving and loading the state of a network, of populations and of projections, browser-safe
 * (bytes and strings in and out; writing files is `io/files.ts`).
 *
 * ## Keys (`.npz` entries, JSON `arrays` keys)
 * - `<population name>/<array>` for every array of the population's `state` map: its attributes
 *   (`v`, `tau`, … float64, one per neuron, or 1 for `: population` ones) and, once compiled, the
 *   internal arrays named in `src/ir/plan.ts` (`_last_spike`, `_refr_left`, `_spiked`, `_nspiked`,
 *   `_sum_<target>`, delay rings `_delayed_<var>`/`_delay_idx`, spike queue `_spike_queue`, …);
 * - `<projection name>/<array>` likewise: `w`, the other synaptic attributes, and the connectivity
 *   (post-major CSR, int32): `_post_rank` (rank of each dendrite's post neuron), `_row_ptr` (offsets,
 *   length dendrites + 1), `_pre_rank` (pre rank of each synapse), `_delay` (steps per synapse, when
 *   delays vary) and, once compiled, the derived indices (`_inv_ptr`, `_syn_dendrite`, …), plus the
 *   spikes in flight of variable spike delays that the engine keeps outside the state:
 *   `_pending_ptr` (int32 CSR offsets over the steps ahead, 1, 2, …) and `_pending_syn` (synapse indices);
 * - `_network/step` (int64 step counter; time = step × dt), `_network/dt` (float64, ms),
 *   `_network/seed` (float64), `_network/format` (int32 `[1]`, version of this layout).
 *
 * Arrays keep their dtype (`<f8` for float64, `<i4` for int32), so `numpy.load(f)['pop0/v']` gives
 * the values bit for bit. Saving every internal array makes a simulation continued after `load()`
 * equal to one that never stopped (random draws are counter-based on seed and step, so the loading
 * network must have the same seed, which is not checked: loading weights into another seed is legit).
 *
 * Loading validates everything first (the zip's CRC-32s and the npy headers, objects present,
 * sizes, dtypes, then the invariants the kernels rely on: `validate.ts`, docs/save-files.md) and
 * writes nothing if anything does not match; arrays of the network that the file lacks (e.g. a
 * file written before compile) are left as they are, but every attribute must be in the file.
 * Arrays are written in place (backends keep references), and `attributeWritten` is signalled.
 */
import { denseRowsChange } from '../ir/dense-rows.js';
import { NetworkError } from '../errors.js';
import { encodeNpz, decodeNpz, type NpzEntry, type EncodeNpzOptions } from './npz.js';
import type { NpyArray } from './npy.js';
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import type { Engine } from '../runtime/engine.js';
import { checkPopulationArrays, checkProjectionArrays } from './validate.js';
import { adoptFileConnectivity } from '../structural/load.js';

/** What `saveNetwork`-like functions need of a network (the `Network` class provides it). */
export interface SavableNetwork {
  readonly populations: Population[];
  readonly projections: Projection[];
  readonly dt: number;
  readonly seed: number;
  readonly compiled: boolean;
  getCurrentStep(): number;
  setCurrentStep(step: number): void;
  /** The running engine, for spikes in flight it keeps itself (variable delays). */
  readonly engine?: Engine;
}

/**
 * Which objects to save or load. Without a selection: the whole network, with the step counter.
 * With one (as ANNarchy's `save(populations=True, projections=True)`): a missing key or `true`
 * means all of that kind, `false` none, a list those; the step counter is then left out.
 */
export interface SaveSelection {
  /** The populations: all (`true`, or left out), none (`false`) or those listed. */
  populations?: boolean | Population[];
  /** The projections: all (`true`, or left out), none (`false`) or those listed. */
  projections?: boolean | Projection[];
}

export const FORMAT_VERSION = 1;

/** Error for a file that does not match the network (or is malformed). */
export class LoadError extends NetworkError {
  /** `'LoadError'`, the class's name (also in the message's first line when printed). */
  override name = 'LoadError';
}

type Obj = Population | Projection;
type Arrays = Record<string, { data: ArrayLike<number | bigint>; dtype: string; shape: number[] }>;

/** Shared-weight projections (Convolution, Pooling, Copy) are not saved, as in ANNarchy: the code that builds them holds their filter. */
const unsaved = (p: Projection) => (p as { special?: { kind: string } }).special?.kind === 'shared';

function selected(net: SavableNetwork, sel?: SaveSelection): { objs: Obj[]; whole: boolean } {
  const pick = <T>(all: T[], s: boolean | T[] | undefined): T[] => (s === undefined || s === true ? all : s === false ? [] : s);
  const whole = sel === undefined;
  const projs = pick(net.projections, sel?.projections);
  const listed = Array.isArray(sel?.projections) ? projs.find(unsaved) : undefined;
  if (listed) throw new NetworkError(`save/load: projection '${listed.name}' shares its weights (Convolution, Pooling, Copy) and is not saved, as in ANNarchy; leave it out (its filter is in the code that builds it: read or set it with .weights)`);
  return { objs: [...pick(net.populations, sel?.populations), ...projs.filter((p) => !unsaved(p))], whole };
}

function dtypeOf(a: ArrayLike<number>): '<f8' | '<f4' | '<i4' | '|u1' {
  if (a instanceof Float64Array) return '<f8';
  // Attributes of a network in float32 precision (numpy's float32, as ANNarchy's precision='float' saves them).
  if (a instanceof Float32Array) return '<f4';
  if (a instanceof Int32Array) return '<i4';
  if (a instanceof Uint8Array) return '|u1';
  throw new NetworkError(`cannot save an array of type ${(a as object).constructor.name}`);
}

/** Spikes in flight of variable delays (kept by the engine): `_pending_ptr` (CSR over steps ahead) and `_pending_syn` (synapse indices). */
const PENDING = ['_pending_ptr', '_pending_syn'];

/** The arrays of one population or projection, by their state name (connectivity included before compile). */
function objectArrays(obj: Obj, engine?: Engine): Map<string, Float64Array | Int32Array | Uint8Array> {
  const m = new Map<string, Float64Array | Int32Array | Uint8Array>();
  if ('requireConnected' in obj && engine?.getPendingEvents) {
    const ev = engine.getPendingEvents(obj.id);
    if (ev) { m.set('_pending_ptr', ev.ptr); m.set('_pending_syn', ev.syn); }
  }
  // A procedural rule's data (`_proc_*`) comes from the script that connects, not from a file: a
  // changed candidate would send spikes out of the population.
  for (const [k, v] of obj.state) if (!k.startsWith('_proc_')) m.set(k, v as Float64Array);
  if ('requireConnected' in obj && obj.connectivity) {
    const c = obj.connectivity;
    if (!m.has('_row_ptr')) m.set('_row_ptr', c.rowPtr);
    if (!m.has('_post_rank')) m.set('_post_rank', c.postRanks);
    if (!m.has('_pre_rank')) m.set('_pre_rank', c.preRanks);
    if (!m.has('_delay') && typeof c.delaySteps !== 'number') m.set('_delay', c.delaySteps);
  }
  return m;
}

/** Collects the arrays to save, keyed as documented above. */
export function collectArrays(net: SavableNetwork, sel?: SaveSelection): Arrays {
  const { objs, whole } = selected(net, sel);
  const out: Arrays = {};
  for (const obj of objs) {
    for (const [k, a] of objectArrays(obj, net.engine)) out[`${obj.name}/${k}`] = { data: a, dtype: dtypeOf(a), shape: [a.length] };
  }
  if (whole) {
    out['_network/step'] = { data: BigInt64Array.of(BigInt(net.getCurrentStep())), dtype: '<i8', shape: [1] };
    out['_network/dt'] = { data: Float64Array.of(net.dt), dtype: '<f8', shape: [1] };
    out['_network/seed'] = { data: Float64Array.of(net.seed), dtype: '<f8', shape: [1] };
    out['_network/format'] = { data: Int32Array.of(FORMAT_VERSION), dtype: '<i4', shape: [1] };
  }
  return out;
}

/** Encodes the network (or a selection) as `.npz` bytes. */
export function networkToNpz(net: SavableNetwork, sel?: SaveSelection, opts: EncodeNpzOptions = {}): Uint8Array {
  const rec: Record<string, NpzEntry> = {};
  for (const [k, a] of Object.entries(collectArrays(net, sel))) rec[k] = { data: a.data, shape: a.shape, dtype: a.dtype as NpzEntry['dtype'] };
  return encodeNpz(rec, opts);
}

/** Restores the network (or a selection) from `.npz` bytes; throws {@link LoadError} and changes nothing on mismatch. */
export function networkFromNpz(net: SavableNetwork, bytes: Uint8Array, sel?: SaveSelection): void {
  let rec: Record<string, NpyArray>;
  try {
    rec = decodeNpz(bytes);
  } catch (e) {
    throw new LoadError(`load(): ${(e as Error).message}`);
  }
  applyArrays(net, rec, sel);
}

/** Non-finite numbers and −0 do not survive JSON: they are written as strings. */
function jsonNumber(x: number | bigint): number | string {
  if (typeof x === 'bigint') return x.toString();
  if (Number.isNaN(x) || !Number.isFinite(x) || Object.is(x, -0)) return Object.is(x, -0) ? '-0' : String(x);
  return x;
}

/** JSON text of the network (or a selection): `{format, arrays: {key: {dtype, shape, data}}}`. For small networks. */
export function networkToJson(net: SavableNetwork, sel?: SaveSelection): string {
  const arrays: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(collectArrays(net, sel))) {
    arrays[k] = { dtype: a.dtype, shape: a.shape, data: Array.from(a.data as ArrayLike<number>, jsonNumber) };
  }
  return JSON.stringify({ format: 'neurarchy-network', version: FORMAT_VERSION, arrays });
}

/** Restores from {@link networkToJson} text; throws {@link LoadError} and changes nothing on mismatch. */
export function networkFromJson(net: SavableNetwork, text: string, sel?: SaveSelection): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LoadError(`load(): not valid JSON: ${(e as Error).message}`);
  }
  const d = doc as { format?: unknown; version?: unknown; arrays?: unknown };
  if (!d || typeof d !== 'object' || d.format !== 'neurarchy-network' || !isRecord(d.arrays)) throw new LoadError('load(): not a neurarchy network JSON file (missing format or arrays)');
  if (d.version !== undefined && d.version !== FORMAT_VERSION) throw new LoadError(`load(): the file has format version ${JSON.stringify(d.version)}; this neurarchy reads version ${FORMAT_VERSION}`);
  const rec: Record<string, NpyArray> = {};
  for (const [k, a] of Object.entries(d.arrays)) rec[k] = jsonArray(k, a);
  applyArrays(net, rec, sel);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * One JSON array, every value checked against its dtype: a 1.5, a "NaN" or 2³¹ in an int32 array
 * (which typed-array conversion would turn into 1, 0 and −2³¹ without a word) is refused.
 */
function jsonArray(key: string, a: unknown): NpyArray {
  const bad = (why: string): never => { throw new LoadError(`load(): array '${key}': ${why}`); };
  if (!isRecord(a) || !Array.isArray(a.data)) return bad('malformed (expected {dtype, shape, data: [...]})');
  const values = a.data as unknown[];
  if (a.shape !== undefined && !(Array.isArray(a.shape) && a.shape.length === 1 && a.shape[0] === values.length)) {
    bad(`shape ${JSON.stringify(a.shape)} does not match its ${values.length} values (arrays are one-dimensional)`);
  }
  const at = (i: number, why: string): never => bad(`element ${i} (${JSON.stringify(values[i])}) ${why}`);
  const ints = (lo: number, hi: number, make: (n: number) => Int32Array | Uint8Array) => {
    const out = make(values.length);
    values.forEach((x, i) => { if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi) at(i, `is not an integer in [${lo}, ${hi}] (dtype ${String(a.dtype)})`); out[i] = x as number; });
    return out;
  };
  let data: NpyArray['data'];
  switch (a.dtype) {
    case '<f8':
    case '<f4':
    {
      const parsed = Float64Array.from(values, (x, i) => {
        if (typeof x === 'number') return x;
        if (x === '-0') return -0;
        if (x === 'NaN' || x === 'Infinity' || x === '-Infinity') return Number(x);
        return at(i, 'is not a number (non-finite values are written "NaN", "Infinity", "-Infinity")');
      });
      data = a.dtype === '<f4' ? new Float32Array(parsed) : parsed;
      break;
    }
    case '<i4': data = ints(-(2 ** 31), 2 ** 31 - 1, (n) => new Int32Array(n)); break;
    case '|u1': data = ints(0, 255, (n) => new Uint8Array(n)); break;
    case '<i8':
      data = BigInt64Array.from(values, (x, i) => {
        if (typeof x === 'number' && Number.isSafeInteger(x)) return BigInt(x);
        if (typeof x === 'string' && /^-?\d{1,19}$/.test(x) && BigInt(x) >= -(2n ** 63n) && BigInt(x) < 2n ** 63n) return BigInt(x);
        return at(i, 'is not a 64-bit integer');
      });
      break;
    default: return bad(`unknown dtype ${JSON.stringify(a.dtype)} (expected <f8, <f4, <i4, <i8 or |u1)`);
  }
  return { data, dtype: a.dtype as string, shape: [data.length] };
}

/** The largest step a network can reach: kernels keep steps in int32. */
const MAX_STEP = 2 ** 31 - 1;

/** Keys of `_network/`, with their dtype. */
const NETWORK_KEYS: Record<string, string> = { step: '<i8', dt: '<f8', seed: '<f8', format: '<i4' };

/**
 * Validates `rec` against the network, then writes it. Nothing is written if any check fails:
 * objects, attributes, dtypes and sizes against the network, then the internal invariants of the
 * state the load would produce (`io/validate.ts`: ranks, row pointers, ring slots, delays, spike
 * counts, spikes in flight), then the step counter.
 * @internal
 */
export function applyArrays(net: SavableNetwork, rec: Record<string, NpyArray>, sel?: SaveSelection): void {
  const { objs, whole } = selected(net, sel);
  const problems: string[] = [];
  const pending: { id: number; ptr: Int32Array; syn: Int32Array }[] = [];
  const writes: { obj: Obj; name: string; target: Float64Array | Int32Array | Uint8Array; source: NpyArray['data'] }[] = [];
  for (const [key, a] of Object.entries(rec)) {
    if (a.shape.length !== 1) problems.push(`'${key}': shape (${a.shape.join(', ')}), the arrays of a network file are one-dimensional`);
  }
  // Structural plasticity: the file's synapses replace the projection's (src/structural/load.ts);
  // undone below if anything else does not match, so that a refused load changes nothing.
  const undo: (() => void)[] = [];
  for (const obj of objs) {
    const proj = obj as Projection;
    if (!('requireConnected' in obj) || !proj.connectivity || !proj.network.structuralPlasticity) continue;
    const adopted = adoptFileConnectivity(proj, (name) => rec[`${obj.name}/${name}`]?.data as ArrayLike<number> | undefined);
    if (typeof adopted === 'string') problems.push(adopted);
    else if (adopted) undo.push(adopted);
  }
  const undoAll = () => { for (const u of undo.reverse()) u(); };
  for (const obj of objs) {
    const kind = 'requireConnected' in obj ? 'projection' : 'population';
    const prefix = `${obj.name}/`;
    const keys = Object.keys(rec).filter((k) => k.startsWith(prefix));
    if (keys.length === 0) { problems.push(`${kind} '${obj.name}' is not in the file`); continue; }
    const mine = objectArrays(obj, net.engine);
    if (kind === 'projection' && !(obj as Projection).connectivity) { problems.push(`projection '${obj.name}' is not connected in the network`); continue; }
    for (const a of obj.description.attributes) {
      if (!(prefix + a.name in rec)) problems.push(`${kind} '${obj.name}': attribute '${a.name}' is not in the file`);
    }
    const incoming = new Map<string, NpyArray['data']>();
    for (const key of keys) {
      const name = key.slice(prefix.length);
      const target = mine.get(name);
      const src = rec[key]!;
      if (!target) {
        // Internal arrays of a compiled network are absent before compile: ignore them then.
        if (name.startsWith('_') && !net.compiled) continue;
        problems.push(`${kind} '${obj.name}' has no array '${name}' (the file has '${key}')`);
        continue;
      }
      const want = dtypeOf(target);
      // Float values load into either precision (float64 into float32: each rounded, as any write).
      const floats = (t: string) => t === '<f8' || t === '<f4';
      if (src.dtype !== want && !(floats(src.dtype) && floats(want))) { problems.push(`'${key}': dtype ${src.dtype} in the file, ${want} in the network`); continue; }
      if (name === '_pending_syn') continue; // its length is the number of spikes in flight: below
      if (src.data.length !== target.length) {
        const what = name === 'w' || name.startsWith('_') && kind === 'projection' ? ' (connectivity differs)' : '';
        problems.push(`${kind} '${obj.name}', '${name}': ${src.data.length} values in the file, ${target.length} in the network${what}`);
        continue;
      }
      incoming.set(name, src.data);
      if (PENDING.includes(name)) {
        if (name === '_pending_ptr') pending.push({ id: obj.id, ptr: src.data as Int32Array, syn: rec[`${prefix}_pending_syn`]?.data as Int32Array });
        continue;
      }
      writes.push({ obj, name, target, source: src.data });
    }
    // The pending-event arrays vary in length with the spikes in flight: compare what the file has.
    const ps = rec[`${prefix}_pending_syn`];
    if (ps && mine.has('_pending_syn') && ps.dtype === '<i4') incoming.set('_pending_syn', ps.data);
    if (incoming.has('_pending_ptr') !== incoming.has('_pending_syn') && mine.has('_pending_ptr')) {
      problems.push(`'${prefix}_pending_ptr' and '${prefix}_pending_syn': the spikes in flight need both`);
    }
    const get = (name: string) => (incoming.get(name) ?? mine.get(name)) as ArrayLike<number> | undefined;
    if (kind === 'population') problems.push(...checkPopulationArrays(obj as Population, get));
    else {
      const c = (obj as Projection).connectivity!;
      problems.push(...checkProjectionArrays(obj as Projection, get, { maxDelay: net.compiled ? c.maxDelay : undefined }));
      if (net.compiled && !(obj as Projection).network.structuralPlasticity) {
        const proj = obj as Projection, csr = (m: (n: string) => ArrayLike<number> | undefined) => ({ rowPtr: m('_row_ptr') ?? [], postRanks: m('_post_rank') ?? [], preRanks: m('_pre_rank') ?? [] });
        const change = denseRowsChange(`projection '${proj.name}'`, csr((n) => mine.get(n)), csr(get), proj.pre.population.size, proj.post.population.size);
        if (change) problems.push(change);
      }
    }
  }
  let step: number | undefined;
  if (whole) {
    const s = rec['_network/step'];
    if (!s) problems.push("the file has no step counter '_network/step' (saved from a part of a network?)");
    else {
      const v = s.data.length === 1 ? Number(s.data[0]) : NaN;
      if (s.dtype !== '<i8' || s.data.length !== 1) problems.push(`'_network/step': dtype ${s.dtype} with ${s.data.length} values, expected one <i8`);
      else if (!(Number.isSafeInteger(v) && v >= 0 && v <= MAX_STEP)) problems.push(`'_network/step': ${String(s.data[0])} is not a step (an integer in [0, ${MAX_STEP}])`);
      else step = v;
    }
    for (const [key, a] of Object.entries(rec)) {
      if (!key.startsWith('_network/')) continue;
      const k = key.slice('_network/'.length);
      if (!(k in NETWORK_KEYS)) problems.push(`'${key}': not a key of a network file (known: ${Object.keys(NETWORK_KEYS).map((n) => `_network/${n}`).join(', ')})`);
      else if (k !== 'step' && (a.dtype !== NETWORK_KEYS[k] || a.data.length !== 1)) problems.push(`'${key}': dtype ${a.dtype} with ${a.data.length} values, expected one ${NETWORK_KEYS[k]}`);
    }
    const dt = rec['_network/dt'];
    if (dt && dt.data[0] !== net.dt) problems.push(`dt is ${String(dt.data[0])} ms in the file, ${net.dt} ms in the network`);
    const format = rec['_network/format'];
    if (format && format.data[0] !== FORMAT_VERSION) problems.push(`'_network/format': version ${String(format.data[0])}; this neurarchy reads version ${FORMAT_VERSION}`);
    const names = new Set([...net.populations, ...net.projections].map((o) => o.name));
    const extra = [...new Set(Object.keys(rec).map((k) => k.split('/')[0]!))].filter((n) => n !== '_network' && !names.has(n));
    if (extra.length) problems.push(`the file has objects the network lacks: ${extra.join(', ')}`);
  }
  if (problems.length) { undoAll(); throw new LoadError(`load(): the file does not match the network:\n  - ${problems.join('\n  - ')}`); }
  // A backend may still refuse the spikes in flight (webgpu keeps them as a spike history, which
  // some event lists cannot come from): then every array and queue goes back as it was.
  const before = writes.map((w) => w.target.slice());
  const pendingBefore = pending.map((p) => net.engine?.getPendingEvents?.(p.id));
  try {
    for (const w of writes) w.target.set(w.source as ArrayLike<number>);
    for (const p of pending) net.engine?.setPendingEvents?.(p.id, { ptr: p.ptr, syn: p.syn });
  } catch (e) {
    writes.forEach((w, i) => w.target.set(before[i]!));
    pending.forEach((p, i) => { const old = pendingBefore[i]; if (old) net.engine?.setPendingEvents?.(p.id, old); });
    undoAll();
    throw new LoadError(`load(): the file does not match the network:\n  - ${(e as Error).message}`);
  }
  if (step !== undefined) net.setCurrentStep(step);
  for (const obj of objs) if ('requireConnected' in obj) syncDelays(obj as Projection, net.compiled);
  if (net.compiled) {
    for (const w of writes) if (!w.name.startsWith('_')) w.obj.network.attributeWritten(w.obj, w.name);
  }
}

/**
 * After a load, the connectivity's delay bookkeeping follows its (possibly new) arrays: before
 * compile the rings are sized from `maxDelay`, so it must cover the loaded delays; a uniform delay
 * lives in `_delay_uniform` once compiled (checked within the rings above).
 */
function syncDelays(proj: Projection, compiled: boolean): void {
  const c = proj.connectivity;
  if (!c) return;
  if (typeof c.delaySteps === 'number') {
    const u = (proj.state.get('_delay_uniform') as Int32Array | undefined)?.[0];
    if (compiled && u !== undefined && u > 0) c.delaySteps = u;
  } else if (!compiled) {
    c.maxDelay = Math.max(c.maxDelay, c.delaySteps.reduce((a, b) => Math.max(a, b), 1));
  }
}
