/**
 * Benchmark: the shared-weight transmission kernels (issue 17) on a 256×256 map — a 3×3
 * Convolution (256×256 → 256×256, zero padding) and a 2×2 max Pooling (256×256 → 128×128) — against
 * the memory-bandwidth floor of the arrays each kernel touches per step.
 *
 * The kernel's time per step is the time of a network with the projection minus the same network
 * without it (the populations' own updates), best of `--reps` runs of `--steps` steps each.
 * Floors: bytes per step / `--gbs` (the C triad bandwidth of bench/bandwidth.ts; 24 GB/s here):
 * - "touched": every array the kernel reads or writes: pre `r` (8 B × pre), the window table
 *   `_sh_pre` (4 B × post × window), `_sh_wofs` (4 B × post), the sum (read and written, 16 B × post);
 * - "data only": pre `r` and the sum, what a kernel computing its indices would touch.
 *
 * Run: npx tsx bench/convolution.ts [--backend cpp] [--size 256] [--steps 200] [--reps 5] [--threads 1] [--gbs 24] [--directory DIR]
 * Prints one line `RESULT {json}` per kernel.
 */
import os from 'node:os';
import { Network, Neuron, type BackendName, type CompileOptions } from '../src/index.js';
import { Convolution, Pooling } from '../src/extensions/convolution/index.js';
import { parseArgs } from './lib/args.js';

const a = parseArgs({ backend: 'cpp', size: 256, steps: 200, reps: 5, threads: 1, gbs: 24, directory: '' });
const compile: CompileOptions = { backend: a.backend as BackendName, ...(a.backend === 'cpp' ? { numThreads: a.threads, ...(a.directory ? { directory: a.directory } : {}) } : {}) };

type Kind = 'convolution' | 'pooling' | 'none-conv' | 'none-pool';

/** Seconds per step of the network (best of the repetitions). */
async function perStep(kind: Kind): Promise<number> {
  const n = a.size;
  const net = new Network({ dt: 1 });
  const input = net.create([n, n], new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' }));
  const pool = kind === 'pooling' || kind === 'none-pool';
  const out = net.create(pool ? [n / 2, n / 2] : [n, n], new Neuron({ equations: kind.startsWith('none') ? 'r = 0' : 'r = sum(exc)' }));
  if (kind === 'convolution') net.connect(new Convolution(input, out, 'exc')).connectFilter([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
  if (kind === 'pooling') net.connect(new Pooling(input, out, 'exc', { operation: 'max' })).pooling();
  await net.compile(compile);
  input.baseline = Array.from({ length: n * n }, (_, k) => Math.sin(k));
  await net.simulate(10);
  let best = Infinity;
  for (let r = 0; r < a.reps; r++) {
    const t = performance.now();
    await net.simulate(a.steps);
    best = Math.min(best, (performance.now() - t) / 1000 / a.steps);
  }
  net.dispose();
  return best;
}

for (const kind of ['convolution', 'pooling'] as const) {
  const n = a.size;
  const post = kind === 'pooling' ? (n / 2) ** 2 : n * n;
  const window = kind === 'pooling' ? 4 : 9;
  const withKernel = await perStep(kind);
  const without = await perStep(kind === 'pooling' ? 'none-pool' : 'none-conv');
  const kernel = Math.max(withKernel - without, 0);
  const data = 8 * n * n + 16 * post;
  const touched = data + 4 * post * window + 4 * post;
  const floor = (bytes: number) => bytes / (a.gbs * 1e9);
  console.log(`RESULT ${JSON.stringify({
    kind, backend: a.backend, threads: a.threads, size: n, steps: a.steps, reps: a.reps,
    step_with_ms: +(withKernel * 1e3).toFixed(4), step_without_ms: +(without * 1e3).toFixed(4), kernel_ms: +(kernel * 1e3).toFixed(4),
    bytes_touched: touched, floor_touched_ms: +(floor(touched) * 1e3).toFixed(4), ratio_touched: +(kernel / floor(touched)).toFixed(2),
    bytes_data: data, floor_data_ms: +(floor(data) * 1e3).toFixed(4), ratio_data: +(kernel / floor(data)).toFixed(2),
    gbs: a.gbs, load_avg: os.loadavg().map((v) => +v.toFixed(2)),
  })}`);
}
