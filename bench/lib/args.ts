/**
 * Shared plumbing of the benchmark scripts (`bench/<name>.ts`): a tiny `--key value` parser, the
 * timed compile + simulate, and the one-line JSON output (`RESULT {json}`) that `bench/run.ts` reads;
 * {@link runBenchmark} strings them together for the scripts of one network.
 */
import { expectedSynapses } from '../../src/connectors/procedural.js';
import type { BackendName, Network, Precision } from '../../src/index.js';
import { directDispatchTuning } from '../../src/backends/webgpu/kernel.js';

/**
 * `--key value` / `--key=value` options over `defaults`. A key the script does not take, or a number
 * that does not parse, is an error naming the option and the keys it takes (a mistyped `--scal 0.1`
 * must not run the full-size default for minutes).
 */
export function parseArgs<T extends Record<string, string | number>>(defaults: T): T {
  const out: Record<string, string | number> = { ...defaults };
  const argv = process.argv.slice(2);
  const keys = Object.keys(defaults);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const key = m[1];
    if (!keys.includes(key)) {
      const near = keys.find((k) => k.toLowerCase().startsWith(key.toLowerCase().slice(0, 3)));
      throw new Error(`unknown option --${key}${near ? ` (did you mean --${near}?)` : ''}; this script takes ${keys.map((k) => `--${k}`).join(', ')}`);
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`option --${key} needs a value`);
    if (typeof defaults[key] === 'number') {
      const x = Number(value);
      if (value.trim() === '' || !Number.isFinite(x)) throw new Error(`option --${key} takes a number, got '${value}'`);
      out[key] = x;
    } else out[key] = value;
  }
  return out as T;
}

/**
 * The options every benchmark script takes besides its own size parameters. `precision`:
 * 'float64' or 'float32' (`setup({ precision })`; as a runner spec: `rate:N=4000,precision=float32`).
 */
export const COMMON = { seed: 1234, backend: 'js', threads: 1, directory: '', precision: 'float64' };

/**
 * The options of {@link runBenchmark}'s scripts on webgpu. `direct`: the largest bound of a kernel
 * sized on the GPU that is dispatched directly (`src/backends/webgpu/kernel.ts` `directDispatchTuning`,
 * on any adapter); -1 keeps the adapter's default, 0 makes every such kernel indirect, so that one
 * GPU session can measure both (`--direct 0` against the default).
 */
export const WEBGPU_OPTIONS = { direct: -1 };

/** Applies {@link WEBGPU_OPTIONS} as parsed (before `compile()`). */
export function applyWebgpuOptions(a: typeof WEBGPU_OPTIONS): void {
  if (a.direct >= 0) directDispatchTuning.gpu = directDispatchTuning.cpu = a.direct;
}

export interface Timing { setup_s: number; build_s: number; run_s: number; adapter?: string; dispatches_per_step?: number; passes_per_step?: number; steps_per_submission?: number }

/**
 * Compiles `net` (for `cpp`, into `directory` when given: the runner passes a fresh folder so that
 * build_s is a cold build with g++) and simulates T ms. setup_s is measured from `tStart`.
 */
export async function compileAndRun(
  net: Network, a: { backend: string; threads: number; directory: string; precision?: string }, T: number, tStart: number,
): Promise<Timing> {
  if (a.precision !== undefined) net.config({ precision: a.precision as Precision });
  const setup = (performance.now() - tStart) / 1000;
  let t0 = performance.now();
  await net.compile({ backend: a.backend as BackendName, numThreads: Number(a.threads), directory: a.directory || undefined });
  const build = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await net.simulate(T);
  const run = (performance.now() - t0) / 1000;
  // The webgpu engine names its adapter (a software one, e.g. SwiftShader, says nothing about GPUs).
  return { setup_s: setup, build_s: build, run_s: run, ...webgpuInfo(net) };
}

/**
 * On webgpu: the adapter and the launches per step of the runs so far (dispatches, of which
 * `indirect_per_step` indirect — each validated by Dawn, 220 µs on an H200 —, passes, submissions ÷ steps).
 */
export function webgpuInfo(net: Network): { adapter?: string; dispatches_per_step?: number; indirect_per_step?: number; passes_per_step?: number; steps_per_submission?: number } {
  const info = (net.engine as { info?: { adapter?: unknown; launches?: { steps: number; submissions: number; passes: number; dispatches: number; indirect: number } } } | undefined)?.info;
  if (typeof info?.adapter !== 'string') return {};
  const l = info.launches;
  if (!l || l.steps === 0) return { adapter: info.adapter };
  return {
    adapter: info.adapter, dispatches_per_step: l.dispatches / l.steps, indirect_per_step: l.indirect / l.steps,
    passes_per_step: l.passes / l.steps, steps_per_submission: l.steps / Math.max(1, l.submissions),
  };
}

/**
 * Prints `RESULT {json}`. Adds `process_s` (seconds since the process started) and `max_rss_mb`
 * (the process's peak resident set, from `process.resourceUsage()`) unless the record has them.
 */
export function emit(record: Record<string, unknown>): void {
  const out: Record<string, unknown> = { simulator: 'neurarchy', ...record };
  out.process_s ??= process.uptime();
  out.max_rss_mb ??= process.resourceUsage().maxRSS / 1024;
  out.node ??= process.version;
  console.log(`RESULT ${JSON.stringify(out)}`);
}

/** The synapses of a projection: stored, or the expected number of a procedural one (counting its rows would take minutes at 10⁷ neurons). */
function synapseCount(p: Network['projections'][number]): number {
  const rule = p.connectivity?.procedural;
  return rule ? expectedSynapses(rule) : p.nbSynapses;
}

/**
 * The whole of a benchmark script over one network: parses `--key value` (`defaults` plus
 * {@link COMMON}), builds the network, compiles it and simulates `T` ms, then prints `RESULT` with
 * the timings, the number of synapses and the model's statistics.
 */
export async function runBenchmark<D extends { T: number } & Record<string, string | number>, B extends { net: Network; N: number; dt: number }>(
  model: string, defaults: D, build: (a: D & typeof COMMON) => B, stats: (b: B, T: number) => Record<string, unknown>,
): Promise<void> {
  const a = parseArgs({ ...defaults, ...COMMON, ...WEBGPU_OPTIONS });
  applyWebgpuOptions(a);
  const tStart = performance.now();
  const b = build(a);
  const timing = await compileAndRun(b.net, a, a.T, tStart);
  emit({
    model, backend: a.backend, threads: a.threads, precision: a.precision, N: b.N, dt: b.dt, sim_ms: a.T, seed: a.seed,
    ...timing, n_syn: b.net.projections.reduce((s, p) => s + synapseCount(p), 0),
    ...stats(b, a.T),
  });
}
