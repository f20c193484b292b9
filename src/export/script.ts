/**
 * The PyNN 0.10 script, as Python source. Values that are one number are written in the script;
 * per-neuron values, spike times and synapse lists go to the side file (`DATA['<key>']`, an .npz
 * next to the script). The script runs the same under `python3 x.py` and `mpirun -np N python3 x.py`:
 * PyNN distributes cells over the ranks, connectivity comes from the side file (or from PyNN's
 * parallel-safe random generator), and rank 0 gathers the recordings and writes the results file.
 */
import type { NpzEntry } from '../io/npz.js';
import type { CellMapping } from './cells.js';
import type { ProjectionMapping } from './projections.js';
import type { PerNeuron } from './values.js';

/** One population as the script sees it. */
export interface ScriptPopulation { name: string; size: number; cell: CellMapping }

/** One monitor: which population (or ranks of it), which variables (PyNN names), sampled how often. */
export interface ScriptMonitor {
  key: string;
  population: string;
  ranks?: Int32Array;
  spikes: boolean;
  /** neurarchy name → PyNN name and the factor back to neurarchy units. */
  variables: { ours: string; pynn: string; factor: PerNeuron }[];
  period: number;
}

export interface ScriptInput {
  title: string;
  simulator: 'neuron' | 'nest';
  /** PyNN's integration step (ms). */
  dt: number;
  /** neurarchy's step (ms): how often noise currents are redrawn. */
  noiseDt: number;
  duration: number;
  minDelay: number;
  maxDelay: number;
  seed: number;
  dataFile: string;
  resultsFile: string;
  populations: ScriptPopulation[];
  projections: ProjectionMapping[];
  monitors: ScriptMonitor[];
  notes: string[];
}

const py = (x: number): string => (Number.isInteger(x) ? `${x}.0` : Number.isFinite(x) ? String(x) : x > 0 ? 'float("inf")' : x < 0 ? '-float("inf")' : 'float("nan")');
const pyName = (s: string): string => JSON.stringify(s);

/** Python source and the arrays of its side file. */
export function writeScript(input: ScriptInput): { source: string; data: Record<string, NpzEntry> } {
  const data: Record<string, NpzEntry> = {};
  const value = (key: string, v: PerNeuron): string => {
    if (typeof v === 'number') return py(v);
    data[key] = { data: v, dtype: '<f8' };
    return `DATA[${pyName(key)}]`;
  };
  const ranks = (key: string, r: Int32Array): string => {
    data[key] = { data: r, dtype: '<i4' };
    return `DATA[${pyName(key)}]`;
  };
  const L: string[] = [];
  const w = (s = '') => L.push(s);
  w('#!/usr/bin/env python3');
  w(`"""${input.title}: a PyNN 0.10 script written by neurarchy's exportPyNN.`);
  w('');
  w(`Run:  python3 ${input.title}.py [--simulator neuron|nest] [--results FILE]`);
  w(`      mpirun -np 4 python3 ${input.title}.py            (NEURON or NEST under MPI; rank 0 writes the results)`);
  w(`Data: ${input.dataFile} (per-neuron values, spike times, synapse lists), next to this script.`);
  w(`Results: ${input.resultsFile} (.npz; read it with neurarchy's readPyNNResults).`);
  if (input.notes.length > 0) {
    w('');
    w('What the export changed (read before comparing with neurarchy):');
    for (const n of input.notes) w(`  - ${n}`);
  }
  w('"""');
  w('import argparse');
  w('import os');
  w('import sys');
  w('import numpy as np');
  w('');
  w('# An error on one MPI rank must end them all (otherwise the others wait for it for ever).');
  w('def _abort_all(kind, value, tb):');
  w('    sys.__excepthook__(kind, value, tb)');
  w('    try:');
  w('        from mpi4py import MPI');
  w('        if MPI.COMM_WORLD.Get_size() > 1:');
  w('            MPI.COMM_WORLD.Abort(1)');
  w('    except ImportError:');
  w('        pass');
  w('sys.excepthook = _abort_all');
  w('');
  w('parser = argparse.ArgumentParser()');
  w(`parser.add_argument("--simulator", choices=["neuron", "nest"], default=${pyName(input.simulator)})`);
  w('parser.add_argument("--results", default=None)');
  w('args, _ = parser.parse_known_args()');
  w('HERE = os.path.dirname(os.path.abspath(__file__))');
  w(`RESULTS = args.results or os.path.join(HERE, ${pyName(input.resultsFile)})`);
  w('if args.simulator == "neuron":');
  w('    import pyNN.neuron as sim');
  w('else:');
  w('    import pyNN.nest as sim');
  w(`DATA = np.load(os.path.join(HERE, ${pyName(input.dataFile)}))`);
  w('');
  w(`DT = ${py(input.dt)}`);
  w(`NOISE_DT = ${py(input.noiseDt)}`);
  w(`DURATION = ${py(input.duration)}`);
  w(`MIN_DELAY = ${py(input.minDelay)}`);
  w(`SEED = ${input.seed}`);
  w('extra = {"native_rng_baseseed": SEED} if args.simulator == "neuron" else {"rng_seed": SEED}');
  // NEURON compares the shortest delay with min_delay after rounding (0.2 < 0.2 on 2 ranks): the setup value sits just below.
  w(`sim.setup(timestep=DT, min_delay=MIN_DELAY * (1 - 1e-6), max_delay=${py(Math.max(input.maxDelay, input.minDelay))}, **extra)`);
  w('RNG = sim.NumpyRNG(seed=SEED, parallel_safe=True)');
  w('');
  w('# Populations');
  const ident = new Map<string, string>();
  input.populations.forEach((p, i) => {
    const id = `pop${i}`;
    ident.set(p.name, id);
    const c = p.cell;
    const params = Object.entries(c.parameters).map(([k, v]) => `${k}=${value(`${p.name}/${k}`, v)}`);
    if (c.spikeTimes) {
      const flat = c.spikeTimes.flat();
      const ptr = new Int32Array(c.spikeTimes.length + 1);
      c.spikeTimes.forEach((row, j) => { ptr[j + 1] = ptr[j] + row.length; });
      data[`${p.name}/spike_times`] = { data: Float64Array.from(flat), dtype: '<f8' };
      data[`${p.name}/spike_ptr`] = { data: ptr, dtype: '<i4' };
      w(`_t, _p = DATA[${pyName(`${p.name}/spike_times`)}], DATA[${pyName(`${p.name}/spike_ptr`)}]`);
      params.push('spike_times=[sim.Sequence(_t[_p[j]:_p[j + 1]]) for j in range(len(_p) - 1)]');
    }
    w(`${id} = sim.Population(${p.size}, sim.${c.type}(${params.join(', ')}), label=${pyName(p.name)})`);
    const init = Object.entries(c.initial).map(([k, v]) => `${k}=${value(`${p.name}/init_${k}`, v)}`);
    if (init.length > 0) w(`${id}.initialize(${init.join(', ')})`);
    if (c.noise) {
      // Drawn in the same order on every rank (same seed), so the noise does not depend on the number of ranks.
      w(`np.random.seed(SEED + ${i})`);
      w(`_stdev = np.broadcast_to(${value(`${p.name}/noise_stdev`, c.noise.stdev)}, (${p.size},))`);
      w(`for _j in range(${p.size}):`);
      w('    sim.NoisyCurrentSource(mean=0.0, stdev=float(_stdev[_j]), start=0.0, stop=DURATION, dt=NOISE_DT).inject_into(' + `${id}[_j:_j + 1])`);
    }
  });
  w('');
  w('# Projections');
  const projIds: string[] = [];
  input.projections.forEach((p, i) => {
    const id = `prj${i}`;
    projIds.push(id);
    const pre = ident.get(p.pre.name)!, post = ident.get(p.post.name)!;
    if (p.list) {
      const n = p.list.pre.length;
      const table = new Float64Array(n * 4);
      for (let k = 0; k < n; k++) { table[4 * k] = p.list.pre[k]; table[4 * k + 1] = p.list.post[k]; table[4 * k + 2] = p.list.weight[k]; table[4 * k + 3] = p.list.delay[k]; }
      data[`${p.name}/synapses`] = { data: table, shape: [n, 4], dtype: '<f8' };
      w(`${id} = sim.Projection(${pre}, ${post}, sim.FromListConnector(DATA[${pyName(`${p.name}/synapses`)}], column_names=["weight", "delay"]),`);
    } else {
      const c = p.connector!;
      const side = (base: string, r: Int32Array | undefined, key: string) => (r ? `${base}[${ranks(key, r)}]` : base);
      w(`${id} = sim.Projection(${side(pre, c.preView, `${p.name}/pre_ranks`)}, ${side(post, c.postView, `${p.name}/post_ranks`)}, ${c.python},`);
    }
    const synapse = p.connector ? p.synapse.python({ weight: py(p.connector.weight), delay: py(p.connector.delay) }) : p.synapse.python();
    w(`    synapse_type=${synapse}, receptor_type=${pyName(p.receptor)}, label=${pyName(p.name)})`);
  });
  w('');
  w('# Recordings');
  input.monitors.forEach((m, i) => {
    const pop = ident.get(m.population)!;
    const target = m.ranks ? `${pop}[${ranks(`${m.key}/ranks`, m.ranks)}]` : pop;
    const vars = [...(m.spikes ? ['spikes'] : []), ...m.variables.map((v) => v.pynn)];
    w(`rec${i} = ${target}`);
    w(`rec${i}.record(${JSON.stringify(vars)}${m.variables.length > 0 ? `, sampling_interval=${py(m.period)}` : ''})`);
  });
  w('');
  w('sim.run(DURATION)');
  w('');
  w('# Results: gathered on rank 0, in neurarchy units, with the keys readPyNNResults expects.');
  w('out = {"meta/dt": np.array([DT]), "meta/duration": np.array([DURATION]), "meta/processes": np.array([sim.num_processes()])}');
  input.monitors.forEach((m, i) => {
    const pop = ident.get(m.population)!;
    const vars = [...(m.spikes ? ['spikes'] : []), ...m.variables.map((v) => v.pynn)];
    w(`_seg = rec${i}.get_data(${JSON.stringify(vars)}, gather=True).segments[0]`);
    if (m.spikes) {
      w('_r, _t = [], []');
      w('for _st in _seg.spiketrains:');
      w(`    _rank = ${pop}.id_to_index(int(_st.annotations["source_id"]))`);
      w('    _r.append(np.full(len(_st), _rank, dtype=np.int32))');
      w('    _t.append(np.asarray(_st.rescale("ms").magnitude, dtype=np.float64))');
      w(`out[${pyName(`${m.key}/spike/ranks`)}] = np.concatenate(_r) if _r else np.zeros(0, np.int32)`);
      w(`out[${pyName(`${m.key}/spike/times`)}] = np.concatenate(_t) if _t else np.zeros(0)`);
      w(`out[${pyName(`${m.key}/spike/neurons`)}] = np.asarray(${m.ranks ? `DATA[${pyName(`${m.key}/ranks`)}]` : `np.arange(${pop}.size)`}, dtype=np.int32)`);
    }
    for (const v of m.variables) {
      w(`_sig = next(s for s in _seg.analogsignals if s.name == ${pyName(v.pynn)})`);
      w('_ch = np.asarray(_sig.array_annotations["channel_index"], dtype=np.int32)');
      w(`_f = np.broadcast_to(${value(`${m.key}/${v.ours}/factor`, v.factor)}, (${input.populations.find((p) => p.name === m.population)!.size},))[_ch]`);
      w(`out[${pyName(`${m.key}/${v.ours}`)}] = np.asarray(_sig.magnitude, dtype=np.float64) * _f`);
      w(`out[${pyName(`${m.key}/${v.ours}/ranks`)}] = _ch`);
    }
  });
  input.projections.forEach((p, i) => {
    if (!p.synapse.plastic) return;
    const post = ident.get(p.post.name)!;
    w(`_w = np.array(${projIds[i]}.get("weight", format="list", gather=True), dtype=np.float64).reshape(-1, 3)`);
    w(`_f = np.broadcast_to(${value(`${p.name}/factor`, p.factor)}, (${post}.size,))`);
    w(`out[${pyName(`${p.name}/pre`)}] = _w[:, 0].astype(np.int32)`);
    w(`out[${pyName(`${p.name}/post`)}] = _w[:, 1].astype(np.int32)`);
    w(`out[${pyName(`${p.name}/w`)}] = _w[:, 2] / _f[_w[:, 1].astype(np.int64)]`);
  });
  w('if sim.rank() == 0:');
  w('    np.savez(RESULTS, **out)');
  w('    print("results written to", RESULTS)');
  w('sim.end()');
  return { source: `${L.join('\n')}\n`, data };
}
