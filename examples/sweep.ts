/**
 * Parameter sweep in parallel: the COBA network (examples/coba.ts) over a grid of excitatory and
 * inhibitory weights, one copy per grid point, run by parallelRun() in worker threads (ANNarchy's
 * parallel_run); mean firing rate and CV of the ISIs per point, heat maps as SVG.
 *
 * Run: npm run build && npx tsx examples/sweep.ts   (--help lists the flags; Node.js only)
 * Expected output: one line per point, among them "w_exc 0.60 w_inh 6.70: rate 20.53 Hz, CV 1.53" (the
 * network and seed of examples/coba.ts, same numbers), then "16 points on 2 workers: … s" (the wall
 * time; BENCHMARKS.md has measured ones).
 */
import { Network, Neuron, Normal, meanFr, coefficientOfVariation, parallelRun, isParallelWorker, weightMatrixSvg, type CopyInfo, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** What one grid point needs. */
export interface PointArgs {
  [key: string]: unknown;
  N: number;
  T: number;
  wExc: number;
  wInh: number;
  backend: BackendName;
}

const COBA = new Neuron({
  name: 'COBA',
  parameters: `
    El = -60.0          : population
    Vr = -60.0          : population
    Erev_exc = 0.0      : population
    Erev_inh = -80.0    : population
    Vt = -50.0          : population
    tau = 20.0          : population
    tau_exc = 5.0       : population
    tau_inh = 10.0      : population
    I = 20.0            : population
  `,
  equations: `
    tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 5.0,
});

/** Builds one copy (run in a worker): the network of examples/coba.ts with the point's weights. */
export function build({ seed, args }: CopyInfo & { args: PointArgs }): Network {
  const NE = Math.floor(0.8 * args.N);
  const p = 80 / args.N;
  const net = new Network({ dt: 0.1, seed });
  const P = net.create(args.N, COBA);
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: args.wExc, probability: p });
  net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: args.wInh, probability: p });
  net.monitor(P, 'spike');
  return net;
}

/** Simulates one copy and measures it (run in a worker; the result travels back as plain numbers). */
export async function measure(net: Network, args: PointArgs): Promise<{ rate: number; cv: number }> {
  await net.compile({ backend: args.backend });
  await net.simulate(args.T);
  const spikes = net.monitors[0].get('spike');
  return { rate: meanFr(spikes, { dt: 0.1, duration: args.T, size: args.N }), cv: coefficientOfVariation(spikes, { dt: 0.1 }).mean };
}

/** `n` values from `lo` to `hi`. */
function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}

// The script part runs in the main thread only: workers import this module for build() and measure().
if (!isParallelWorker()) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      N: { type: 'string', default: '4000' },
      T: { type: 'string', default: '1000' },
      grid: { type: 'string', default: '4' },
      workers: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      rate: { type: 'string', default: '' },
      cv: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/sweep.ts [--N 4000] [--T 1000] [--grid 4] [--workers 2] [--seed 1234] [--backend js] [--rate FILE] [--cv FILE]');
    console.log('  --N        neurons per network (default 4000)');
    console.log('  --T        simulated time per point in ms (default 1000)');
    console.log('  --grid     points per axis: 0.5 to 1.25 times the weights of coba.ts, w_exc 0.6 and w_inh 6.7 (default 4)');
    console.log('  --workers  worker threads (default 2)');
    console.log('  --seed     seed of every point (default 1234: the same network drawn at each point)');
    console.log('  --backend  js or cpp (default js)');
    console.log('  --rate     write the heat map of the mean rate to this SVG file');
    console.log('  --cv       write the heat map of the mean CV to this SVG file');
    process.exit(0);
  }
  const n = Number(a.grid);
  // Factors 0.5 … 1.25 of examples/coba.ts's weights (0.6 and 6.7): factor 1 is on the grid for 4 points per axis.
  const wExc = grid(0.5, 1.25, n).map((f) => 0.6 * f);
  const wInh = grid(0.5, 1.25, n).map((f) => 6.7 * f);
  // Row-major grid: row = w_inh, column = w_exc.
  const points = wInh.flatMap((wi) => wExc.map((we) => ({ wExc: we, wInh: wi })));
  const t0 = performance.now();
  const results = await parallelRun({
    module: import.meta.url, network: build, method: measure, number: points.length,
    seed: Number(a.seed), seeds: 'same', maxProcesses: Number(a.workers),
    args: { N: Number(a.N), T: Number(a.T), backend: a.backend as BackendName, wExc: points.map((p) => p.wExc), wInh: points.map((p) => p.wInh) },
  });
  const seconds = (performance.now() - t0) / 1000;
  results.forEach((r, i) => console.log(`w_exc ${points[i].wExc.toFixed(2)} w_inh ${points[i].wInh.toFixed(2)}: rate ${r.rate.toFixed(2)} Hz, CV ${r.cv.toFixed(2)}`));
  console.log(`${points.length} points on ${Math.min(Number(a.workers), points.length)} workers: ${seconds.toFixed(1)} s`);
  const heat = (values: number[], label: string) => weightMatrixSvg({ data: values, rows: n, cols: n }, {
    title: `COBA ${a.N} neurons: ${label} (w_exc ${wExc[0].toFixed(2)}…${wExc[n - 1].toFixed(2)}, w_inh ${wInh[0].toFixed(2)}…${wInh[n - 1].toFixed(2)})`,
    xLabel: 'w_exc index', yLabel: 'w_inh index', colorbarLabel: label,
  });
  if (a.rate) { writeFileSync(a.rate, heat(results.map((r) => r.rate), 'rate (Hz)')); console.log(`rate heat map written to ${a.rate}`); }
  if (a.cv) { writeFileSync(a.cv, heat(results.map((r) => r.cv), 'CV of ISIs')); console.log(`CV heat map written to ${a.cv}`); }
}
