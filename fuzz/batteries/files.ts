/**
 * Battery 'files': a small spiking network with variable and uniform delays, STDP plasticity and
 * spikes in flight is saved as `.npz` and `.json`; the bytes are then flipped, truncated or edited
 * (one entry changed and the archive rebuilt with valid checksums), and loaded into a fresh copy of
 * the network, on js (and, for every tenth case, on cpp). Expected: a LoadError, or a state equal to
 * what was saved (flips: the original; deliberate edits of values: the edited file). An accepted
 * file is then simulated for 5 ms: it must not crash, and on cpp give js's bits.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as N from '../../src/index.js';
import { encodeNpz, decodeNpz } from '../../src/index.js';
import { Rng } from '../prng.js';
import { SPIKE_NEURON } from '../generate.js';
import { collectArrays } from '../../src/io/network-io.js';
import { stateOf, diffStates, type State } from '../state.js';
import type { CaseReport, CaseRequest, Expect } from '../types.js';
import { runGuarded } from './common.js';

export const name = 'files';

/** The network every case saves and loads (the same seed every time: the same file). */
function build(backend: 'js' | 'cpp'): N.Network {
  const net = new N.Network({ dt: 0.5, seed: 3, backend });
  const pre = net.create(5, SPIKE_NEURON, { name: 'pre' });
  const post = net.create(4, SPIKE_NEURON, { name: 'post' });
  pre.set({ v: new N.Uniform(0.0, 1.0) });
  net.connect(pre, post, 'exc', new N.STDP(), { name: 'stdp' })
    .connectFixedProbability({ probability: 0.7, weights: new N.Uniform(0.1, 0.5), delays: new N.Uniform(1.0, 3.0) });
  net.connect(pre, post, 'inh', undefined, { name: 'inh' }).connectAllToAll({ weights: 0.3, delays: 2.0 });
  return net;
}

async function compiled(backend: 'js' | 'cpp', cacheDir: string): Promise<N.Network> {
  const net = build(backend);
  await net.compile(backend === 'cpp' ? { backend, directory: cacheDir } : { backend });
  return net;
}

let saved: { npz: Uint8Array; json: string; state: State; dtypes: Record<string, string> } | undefined;

/** The saved files, made once per child. */
async function savedFiles(cacheDir: string) {
  if (!saved) {
    const net = await compiled('js', cacheDir);
    await net.simulate(10); // spikes in flight: 2 pending events, one queued spike, one neuron that just spiked
    const dtypes = Object.fromEntries(Object.entries(collectArrays(net as never)).map(([k, a]) => [k, a.dtype]));
    saved = { npz: net.toNpz(), json: net.toJson(), state: stateOf(net), dtypes };
  }
  return saved;
}

type Arrays = Record<string, { data: ArrayLike<number | bigint>; dtype: string; shape: number[] }>;

/**
 * Edits of one entry: key, what it does, the new data (from the old), expectation. `derived`: the
 * entry may be recomputed or ignored on load, so the loaded state may equal the file or the original.
 */
interface Edit { key: string; what: string; change: (d: number[]) => number[]; expect: Expect; derived?: boolean }
const BIG = 2 ** 31 - 1;
const set = (i: number, x: number) => (d: number[]) => { const c = [...d]; c[i < 0 ? c.length + i : i] = x; return c; };
const EDITS: Edit[] = [
  { key: '_network/step', what: 'step -5', change: () => [-5], expect: 'invalid' },
  { key: '_network/step', what: 'step 2^40', change: () => [2 ** 40], expect: 'unknown' },
  { key: '_network/dt', what: 'dt 0.1 (the network has 0.5)', change: () => [0.1], expect: 'invalid' },
  { key: '_network/dt', what: 'dt NaN', change: () => [NaN], expect: 'invalid' },
  // The seed is the network's configuration: a file's seed may be refused or ignored, not half-applied.
  { key: '_network/seed', what: 'seed 1.5', change: () => [1.5], expect: 'unknown', derived: true },
  { key: '_network/seed', what: 'seed 7 (the network has 3)', change: () => [7], expect: 'unknown', derived: true },
  { key: '_network/format', what: 'format version 99', change: () => [99], expect: 'invalid' },
  { key: 'stdp/_row_ptr', what: 'row pointers not monotonic', change: (d) => { const c = [...d]; [c[1], c[2]] = [c[2]!, c[1]!]; return c; }, expect: 'invalid' },
  { key: 'stdp/_row_ptr', what: 'last row pointer beyond the synapses', change: (d) => set(-1, d[d.length - 1]! + 5)(d), expect: 'invalid' },
  { key: 'stdp/_row_ptr', what: 'first row pointer -1', change: set(0, -1), expect: 'invalid' },
  { key: 'stdp/_pre_rank', what: 'pre rank 99', change: set(0, 99), expect: 'invalid' },
  { key: 'stdp/_pre_rank', what: 'pre rank -1', change: set(1, -1), expect: 'invalid' },
  { key: 'stdp/_pre_rank', what: 'pre rank 2^31-1', change: set(2, BIG), expect: 'invalid' },
  { key: 'stdp/_post_rank', what: 'post rank 99', change: set(0, 99), expect: 'invalid' },
  { key: 'stdp/_post_rank', what: 'post ranks duplicated', change: (d) => set(1, d[0]!)(d), expect: 'invalid' },
  { key: 'inh/_post_rank', what: 'post rank -7', change: set(0, -7), expect: 'invalid' },
  { key: 'stdp/_delay', what: 'delay -3 steps', change: set(0, -3), expect: 'invalid' },
  { key: 'stdp/_delay', what: 'delay 2^31-1 steps', change: set(0, BIG), expect: 'unknown' },
  { key: 'stdp/_delay', what: 'delay 0 steps', change: set(0, 0), expect: 'unknown' },
  { key: 'inh/_delay_uniform', what: 'uniform delay -1', change: () => [-1], expect: 'invalid' },
  { key: 'inh/_delay_uniform', what: 'uniform delay 2^31-1', change: () => [BIG], expect: 'unknown' },
  { key: 'stdp/_syn_dendrite', what: 'synapse dendrite 99', change: set(0, 99), expect: 'unknown', derived: true },
  { key: 'stdp/_inv_idx', what: 'inverse index 99', change: set(0, 99), expect: 'unknown', derived: true },
  { key: 'stdp/_inv_ptr', what: 'inverse pointers not monotonic', change: (d) => { const c = [...d]; [c[2], c[3]] = [c[3]!, c[2]!]; return c; }, expect: 'unknown', derived: true },
  { key: 'stdp/_last_event', what: 'last event 2^31-1', change: set(0, BIG), expect: 'unknown' },
  { key: 'stdp/_pending_ptr', what: 'pending pointer beyond the events', change: (d) => set(-1, d[d.length - 1]! + 3)(d), expect: 'invalid' },
  { key: 'stdp/_pending_ptr', what: 'pending pointers not monotonic', change: (d) => set(1, (d[d.length - 1] ?? 0) + 2)(d), expect: 'invalid' },
  { key: 'stdp/_pending_syn', what: 'pending synapse 999', change: (d) => d.length ? set(0, 999)(d) : d, expect: 'invalid' },
  { key: 'pre/_spiked', what: 'spiked rank 99', change: set(0, 99), expect: 'invalid' },
  { key: 'pre/_nspiked', what: 'spike count 2^31-1', change: () => [BIG], expect: 'invalid' },
  { key: 'pre/_nspiked', what: 'spike count -1', change: () => [-1], expect: 'invalid' },
  { key: 'pre/_spike_queue_n', what: 'queued count 2^31-1', change: set(0, BIG), expect: 'invalid' },
  { key: 'pre/_spike_queue_n', what: 'queued count -4', change: set(1, -4), expect: 'invalid' },
  { key: 'pre/_spike_queue_idx', what: 'queue index 99', change: () => [99], expect: 'invalid' },
  { key: 'pre/_spike_queue', what: 'queued rank 99 (count 1)', change: set(0, 99), expect: 'unknown' },
  { key: 'pre/_last_spike', what: 'last spike 2^31-1', change: set(0, BIG), expect: 'unknown' },
  { key: 'pre/_last_spike', what: 'last spike -2^31', change: set(0, -(2 ** 31)), expect: 'unknown' },
  { key: 'pre/_refr_left', what: 'refractory left 2^31-1', change: set(0, BIG), expect: 'unknown' },
  { key: 'pre/_refr_left', what: 'refractory left -5', change: set(0, -5), expect: 'unknown' },
  { key: 'stdp/w', what: 'w[0] = 0.123', change: set(0, 0.123), expect: 'valid' },
  { key: 'stdp/w', what: 'w[0] = NaN', change: set(0, NaN), expect: 'unknown' },
  { key: 'pre/tau', what: 'tau = 0', change: (d) => d.map(() => 0), expect: 'valid' },
  { key: 'pre/v', what: 'v one element longer', change: (d) => [...d, 0], expect: 'invalid' },
  { key: 'pre/v', what: 'v empty', change: () => [], expect: 'invalid' },
  { key: 'inh/w', what: 'shared w with 2 values', change: (d) => [d[0]!, d[0]!], expect: 'invalid' },
];
/** Edits of keys and dtypes. */
const KEY_EDITS: Array<{ what: string; apply: (a: Arrays) => void; expect: Expect }> = [
  { what: 'entry stdp/w removed', apply: (a) => { delete a['stdp/w']; }, expect: 'unknown' },
  { what: 'entry zq/zq added', apply: (a) => { a['zq/zq'] = { data: [1], dtype: '<f8', shape: [1] }; }, expect: 'unknown' },
  { what: 'entry pre/v renamed pre/zq', apply: (a) => { a['pre/zq'] = a['pre/v']!; delete a['pre/v']; }, expect: 'invalid' },
  { what: 'pre/v stored as int32', apply: (a) => { a['pre/v'] = { ...a['pre/v']!, data: Int32Array.from(a['pre/v']!.data as ArrayLike<number>), dtype: '<i4' }; }, expect: 'unknown' },
  { what: 'stdp/_pre_rank stored as float64', apply: (a) => { a['stdp/_pre_rank'] = { ...a['stdp/_pre_rank']!, data: Float64Array.from(a['stdp/_pre_rank']!.data as ArrayLike<number>, (x) => x + 0.5), dtype: '<f8' }; }, expect: 'invalid' },
  { what: 'every entry removed', apply: (a) => { for (const k of Object.keys(a)) delete a[k]; }, expect: 'unknown' },
];

const KINDS = ['npz:flip', 'npz:flip', 'npz:flip', 'npz:truncate', 'npz:edit', 'npz:edit', 'npz:key', 'json:flip', 'json:truncate', 'json:edit', 'json:edit', 'json:key', 'json:junk'] as const;

interface Corruption { kind: string; what: string; expect: Expect; derived?: boolean; bytes?: Uint8Array; text?: string; expected?: 'original' | 'file' | 'any' }

function savedArrays(): Arrays {
  const out: Arrays = {};
  for (const [k, d] of Object.entries(saved!.state)) out[k] = { data: Array.from(d as ArrayLike<number>, Number), dtype: saved!.dtypes[k]!, shape: [d.length] };
  return out;
}

/** The corruption of case `index`, made from the saved files. */
function corrupt(rng: Rng, files: { npz: Uint8Array; json: string }): Corruption {
  const kind = rng.pick(KINDS);
  const [format, how] = kind.split(':') as ['npz' | 'json', string];
  if (how === 'flip') {
    const n = 1 + rng.int(4);
    if (format === 'npz') {
      const b = files.npz.slice(), at: number[] = [];
      for (let i = 0; i < n; i++) { const p = rng.int(b.length); b[p] ^= 1 << rng.int(8); at.push(p); }
      return { kind, what: `${n} bit flip(s) at byte ${at.join(', ')} of ${b.length}`, expect: 'unknown', bytes: b, expected: 'original' };
    }
    // A flipped character in JSON may give another valid number: no check can see that (no checksum).
    const c = [...files.json], at: number[] = [];
    for (let i = 0; i < n; i++) { const p = rng.int(c.length); c[p] = String.fromCharCode(c[p]!.charCodeAt(0) ^ (1 << rng.int(7))); at.push(p); }
    return { kind, what: `${n} character flip(s) at ${at.join(', ')}`, expect: 'unknown', text: c.join(''), expected: 'any' };
  }
  if (how === 'truncate') {
    const len = format === 'npz' ? files.npz.length : files.json.length, cut = rng.int(len);
    return format === 'npz'
      ? { kind, what: `truncated to ${cut} of ${len} bytes`, expect: 'invalid', bytes: files.npz.slice(0, cut) }
      : { kind, what: `truncated to ${cut} of ${len} characters`, expect: 'invalid', text: files.json.slice(0, cut) };
  }
  if (how === 'junk') {
    const [text, what] = rng.pick([['', 'empty'], ['null', 'null'], ['[]', 'an array'], ['{"format":"neurarchy-network","arrays":{"_network/step":{"dtype":"<i8","shape":[1],"data":[1.5]}}}', 'step 1.5'],
      ['{"format":"neurarchy-network","arrays":{"pre/v":{"dtype":"<f8","shape":[5],"data":"abc"}}}', 'data a string'], ['{"format":"neurarchy-network","arrays":{"pre/_spiked":{"dtype":"<i4","shape":[5],"data":["NaN",1,2,3,4]}}}', 'NaN in int32'],
      ['{"format":"neurarchy-network","version":1,"arrays":{"pre/v":{"dtype":"<zz","shape":[5],"data":[1,2,3,4,5]}}}', 'unknown dtype'], ['{"format":"neurarchy-network","arrays":{"__proto__":{"dtype":"<f8","shape":[1],"data":[1]}}}', '__proto__ key']]);
    return { kind, what, expect: what === 'unknown dtype' || what === 'step 1.5' || what === 'data a string' || what === 'NaN in int32' || what === 'empty' || what === 'null' || what === 'an array' ? 'invalid' : 'unknown', text, expected: 'file' };
  }
  // Edits: decode, change, re-encode (valid checksums / valid JSON).
  const arrays = savedArrays();
  let what: string, expect: Expect, derived = false;
  if (how === 'key') {
    const e = rng.pick(KEY_EDITS); e.apply(arrays); what = e.what; expect = e.expect;
  } else {
    const e = rng.pick(EDITS);
    const a = arrays[e.key];
    if (!a) return { kind, what: `no entry ${e.key}`, expect: 'unknown', bytes: files.npz, expected: 'original' };
    const data = e.change(Array.from(a.data as ArrayLike<number>).map(Number));
    arrays[e.key] = { ...a, data, shape: [data.length] };
    what = `${e.key}: ${e.what}`; expect = e.expect; derived = e.derived ?? false;
  }
  if (format === 'npz') {
    const rec: Record<string, { data: ArrayLike<number | bigint>; dtype: never; shape: number[] }> = {};
    for (const [k, a] of Object.entries(arrays)) rec[k] = { data: a.dtype === '<i8' ? Array.from(a.data as ArrayLike<number>, (x) => BigInt(Math.trunc(Number(x)))) : a.data, dtype: a.dtype as never, shape: a.shape };
    return { kind, what, expect, derived, bytes: encodeNpz(rec as never), expected: derived ? 'any' : 'file' };
  }
  const json = (x: number | bigint) => typeof x === 'bigint' ? x.toString() : Number.isFinite(x) ? x : String(x);
  const doc = { format: 'neurarchy-network', version: 1, arrays: Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, { dtype: a.dtype, shape: a.shape, data: Array.from(a.data as ArrayLike<number>, json) }])) };
  return { kind, what, expect, derived, text: JSON.stringify(doc), expected: derived ? 'any' : 'file' };
}

/** The state a file holds (what an accepted load must give). */
function fileState(c: Corruption): State | undefined {
  try {
    if (c.bytes) return Object.fromEntries(Object.entries(decodeNpz(c.bytes)).map(([k, a]) => [k, Array.from(a.data as ArrayLike<number>, Number)]));
    const doc = JSON.parse(c.text!) as { arrays: Record<string, { data: unknown[] }> };
    return Object.fromEntries(Object.entries(doc.arrays).map(([k, a]) => [k, a.data.map(Number)]));
  } catch { return undefined; }
}


async function loadInto(net: N.Network, c: Corruption, useFile: boolean): Promise<void> {
  if (!useFile) { if (c.bytes) net.fromNpz(c.bytes); else net.fromJson(c.text!); return; }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nrx-fuzz-file-'));
  try {
    const file = path.join(dir, c.bytes ? 'state.npz' : 'state.json');
    writeFileSync(file, c.bytes ?? c.text!);
    await net.load(file);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

export async function run(req: CaseRequest): Promise<CaseReport> {
  const files = await savedFiles(req.cacheDir);
  const rng = Rng.forCase(req.seed, name, req.index);
  const c = corrupt(rng, files);
  const useFile = rng.chance(0.3);
  return runGuarded({ battery: name, index: req.index, label: `${c.kind}${useFile ? ' (via load(file))' : ''}`, input: c.what, expect: c.expect, mustName: [] }, async (report) => {
    const finals: State[] = [];
    for (const backend of req.cpp ? ['js', 'cpp'] as const : ['js'] as const) {
      const net = await compiled(backend, req.cacheDir);
      report.backends.push(backend);
      await loadInto(net, c, useFile);
      // Accepted: the network now holds what the file holds (or what was saved, for flips).
      const now = stateOf(net);
      const original = diffStates(saved!.state, now);
      const fromFile = fileState(c);
      const asFile = fromFile ? diffStates(fromFile, now) : 'unreadable';
      const ok = c.expected === 'original' ? original === '' : c.expected === 'file' ? asFile === '' : original === '' || asFile === '' || c.kind === 'json:flip';
      if (!ok && !report.wrong) report.wrong = `loaded state differs from ${c.expected === 'original' ? 'the saved state' : 'the file'}: ${c.expected === 'original' ? original : asFile}`;
      await net.simulate(5);
      finals.push(stateOf(net));
    }
    if (finals.length === 2) { const d = diffStates(finals[0]!, finals[1]!); if (d) report.mismatch = `js vs cpp after load + 5 ms: ${d}`; }
  });
}
