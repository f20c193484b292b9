/**
 * Beyond one machine: the COBA network (Vogels & Abbott 2005, ANNarchy's equations) exported as a
 * PyNN 0.10 script for NEURON or NEST, to run on a cluster under MPI, and the PyNN run's results
 * read back for a comparison with neurarchy's own run of the same network (same synapses).
 *
 * Run: npm run build && npx tsx examples/export.ts   (--help lists the flags)
 * then: mpirun -np 2 python3 coba_pynn.py   (PyNN on NEURON: python3-pynn python3-neuron neuron-dev
 *       openmpi-bin python3-mpi4py, and scripts/pynn-setup.sh once; see docs/guides/export.md)
 * then: npx tsx examples/export.ts --results coba_pynn.results.npz
 * Expected output: neurarchy: 21.58 Hz, CV 1.30 (N 1000, 500 ms); PyNN on NEURON (1 or 2 ranks): 21.44 Hz, CV 1.30.
 */
import { Network, Neuron, Normal, meanFr, coefficientOfVariation, pynnExport, encodeNpz, readPyNNResults } from 'neurarchy';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

export interface ExportExampleOptions { N?: number; T?: number; name?: string; results?: string }
export interface Stats { rate: number; cv: number }

/** Builds COBA, writes the PyNN script and its data, runs neurarchy, and compares with a PyNN run when given. */
export async function run(options: ExportExampleOptions = {}): Promise<{ neurarchy: Stats; pynn?: Stats & { processes: number }; notes: string[] }> {
  const { N = 1000, T = 500, name = 'coba_pynn', results } = options;
  const COBA = new Neuron({
    name: 'COBA',
    parameters: `El = -60.0 : population
      Vr = -60.0 : population
      Erev_exc = 0.0 : population
      Erev_inh = -80.0 : population
      Vt = -50.0 : population
      tau = 20.0 : population
      tau_exc = 5.0 : population
      tau_inh = 10.0 : population
      I = 20.0 : population`,
    equations: `tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
      tau_exc * dg_exc/dt = - g_exc
      tau_inh * dg_inh/dt = - g_inh`,
    spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
  });
  const NE = Math.floor(0.8 * N);
  const net = new Network({ dt: 0.1, seed: 1234 });
  const P = net.create(N, COBA, { name: 'P' });
  P.v = new Normal(-55.0, 5.0); P.g_exc = new Normal(4.0, 1.5); P.g_inh = new Normal(20.0, 12.0);
  net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: 0.6, probability: 80 / N });
  net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: 6.7, probability: 80 / N });
  const m = net.monitor(P, 'spike', { name: 'spikes' });

  // The export reads the synapses the connectors drew: the PyNN run simulates the same network.
  // (In Node.js, `exportPyNN(net, 'coba_pynn.py', { duration })` writes both files in one call.)
  const out = pynnExport(net, name, { duration: T });
  await writeFile(`${name}.py`, out.script);
  await writeFile(`${name}.data.npz`, encodeNpz(out.data));
  console.log(`PyNN script written to ${name}.py and ${name}.data.npz; what the export adapted:`);
  for (const n of out.notes) console.log(`  - ${n}`);

  await net.compile();
  await net.simulate(T);
  const s = m.get('spike');
  const neurarchy = { rate: meanFr(s, { dt: 0.1, duration: T, size: N }), cv: coefficientOfVariation(s, { dt: 0.1 }).mean };
  console.log(`neurarchy: ${neurarchy.rate.toFixed(2)} Hz, CV ${neurarchy.cv.toFixed(2)}`);
  if (!results) {
    console.log(`run it with: mpirun -np 2 python3 ${name}.py, then: npx tsx examples/export.ts --results ${name}.results.npz`);
    return { neurarchy, notes: out.notes };
  }
  // The results keep the monitors' names; the spikes come as monitor.get('spike') gives them.
  const res = await readPyNNResults(results);
  const sp = res.monitors.spikes.spike!;
  const pynn = { rate: meanFr(sp, { size: N }), cv: coefficientOfVariation(sp).mean, processes: res.processes };
  console.log(`PyNN on ${pynn.processes} rank(s): ${pynn.rate.toFixed(2)} Hz, CV ${pynn.cv.toFixed(2)}`);
  return { neurarchy, pynn, notes: out.notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      N: { type: 'string', default: '1000' },
      T: { type: 'string', default: '500' },
      name: { type: 'string', default: 'coba_pynn' },
      results: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/export.ts [--N 1000] [--T 500] [--name coba_pynn] [--results FILE]');
    console.log('  --N        neurons (default 1000; 80 inputs per neuron at any N)');
    console.log('  --T        simulated time in ms (default 500)');
    console.log('  --name     writes NAME.py and NAME.data.npz (the script writes NAME.results.npz)');
    console.log("  --results  read a PyNN run's results file and compare it with neurarchy's run");
    process.exit(0);
  }
  await run({ N: Number(a.N), T: Number(a.T), name: a.name, results: a.results || undefined });
}
