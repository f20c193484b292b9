/**
 * Beyond one machine: the COBA network (Vogels & Abbott 2005, ANNarchy's equations) exported as a
 * PyNN 0.10 script for NEURON or NEST, to run on a cluster under MPI; then, when PyNN is installed
 * here (Debian: python3-pynn python3-neuron neuron-dev openmpi-bin python3-mpi4py, and
 * scripts/pynn-setup.sh once), the script is run with mpirun and its results read back.
 *
 * Run: npx tsx test/export/export-example.ts   (--help lists the flags)
 * Expected output: neurarchy 21.58 Hz, CV 1.30; the script written to coba-pynn.py (3 notes: custom
 * neuron as IF_cond_exp, delays raised to 0.2 ms); with --run 2: NEURON on 2 ranks 21.44 Hz, CV 1.30.
 */
import { Network, Neuron, Normal, meanFr, coefficientOfVariation } from '../../src/index.js';
import { exportPyNN, readPyNNResults } from '../../src/export/index.js';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  strict: true,
  options: {
    N: { type: 'string', default: '1000' },
    T: { type: 'string', default: '500' },
    out: { type: 'string', default: 'coba-pynn.py' },
    run: { type: 'string', default: '0' },
    simulator: { type: 'string', default: 'neuron' },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log('usage: npx tsx test/export/export-example.ts [--N 1000] [--T 500] [--out coba-pynn.py] [--run 0] [--simulator neuron]');
  console.log('  --N          neurons (default 1000; 80 inputs per neuron at any N)');
  console.log('  --T          simulated time in ms (default 500)');
  console.log('  --out        the PyNN script to write (its data file goes next to it)');
  console.log('  --run        MPI ranks to run the script with here (0: only write it)');
  console.log('  --simulator  neuron or nest (the script\'s default; --simulator when running overrides it)');
  process.exit(0);
}

/** Runs the example; returns neurarchy's statistics and, when run, the PyNN run's. */
export async function run(): Promise<void> {
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
  const N = Number(a.N), T = Number(a.T), NE = Math.floor(0.8 * N);
  const net = new Network({ dt: 0.1, seed: 1234 });
  const P = net.create(N, COBA, { name: 'P' });
  P.v = new Normal(-55.0, 5.0); P.g_exc = new Normal(4.0, 1.5); P.g_inh = new Normal(20.0, 12.0);
  net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: 0.6, probability: 80 / N });
  net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: 6.7, probability: 80 / N });
  const m = net.monitor(P, 'spike', { name: 'spikes' });

  // The export reads the synapses drawn by the connectors: the same network runs in both.
  const files = await exportPyNN(net, String(a.out), { duration: T, simulator: a.simulator as 'neuron' | 'nest' });
  console.log(`PyNN script written to ${files.script} (data: ${files.data}); notes:`);
  for (const n of files.notes) console.log(`  - ${n}`);

  await net.compile();
  await net.simulate(T);
  const s = m.get('spike');
  console.log(`neurarchy: ${meanFr(s, { dt: 0.1, duration: T, size: N }).toFixed(2)} Hz, CV ${coefficientOfVariation(s, { dt: 0.1 }).mean.toFixed(2)}`);

  const ranks = Number(a.run);
  if (ranks > 0) {
    const r = spawnSync('mpirun', ['--allow-run-as-root', '--oversubscribe', '-np', String(ranks), '/usr/bin/python3', files.script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the PyNN script failed:\n${r.stderr.slice(-2000)}`);
    const res = await readPyNNResults(files.results);
    const sp = res.monitors.spikes.spike!;
    console.log(`${a.simulator} on ${res.processes} rank(s): ${meanFr(sp, { duration: T, size: N }).toFixed(2)} Hz, CV ${coefficientOfVariation(sp).mean.toFixed(2)}`);
  }
}

await run();
