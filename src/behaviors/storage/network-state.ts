/**
 * Save/load of a behaviour network (PymoNNto's `save_network`/`load_network`, which pickle the
 * whole object tree). Here, as for ANNarchy networks, the program rebuilds the structure (groups,
 * behaviours, `net.initialize()`) and the file restores the state: every array of every host's
 * `vars` (vectors, dense and sparse matrices, `W`), each synapse group's `enabled` mask, the
 * iteration counter and the position of every host's random stream, so that a reloaded network
 * continues exactly as the saved one would have.
 *
 * The file is an `.npz` readable by NumPy: `ng0.voltage` (group 0's `vars.voltage`), `sg0.W`
 * (dst × src), a sparse matrix as `sg0.W.indptr` / `.indices` / `.data` (SciPy's CSR), `sg0.enabled`,
 * `<host>.rng` (the stream state), and `meta_json` (UTF-8 JSON: format, iteration, seed, the tag and
 * size of each host, the kind of each variable). Hosts are numbered as created: `net`, `ng0`,
 * `ng1`, …, `sg0`, ….
 *
 * Loading checks the structure first and changes nothing when it differs: the same hosts (tags and
 * sizes), the same variables with the same shapes. Not saved: recorders' data (save them with
 * `StorageManager.saveRecorder`) and values a behaviour keeps in its own fields rather than on its
 * host.
 */
import { NeurarchyError } from '../../errors.js';
import { decodeNpz, encodeNpz, type NpzEntry } from '../../io/npz.js';
import type { NpyArray } from '../../io/npy.js';
import type { BehaviorHostHandle as BehaviorHost } from '../Behavior.js';
import { DenseMatrix, SparseMatrix } from '../matrix.js';
import type { GroupNetwork } from '../NeuronGroup.js';
import { NeuronGroup } from '../NeuronGroup.js';
import type { SynapseGroup } from '../SynapseGroup.js';
import { loadFs } from './fs.js';

/** Version of the layout written by {@link behaviorNetworkToNpz}. */
export const BEHAVIOR_STATE_FORMAT = 1;

type VarKind = 'f8' | 'f4' | 'i4' | 'u1' | 'dense' | 'mask' | 'sparse' | 'number' | 'json';

interface HostMeta { id: string; tag: string; size: number[]; vars: Record<string, VarKind>; json?: Record<string, unknown> }
interface Meta { format: number; iteration: number; seed: number; hosts: HostMeta[] }

/** A wrong or mismatching state file; nothing was changed. */
export class BehaviorStateError extends NeurarchyError {
  override name = 'BehaviorStateError';
}

function hostsOf(net: GroupNetwork): [string, BehaviorHost][] {
  return [
    ['net', net],
    ...net.neuronGroups.map((g, k): [string, BehaviorHost] => [`ng${k}`, g]),
    ...net.synapseGroups.map((s, k): [string, BehaviorHost] => [`sg${k}`, s]),
  ];
}

function sizeOf(h: BehaviorHost): number[] {
  if (h instanceof NeuronGroup) return [h.size];
  if ('matrixShape' in h) return (h as SynapseGroup).matrixShape();
  return [];
}

function varsOf(h: BehaviorHost): Record<string, unknown> {
  return (h as unknown as { vars: Record<string, unknown> }).vars;
}

function kindOf(v: unknown, where: string): VarKind {
  if (typeof v === 'number') return 'number';
  // Settings attributes (`n.learning = true`, `n.mode = 'train'`, `n.delays = [1, 2]`) go into meta_json.
  if (typeof v === 'boolean' || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean'))) return 'json';
  if (v instanceof Float64Array) return 'f8';
  if (v instanceof Float32Array) return 'f4';
  if (v instanceof Int32Array) return 'i4';
  if (v instanceof Uint8Array) return 'u1';
  if (v instanceof DenseMatrix) return v.data instanceof Uint8Array ? 'mask' : 'dense';
  if (v instanceof SparseMatrix) return 'sparse';
  throw new BehaviorStateError(`cannot save ${where}: a ${v === null ? 'null' : typeof v === 'object' ? (v as object).constructor.name : typeof v} is not a state array `
    + '(saved: numbers, booleans, strings, flat lists of them, Float64Array, Float32Array, Int32Array, Uint8Array, DenseMatrix, SparseMatrix); keep it out of vars or convert it');
}

function putValue(out: Record<string, NpzEntry>, key: string, v: unknown, kind: VarKind): void {
  switch (kind) {
    case 'number': out[key] = { data: [v as number], shape: [], dtype: '<f8' }; break;
    case 'dense': case 'mask': { const m = v as DenseMatrix<Float64Array | Uint8Array>; out[key] = { data: m.data, shape: [m.rows, m.cols] }; break; }
    case 'sparse': {
      const m = v as SparseMatrix;
      out[`${key}.indptr`] = { data: m.rowPtr };
      out[`${key}.indices`] = { data: m.colIdx };
      out[`${key}.data`] = { data: m.values };
      out[`${key}.shape`] = { data: Int32Array.of(m.rows, m.cols) };
      break;
    }
    default: out[key] = { data: v as ArrayLike<number> };
  }
}

/** The state of a behaviour network as `.npz` bytes (see the module comment). */
export function behaviorNetworkToNpz(net: GroupNetwork): Uint8Array {
  const out: Record<string, NpzEntry> = {};
  const meta: Meta = { format: BEHAVIOR_STATE_FORMAT, iteration: net.iteration, seed: net.seed, hosts: [] };
  for (const [id, h] of hostsOf(net)) {
    const hm: HostMeta = { id, tag: h.tag, size: sizeOf(h), vars: {} };
    for (const [name, v] of Object.entries(varsOf(h))) {
      if (v === undefined) continue;
      const kind = kindOf(v, `${h.tag}.vars.${name}`);
      hm.vars[name] = kind;
      if (kind === 'json') (hm.json ??= {})[name] = v;
      else putValue(out, `${id}.${name}`, v, kind);
    }
    const enabled = (h as { enabled?: unknown }).enabled;
    if (enabled instanceof DenseMatrix || enabled instanceof SparseMatrix) {
      const kind = kindOf(enabled, `${h.tag}.enabled`);
      hm.vars['~enabled'] = kind;
      putValue(out, `${id}.enabled`, enabled, kind);
    }
    const s = h.rng.getState();
    out[`${id}.rng`] = { data: Float64Array.of(s.block, s.pos, s.spare) };
    meta.hosts.push(hm);
  }
  out.meta_json = { data: new TextEncoder().encode(JSON.stringify(meta)), dtype: '|u1' };
  return encodeNpz(out);
}

function entry(rec: Record<string, NpyArray>, key: string): NpyArray {
  const e = rec[key];
  if (!e) throw new BehaviorStateError(`the state file has no array '${key}' (truncated or written by another program)`);
  return e;
}

function readValue(rec: Record<string, NpyArray>, key: string, kind: VarKind, current: unknown, where: string): unknown {
  const fail = (what: string): never => { throw new BehaviorStateError(`cannot load ${where}: ${what}; the file was saved from a different network`); };
  if (kind === 'sparse') {
    const shape = Array.from(entry(rec, `${key}.shape`).data as Int32Array);
    if (current instanceof SparseMatrix && (current.rows !== shape[0] || current.cols !== shape[1])) fail(`shape ${shape.join(' × ')} in the file, ${current.rows} × ${current.cols} here`);
    return new SparseMatrix(shape[0]!, shape[1]!, Int32Array.from(entry(rec, `${key}.indptr`).data as Int32Array),
      Int32Array.from(entry(rec, `${key}.indices`).data as Int32Array), Float64Array.from(entry(rec, `${key}.data`).data as Float64Array));
  }
  const e = entry(rec, key);
  if (kind === 'number') return Number(e.data[0]);
  if (kind === 'dense' || kind === 'mask') {
    const [r, c] = e.shape;
    if (current instanceof DenseMatrix && (current.rows !== r || current.cols !== c)) fail(`shape ${r} × ${c} in the file, ${current.rows} × ${current.cols} here`);
    return new DenseMatrix(r!, c!, kind === 'mask' ? Uint8Array.from(e.data as Uint8Array) : Float64Array.from(e.data as Float64Array));
  }
  const len = (current as ArrayLike<number> | undefined)?.length;
  if (len !== undefined && len !== e.data.length) fail(`${e.data.length} values in the file, ${len} here`);
  const make = { f8: Float64Array, f4: Float32Array, i4: Int32Array, u1: Uint8Array }[kind as 'f8' | 'f4' | 'i4' | 'u1'];
  return make.from(e.data as ArrayLike<number>);
}

/**
 * Restores a state written by {@link behaviorNetworkToNpz} into `net`, which the program has built
 * the same way (and normally initialised). Every check runs before anything changes.
 */
export function behaviorNetworkFromNpz(net: GroupNetwork, bytes: Uint8Array): void {
  const rec = decodeNpz(bytes);
  let meta: Meta;
  try {
    meta = JSON.parse(new TextDecoder().decode(entry(rec, 'meta_json').data as Uint8Array)) as Meta;
  } catch (e) {
    throw e instanceof BehaviorStateError ? e : new BehaviorStateError(`the state file's meta_json is not JSON: ${(e as Error).message}`);
  }
  if (meta.format !== BEHAVIOR_STATE_FORMAT) throw new BehaviorStateError(`state format ${meta.format} is not ${BEHAVIOR_STATE_FORMAT}, the one this version reads`);
  const hosts = hostsOf(net);
  const describe = (list: { id: string; tag: string }[]): string => list.map((h) => `${h.id} '${h.tag}'`).join(', ');
  if (hosts.length !== meta.hosts.length || hosts.some(([id, h], k) => meta.hosts[k]!.id !== id || meta.hosts[k]!.tag !== h.tag)) {
    throw new BehaviorStateError(`the file holds ${describe(meta.hosts)}; this network has ${describe(hosts.map(([id, h]) => ({ id, tag: h.tag })))}: build the same groups in the same order before loading`);
  }
  // Read and check everything first, then assign: a failure leaves the network as it was.
  const assign: (() => void)[] = [];
  hosts.forEach(([id, h], k) => {
    const hm = meta.hosts[k]!;
    const size = sizeOf(h);
    if (size.join('×') !== hm.size.join('×')) throw new BehaviorStateError(`'${h.tag}' has size ${size.join(' × ')}, ${hm.size.join(' × ')} in the file`);
    const vars = varsOf(h);
    const here = Object.keys(vars).filter((n) => vars[n] !== undefined);
    const there = Object.keys(hm.vars).filter((n) => n !== '~enabled');
    const missing = there.filter((n) => !here.includes(n));
    const extra = here.filter((n) => !there.includes(n));
    if (missing.length || extra.length) {
      throw new BehaviorStateError(`'${h.tag}': ${missing.length ? `the file has vars ${missing.join(', ')} that this network lacks` : ''}`
        + `${missing.length && extra.length ? '; ' : ''}${extra.length ? `this network has vars ${extra.join(', ')} that the file lacks` : ''}`
        + ' (initialise the network the way it was when saved)');
    }
    for (const name of there) {
      if (hm.vars[name] === 'json') {
        const v = hm.json?.[name];
        if (v === undefined) throw new BehaviorStateError(`the state file's meta_json lacks the value of ${h.tag}.${name}`);
        assign.push(() => { vars[name] = Array.isArray(v) ? [...v] : v; });
        continue;
      }
      const v = readValue(rec, `${id}.${name}`, hm.vars[name]!, vars[name], `${h.tag}.vars.${name}`);
      assign.push(() => { vars[name] = v; });
    }
    if (hm.vars['~enabled']) {
      const v = readValue(rec, `${id}.enabled`, hm.vars['~enabled'], (h as { enabled?: unknown }).enabled, `${h.tag}.enabled`);
      assign.push(() => { (h as unknown as { enabled: unknown }).enabled = v; });
    }
    const s = entry(rec, `${id}.rng`).data as Float64Array;
    assign.push(() => h.rng.setState({ block: s[0]!, pos: s[1]!, spare: s[2]! }));
  });
  for (const f of assign) f();
  net.counter.iteration = meta.iteration;
}

/** Writes the state of `net` to `path` (`.npz`). Node.js only. */
export async function saveBehaviorNetwork(net: GroupNetwork, path: string): Promise<void> {
  const fs = await loadFs('saveBehaviorNetwork');
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  if (folder) fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path, behaviorNetworkToNpz(net));
}

/** Restores the state saved at `path` into `net` (see {@link behaviorNetworkFromNpz}). Node.js only. */
export async function loadBehaviorNetwork(net: GroupNetwork, path: string): Promise<void> {
  const fs = await loadFs('loadBehaviorNetwork');
  if (!fs.existsSync(path)) throw new BehaviorStateError(`loadBehaviorNetwork: no file '${path}'`);
  behaviorNetworkFromNpz(net, fs.readFileSync(path));
}
