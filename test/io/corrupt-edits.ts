// Hand edits of a saved network file (corrupt-battery.ts and corrupt-files.test.ts): each entry
// changed to what a careless edit, a bug or a malicious file could hold, re-encoded with valid
// checksums, so that only the validation of the contents can refuse it. The network is the one of
// corrupt-fixture.ts (P: 60 LIF neurons, S: SpikeSourceArray of 5, Q: Poisson of 10; E: STDP with
// delays 1–8 steps and spikes in flight, I: uniform delay 4 steps, SP, QP).
import { encodeNpz, decodeNpz, type NpzEntry } from '../../src/io/npz.js';

/** One array as both formats can express it (JSON writes non-finite floats as strings). */
export interface Arr { dtype: string; shape: number[]; data: (number | string)[] }
type Arrays = Record<string, Arr>;

export interface Edit {
  what: string;
  /** The entry the error message must name. */
  names: string;
  mutate(a: Arrays): void;
  /** Only in this format (the other cannot express it). */
  format?: 'npz' | 'json';
}

const BIG = 2 ** 31 - 1;
const set = (key: string, i: number, x: number | string) => (a: Arrays) => { const d = a[key]!.data; d[i < 0 ? d.length + i : i] = x; };
const edit = (what: string, key: string, mutate: (a: Arrays) => void, format?: 'npz' | 'json', names = key): Edit => ({ what, names, mutate, format });

export const EDITS: Edit[] = [
  // connectivity
  edit('pre rank out of range (60 in a population of 60)', 'E/_pre_rank', set('E/_pre_rank', 5, 60)),
  edit('negative pre rank', 'E/_pre_rank', set('E/_pre_rank', 0, -1)),
  edit('post rank out of range', 'E/_post_rank', set('E/_post_rank', 3, 999)),
  edit('duplicate synapse (pre rank repeated in a dendrite)', 'E/_pre_rank', (a) => { const d = a['E/_pre_rank']!.data; d[1] = d[0]!; }),
  edit('row pointers not monotonic', 'E/_row_ptr', (a) => { const d = a['E/_row_ptr']!.data; [d[2], d[3]] = [d[3]!, d[2]!]; }),
  edit('last row pointer beyond the synapses', 'E/_row_ptr', set('E/_row_ptr', -1, 10_000)),
  edit('first row pointer not 0', 'E/_row_ptr', set('E/_row_ptr', 0, 1)),
  edit('inverse index out of range', 'E/_inv_idx', set('E/_inv_idx', 0, 1_000_000)),
  edit('inverse pointer inconsistent', 'E/_inv_ptr', (a) => { (a['E/_inv_ptr']!.data[3] as number)++; }),
  edit('dendrite of a synapse wrong', 'E/_syn_dendrite', set('E/_syn_dendrite', 0, 5)),
  edit('dendrite of a post neuron out of range', 'I/_dendrite_of_post', set('I/_dendrite_of_post', 2, BIG)),
  // delays and rings
  edit('delay beyond the ring (9 steps, ring of 8)', 'E/_delay', set('E/_delay', 0, 9)),
  edit('delay 0 steps', 'E/_delay', set('E/_delay', 4, 0)),
  edit('negative delay', 'E/_delay', set('E/_delay', 4, -3)),
  edit('huge delay', 'E/_delay', set('E/_delay', 4, BIG)),
  edit('uniform delay beyond the spike queue', 'I/_delay_uniform', set('I/_delay_uniform', 0, 100)),
  edit('spikes in flight: last offset beyond the events', 'E/_pending_ptr', set('E/_pending_ptr', -1, 10_000)),
  edit('spikes in flight: offsets decreasing', 'E/_pending_ptr', (a) => { const d = a['E/_pending_ptr']!.data; d[2] = (d[1] as number) - 1; }),
  edit('spikes in flight: synapse index out of range', 'E/_pending_syn', set('E/_pending_syn', 0, 423_000)),
  edit('spikes in flight: negative synapse index', 'E/_pending_syn', set('E/_pending_syn', -1, -7)),
  edit('spikes in flight: more slots than the ring', 'E/_pending_ptr', (a) => { const d = a['E/_pending_ptr']!.data; d.push(d[d.length - 1]!); a['E/_pending_ptr']!.shape = [d.length]; }),
  edit('spikes in flight: events without offsets', 'E/_pending_ptr', (a) => { delete a['E/_pending_ptr']; }),
  // spike counters and queues
  edit('spike count 2^31 - 1 (looped for ever on js)', 'P/_nspiked', set('P/_nspiked', 0, BIG)),
  edit('spike count above the population size', 'P/_nspiked', set('P/_nspiked', 0, 61)),
  edit('negative spike count', 'Q/_nspiked', set('Q/_nspiked', 0, -1)),
  edit('spiked rank out of range', 'P/_spiked', set('P/_spiked', 0, 60)),
  edit('spike queue count above the size', 'P/_spike_queue_n', set('P/_spike_queue_n', 0, 61)),
  edit('spike queue slot out of the ring', 'P/_spike_queue_idx', set('P/_spike_queue_idx', 0, 4)),
  edit('rank in the spike queue out of range', 'Q/_spike_queue', set('Q/_spike_queue', 3, -1)),
  edit('negative refractory counter', 'P/_refr_left', set('P/_refr_left', 0, -1)),
  edit('last spike before "never"', 'P/_last_spike', set('P/_last_spike', 0, -(2 ** 31))),
  // input populations
  edit('SpikeSourceArray cursor outside its spike times', 'S/_ssa_next', set('S/_ssa_next', 0, 99)),
  edit('SpikeSourceArray offsets decreasing', 'S/_ssa_ptr', set('S/_ssa_ptr', 2, 1)),
  edit('SpikeSourceArray negative step counter', 'S/_ssa_t', set('S/_ssa_t', 0, -5)),
  edit('Poisson next spike NaN', 'Q/_poisson_next', set('Q/_poisson_next', 0, 'NaN'), 'json'),
  edit('Poisson next spike NaN', 'Q/_poisson_next', set('Q/_poisson_next', 0, NaN), 'npz'),
  // the step counter and the network entries
  edit('negative step', '_network/step', set('_network/step', 0, -5)),
  edit('step beyond int32', '_network/step', set('_network/step', 0, 2 ** 40)),
  edit('step 1.5 (was a raw RangeError)', '_network/step', set('_network/step', 0, 1.5), 'json'),
  edit('step "abc"', '_network/step', set('_network/step', 0, 'abc'), 'json'),
  edit('step as float64', '_network/step', (a) => { a['_network/step']!.dtype = '<f8'; }),
  edit('two steps', '_network/step', (a) => { a['_network/step']!.data.push(3); a['_network/step']!.shape = [2]; }),
  edit('other dt', '_network/dt', set('_network/dt', 0, 0.1), undefined, 'dt is 0.1 ms'),
  edit('unknown network entry', '_network/foo', (a) => { a['_network/foo'] = { dtype: '<f8', shape: [1], data: [1] }; }),
  edit('format version 2', '_network/format', set('_network/format', 0, 2)),
  // dtypes, shapes, values that typed-array conversion would silently change
  edit('int32 connectivity as float64', 'E/_pre_rank', (a) => { a['E/_pre_rank']!.dtype = '<f8'; }),
  edit('float64 attribute as int32', 'P/tau', (a) => { a['P/tau']!.dtype = '<i4'; }),
  edit('two-dimensional array', 'P/v', (a) => { a['P/v']!.shape = [6, 10]; }, 'npz'),
  edit('shape not matching the values', 'P/v', (a) => { a['P/v']!.shape = [61]; }, 'json'),
  edit('1.5 in an int32 array', 'E/_pre_rank', set('E/_pre_rank', 0, 1.5), 'json'),
  edit('"NaN" in an int32 array', 'P/_refr_left', set('P/_refr_left', 0, 'NaN'), 'json'),
  edit('2^31 in an int32 array', 'P/_last_spike', set('P/_last_spike', 0, 2 ** 31), 'json'),
  edit('a word in a float64 array', 'P/v', set('P/v', 0, 'hello'), 'json'),
  edit('unknown dtype', 'P/v', (a) => { a['P/v']!.dtype = '<c16'; }, 'json'),
  edit('missing attribute', 'w', (a) => { delete a['E/w']; }),
  edit('fewer weights than synapses', 'w', (a) => { a['E/w']!.data.pop(); a['E/w']!.shape = [a['E/w']!.data.length]; }),
];

/** Edits that are legitimate: the file is accepted and the value loaded. */
export const VALID_EDITS: (Edit & { key: string; check(first: number[]): boolean })[] = [
  { ...edit('a membrane potential', 'P/v', set('P/v', 0, -55.25)), key: 'P/v', check: (d) => d[0] === -55.25 },
  { ...edit('a weight', 'E/w', set('E/w', 1, 0.125)), key: 'E/w', check: (d) => d[1] === 0.125 },
  { ...edit('NaN in a variable (a network can hold it)', 'P/v', set('P/v', 2, NaN)), key: 'P/v', check: (d) => Number.isNaN(d[2]) },
  { ...edit('a refractory counter', 'P/_refr_left', set('P/_refr_left', 0, 3)), key: 'P/_refr_left', check: (d) => d[0] === 3 },
];

/** The file `good` (npz bytes or JSON text) with `e` applied, in the same format. */
export function applyEdit(good: Uint8Array | string, e: Edit): Uint8Array | string {
  if (typeof good === 'string') {
    const doc = JSON.parse(good) as { arrays: Arrays };
    e.mutate(doc.arrays);
    return JSON.stringify(doc);
  }
  const arrays: Arrays = {};
  for (const [k, a] of Object.entries(decodeNpz(good))) arrays[k] = { dtype: a.dtype, shape: a.shape, data: Array.from(a.data as ArrayLike<number | bigint>, Number) };
  e.mutate(arrays);
  const rec: Record<string, NpzEntry> = {};
  for (const [k, a] of Object.entries(arrays)) {
    const data = a.dtype === '<i8' ? a.data.map((x) => BigInt(x as number)) : (a.data as number[]);
    rec[k] = { data: data as NpzEntry['data'], shape: a.shape, dtype: a.dtype as NpzEntry['dtype'] };
  }
  return encodeNpz(rec);
}
