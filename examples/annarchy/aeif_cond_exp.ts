/**
 * AEIF_cond_exp, ANNarchy's PyNN example (after Brian's Brette & Gerstner 2005 example): one
 * adaptive exponential integrate-and-fire neuron (built-in `EIF_cond_exp_isfa_ista`), 20 ms at rest,
 * then a 1 nA current step for 100 ms, then 20 ms at rest, dt = 0.1 ms. With the paper's regular
 * spiking parameters (tau_w = 144 ms, a = 4 nS, b = 0.0805 nA, v_reset = −70.6 mV) the
 * inter-spike intervals lengthen as the adaptation current w builds up; `--pattern bursting` and
 * `--pattern fast` select ANNarchy's two other parameter sets.
 *
 * Run: npm run build && npx tsx examples/annarchy/aeif_cond_exp.ts   (--help lists the flags)
 * Expected output: spikes: 5 at 31.8, 45.6, 61.6, 80.4, 102.5 ms, w at the end 0.269 nA; ANNarchy's
 * plotted trace (notebook PyNN, 4.8): 5 spikes near 32, 46, 62, 80 and 102 ms, w ending near 0.27.
 */
import { Network, EIF_cond_exp_isfa_ista, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** ANNarchy's three parameter sets (the last two commented out in its script). */
export const PATTERNS = {
  regular: { tau_w: 144.0, a: 4.0, b: 0.0805, v_reset: -70.6 },
  bursting: { tau_w: 20.0, a: 4.0, b: 0.5, v_reset: -50.4 + 5.0 },
  fast: { tau_w: 144.0, a: 2000.0 * 0.281 / 144.0, b: 0.0, v_reset: -70.6 },
} as const;
export type Pattern = keyof typeof PATTERNS;

export interface AeifOptions {
  /** Parameter set (default 'regular'). */
  pattern?: Pattern;
  backend?: BackendName;
}

export interface AeifStats {
  /** Spike times (ms). */
  spikeTimes: number[];
  /** v and w after each step. */
  v: Float64Array;
  w: Float64Array;
}

/** Builds the neuron, applies the current step and returns its spikes and traces. */
export async function run(options: AeifOptions = {}): Promise<AeifStats> {
  const { pattern = 'regular', backend = 'js' } = options;
  const net = new Network({ dt: 0.1 });
  const pop = net.create(1, EIF_cond_exp_isfa_ista);
  pop.set(PATTERNS[pattern]);
  const m = net.monitor(pop, ['spike', 'v', 'w']);
  await net.compile({ backend });
  await net.simulate(20.0);
  pop.i_offset = 1.0;
  await net.simulate(100.0);
  pop.i_offset = 0.0;
  await net.simulate(20.0);
  return {
    spikeTimes: (m.get('spike', { keep: true })[0] ?? []).map((step) => step * 0.1),
    v: Float64Array.from(m.get('v', { keep: true }), (row) => row[0]),
    w: Float64Array.from(m.get('w'), (row) => row[0]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      pattern: { type: 'string', default: 'regular' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help || !(a.pattern in PATTERNS)) {
    console.log('usage: npx tsx examples/annarchy/aeif_cond_exp.ts [--pattern regular] [--backend js] [--svg FILE]');
    console.log('  --pattern  regular, bursting or fast (default regular)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write v and w to this SVG file');
  } else {
    const s = await run({ pattern: a.pattern as Pattern, backend: a.backend as BackendName });
    console.log(`AEIF_cond_exp (${a.pattern}), current step of 1 nA from 20 to 120 ms`);
    console.log(`spikes: ${s.spikeTimes.length} at ${s.spikeTimes.map((t) => t.toFixed(1)).join(', ')} ms, w at the end ${s.w[s.w.length - 1].toFixed(3)} nA`);
    if (a.svg) {
      const t = Float64Array.from(s.v, (_, k) => 0.1 * (k + 1));
      writeFileSync(a.svg, tracesSvg({ t, values: s.v }, { yLabel: 'v (mV)', title: `Adaptive exponential integrate-and-fire (${a.pattern})` }));
      console.log(`trace written to ${a.svg}`);
    }
  }
}
