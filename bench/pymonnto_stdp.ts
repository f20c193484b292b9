/**
 * Benchmark: PymoNNto's 2024 "simple LIF with one-step STDP" (model A of Vieth et al., Front.
 * Neuroinform. 18:1331220; ../shared/reference/pymonnto.md §4.2), written as neurarchy behaviours
 * (`src/behaviors`) over typed arrays: N = 10 000 neurons, dense all-to-all recurrent weights
 * (N² = 10⁸ synapses), 300 iterations (dt = 1 ms).
 *
 * Per iteration, in key order:
 *   1 Input: I = Σ_{pre spiking at t−1} W[pre, :]  (gather of the spiking rows; the old spikes are kept
 *     as an index list for STDP);
 *   2 LIF: spike = v > 6; v[spike] = 0; v = 0.9·v + U(0, 1) + I;
 *   3 STDP: W[pre_{t−1}, post_t] += 0.001, clipped to [0, 1] (only the spiking pre × spiking post block);
 *   4 a spike counter (rates).
 * Weights w ~ U(0, 1)/N, v starts at 0. This is the "fast" PymoNNto variant of the paper: weights
 * stored **pre-major (src × dst, PymoNNto's SxD)**, indexed row sums, block STDP update, and
 * **float32 weights** (a 400 MB Float32Array; voltages and input are Float64Array). The paper's
 * figure for this setting: PymoNNto (NumPy) 0.53 s, PymoNNtorch GPU 0.28 s, ANNarchy OpenMP 2.79 s
 * (their AWS machine, simulate call only; see the dossier).
 *
 * build_s: creating the groups, `net.initialize()` (weights drawn from the synapse group's Philox
 * stream, one 32-bit word per weight). run_s: `net.simulateIterations(300)` only, as the paper.
 *
 * Run: npx tsx bench/pymonnto_stdp.ts [--N 10000] [--T 300] [--seed 1234]
 * Prints one line `RESULT {json}` (see bench/README.md). Behaviours run in JavaScript: any
 * `--backend` other than js is refused.
 */
import { parseArgs, emit, COMMON } from './lib/args.js';
import { Behavior, Network, NeuronGroup, SynapseGroup, afferent } from '../src/behaviors/index.js';

const a = parseArgs({ N: 10000, T: 300, threshold: 6, eta: 0.001, ...COMMON });
if (a.backend !== 'js') {
  console.error(`pymonnto_stdp: behaviours run in JavaScript only (got --backend ${a.backend})`);
  process.exit(2);
}

/** Spiking pre indices of the previous iteration, and the row sums of their weights. */
class Input extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.vars.I = new Float64Array(n.size);
    for (const s of n.synapses(afferent, 'GLU')) {
      const N = s.src.size;
      const w = new Float32Array(N * s.dst.size); // src × dst (SxD): row `pre` is contiguous
      const rng = s.rng;
      const scale = 1 / (4294967296 * N);
      for (let k = 0; k < w.length; k++) w[k] = rng.nextU32() * scale; // U(0, 1) / N
      s.vars.w = w;
      s.vars.preOld = new Int32Array(N);
      s.vars.nPreOld = new Int32Array(1);
    }
  }

  override iteration(n: NeuronGroup): void {
    const I = n.vars.I as Float64Array;
    I.fill(0);
    const post = n.size;
    for (const s of n.synapses(afferent, 'GLU')) {
      const w = s.vars.w as Float32Array;
      const spike = s.src.vars.spike as Uint8Array;
      const old = s.vars.preOld as Int32Array;
      let m = 0;
      for (let j = 0; j < spike.length; j++) if (spike[j] !== 0) old[m++] = j;
      (s.vars.nPreOld as Int32Array)[0] = m;
      // Row sums over the spiking pre, eight rows per pass over I (the gather is memory-bound:
      // 1.6× faster than four rows, 3× faster than one on the development machine).
      let k = 0;
      for (; k + 8 <= m; k += 8) {
        const r0 = old[k]! * post, r1 = old[k + 1]! * post, r2 = old[k + 2]! * post, r3 = old[k + 3]! * post;
        const r4 = old[k + 4]! * post, r5 = old[k + 5]! * post, r6 = old[k + 6]! * post, r7 = old[k + 7]! * post;
        for (let i = 0; i < post; i++) {
          I[i] += ((w[r0 + i]! + w[r1 + i]!) + (w[r2 + i]! + w[r3 + i]!)) + ((w[r4 + i]! + w[r5 + i]!) + (w[r6 + i]! + w[r7 + i]!));
        }
      }
      for (; k < m; k++) {
        const r0 = old[k]! * post;
        for (let i = 0; i < post; i++) I[i] += w[r0 + i]!;
      }
    }
  }
}

/** spike = v > threshold; reset; leak; noise; input. Also lists the spiking neurons. */
class LIF extends Behavior {
  private noise = new Float64Array(0);
  private threshold = 6;
  override initialize(n: NeuronGroup): void {
    this.threshold = this.parameter('threshold', 6);
    n.vars.v = n.vector('zeros');
    n.vars.spike = new Uint8Array(n.size);
    n.vars.spiking = new Int32Array(n.size);
    n.vars.nSpiking = new Int32Array(1);
    this.noise = new Float64Array(n.size);
  }

  override iteration(n: NeuronGroup): void {
    const v = n.vars.v as Float64Array;
    const spike = n.vars.spike as Uint8Array;
    const list = n.vars.spiking as Int32Array;
    const I = n.vars.I as Float64Array;
    const th = this.threshold;
    n.fill(this.noise, 'uniform');
    const noise = this.noise;
    let m = 0;
    for (let i = 0; i < v.length; i++) {
      let x = v[i]!;
      if (x > th) { spike[i] = 1; list[m++] = i; x = 0; } else spike[i] = 0;
      v[i] = 0.9 * x + noise[i]! + I[i]!;
    }
    (n.vars.nSpiking as Int32Array)[0] = m;
  }
}

/** One-step STDP on the spiking block: w[pre_{t−1}, post_t] += eta, clipped to [0, 1]. */
class STDP extends Behavior {
  private eta = 0.001;
  override initialize(): void { this.eta = this.parameter('eta', 0.001); }
  override iteration(s: SynapseGroup): void {
    const eta = this.eta;
    const w = s.vars.w as Float32Array;
    const pre = s.vars.preOld as Int32Array;
    const nPre = (s.vars.nPreOld as Int32Array)[0]!;
    const post = s.dst.vars.spiking as Int32Array;
    const nPost = (s.dst.vars.nSpiking as Int32Array)[0]!;
    const cols = s.dst.size;
    for (let a = 0; a < nPre; a++) {
      const row = pre[a]! * cols;
      for (let b = 0; b < nPost; b++) {
        const k = row + post[b]!;
        const x = w[k]! + eta;
        w[k] = x > 1 ? 1 : x < 0 ? 0 : x;
      }
    }
  }
}

/** Counts spikes per iteration. */
class Counter extends Behavior {
  total = 0;
  perIteration: number[] = [];
  override iteration(n: NeuronGroup): void {
    const m = (n.vars.nSpiking as Int32Array)[0]!;
    this.total += m;
    this.perIteration.push(m);
  }
}

const tStart = performance.now();
const net = new Network({ seed: a.seed });
const counter = new Counter();
const neurons = new NeuronGroup({
  net, tag: 'neurons', size: a.N,
  behavior: { 1: new Input(), 2: new LIF({ threshold: a.threshold }), 4: counter },
});
const syn = new SynapseGroup({ net, src: neurons, dst: neurons, tag: 'GLU', behavior: { 3: new STDP({ eta: a.eta }) } });
const setup = (performance.now() - tStart) / 1000;
let t0 = performance.now();
await net.initialize();
const build = (performance.now() - t0) / 1000;
const w = syn.vars.w as Float32Array;
const meanW = (x: Float32Array): number => { let s = 0; for (let k = 0; k < x.length; k++) s += x[k]!; return s / x.length; };
const meanWeightStart = meanW(w);
t0 = performance.now();
const cpu0 = process.cpuUsage(); // run_cpu_s: the run's CPU time (= run_s on an idle machine)
await net.simulateIterations(a.T);
const cpu = process.cpuUsage(cpu0);
const run = (performance.now() - t0) / 1000;
const meanWeightEnd = meanW(w);
const rate = counter.total / a.N / a.T; // spikes per neuron per iteration
const late = counter.perIteration.slice(Math.floor(a.T / 2));
emit({
  model: 'pymonnto_stdp', backend: 'js', style: 'behaviors', weights: 'float32 dense SxD', threads: 1,
  N: a.N, dt: 1, sim_ms: a.T, iterations: a.T, seed: a.seed,
  setup_s: setup, build_s: build, run_s: run, run_cpu_s: (cpu.user + cpu.system) / 1e6, n_syn: a.N * a.N,
  spikes: counter.total, active_fraction: rate, rate_hz: rate * 1000,
  active_fraction_late: late.reduce((x, y) => x + y, 0) / late.length / a.N,
  mean_weight_start: meanWeightStart, mean_weight_end: meanWeightEnd, mean_weight_change: meanWeightEnd - meanWeightStart,
  weights_mb: w.byteLength / 2 ** 20,
});
