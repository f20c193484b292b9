/**
 * Benchmark: the cortical microcircuit of Potjans & Diesmann (2014), 77 169 LIF neurons with
 * exponential PSCs and ≈0.3·10⁹ synapses at scale 1, dt = 0.1 ms (model and every deviation from
 * NEST's reference implementation: bench/lib/microcircuit.ts).
 *
 * Run: npx tsx bench/microcircuit.ts [--scale 1] [--kScale 1] [--T 1000] [--presim 500]
 *        [--background poisson|dc] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR] [--direct N]
 *
 * The network first runs `presim` ms (the initial transient, not timed in run_s, as the PD14
 * benchmark recipe discards it), then the spike monitor starts and `T` ms are timed. Prints one
 * line `RESULT {json}` (bench/README.md) with the usual fields plus: rate_<population> (Hz, over
 * T), `rtf` = run_s / (T/1000) (PD14's real-time factor: simulation loop only), `presim_s`,
 * `connect_s` (drawing and connecting the synapses, part of setup_s), and the synapse memory
 * (`syn_bytes`: bytes of the arrays the projections hold after compile; `syn_floor_bytes`: 16 B per
 * synapse, an int32 index, a float64 weight and an int32 delay, 12 B with `--precision float32`;
 * see `synapseMemory`).
 */
import { COMMON, WEBGPU_OPTIONS, applyWebgpuOptions, emit, parseArgs, webgpuInfo } from './lib/args.js';
import { buildMicrocircuit, populationRates, synapseMemory } from './lib/microcircuit.js';
import type { BackendName, Precision } from '../src/index.js';

const a = parseArgs({ scale: 1, kScale: 1, T: 1000, presim: 500, background: 'poisson', ...COMMON, ...WEBGPU_OPTIONS });
applyWebgpuOptions(a);
if (a.background !== 'poisson' && a.background !== 'dc') throw new Error(`--background must be poisson or dc, got ${a.background}`);
const tStart = performance.now();
const b = await buildMicrocircuit({ scale: a.scale, kScale: a.kScale, seed: a.seed, background: a.background, dt: 0.1, backend: a.backend as BackendName });
const setup = (performance.now() - tStart) / 1000;
let t0 = performance.now();
b.net.config({ precision: a.precision as Precision });
await b.net.compile({ backend: a.backend as BackendName, numThreads: Number(a.threads), directory: a.directory || undefined });
const build = (performance.now() - t0) / 1000;
t0 = performance.now();
if (a.presim > 0) await b.net.simulate(a.presim);
const presim = (performance.now() - t0) / 1000;
b.monitor?.start();
t0 = performance.now();
await b.net.simulate(a.T);
const run = (performance.now() - t0) / 1000;
const mem = synapseMemory(b, a.precision as 'float64' | 'float32');
emit({
  model: 'microcircuit', backend: a.backend, threads: a.threads, precision: a.precision, N: b.N, dt: b.dt, sim_ms: a.T, seed: a.seed,
  scale: a.scale, kScale: a.kScale, background: a.background, presim_ms: a.presim,
  setup_s: setup, connect_s: b.connect_s, build_s: build, presim_s: presim, run_s: run, rtf: run / (a.T / 1000),
  n_projections: b.projections.length, ...mem, ...webgpuInfo(b.net),
  ...populationRates(b, a.T),
});
