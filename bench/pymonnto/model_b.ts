/**
 * Benchmark: PymoNNto's 2024 model B, "Izhikevich with trace STDP" (Vieth et al., Front.
 * Neuroinform. 18:1331220; dossier §4.2), written as neurarchy behaviours over typed arrays in the
 * paper's fast style: N = 10 000 neurons, dense all-to-all weights (10⁸) stored **pre-major
 * (src × dst, PymoNNto's SxD) as float32**, input by gathering the rows of the neurons that
 * spiked, STDP touching only the rows and columns of spiking neurons. 300 iterations, dt = 1 ms.
 *
 * Per iteration, in key order (the semantics of the equation version, bench/pymonnto/models.ts):
 *   1 Input: I = 15 + N(0, 1) + (1/N)·Σ_{pre spiking at t−1} W[pre, :]; then depression for those
 *     pre: W[pre, :] −= A−·x_post·W[pre, :] (x_post before this step's update), clipped to [0, 1];
 *   2 Izhikevich (a = 0.02, b = 0.04, c = −65, d = 2), explicit Euler: v, u and the trace
 *     x −= x/τ (τ = 20) from the old values; spike when v ≥ 30: v = c, u += d, x += 1;
 *   3 potentiation for the post that spiked: W[:, post] += A+·x_pre·(1 − W[:, post]), clipped;
 *   4 a spike counter.
 * v(0) ~ N(−65, 7), u(0) ~ N(12, 7), w ~ U(0, 1). The paper's figures for this model at N = 10⁴
 * (their AWS machine, simulate call only): PymoNNto 13.3 s, PymoNNtorch GPU 1.44 s, ANNarchy
 * OpenMP 31.9 s, Brian2 C++ 43.2 s.
 *
 * Run: npx tsx bench/pymonnto/model_b.ts [--N 10000] [--T 300] [--seed 1234]
 * Prints one line `RESULT {json}` (bench/README.md); run_cpu_s is the process CPU time of the
 * run (equal to run_s on an idle machine). Behaviours run in JavaScript: any `--backend` other
 * than js is refused.
 */
import { parseArgs, emit, COMMON } from '../lib/args.js';
import { Behavior, Network, NeuronGroup, SynapseGroup, afferent } from '../../src/behaviors/index.js';

const a = parseArgs({ N: 10000, T: 300, Ap: 0.01, Am: 0.012, ...COMMON });
if (a.backend !== 'js') {
  console.error(`pymonnto/model_b: behaviours run in JavaScript only (got --backend ${a.backend})`);
  process.exit(2);
}

/** Gathers the spiking rows into I, and depresses them (pre-spike half of the STDP). */
class Input extends Behavior {
  private noise = new Float64Array(0);
  private Am = 0.012;
  override initialize(n: NeuronGroup): void {
    this.Am = this.parameter('Am', 0.012);
    n.vars.I = new Float64Array(n.size);
    this.noise = new Float64Array(n.size);
    for (const s of n.synapses(afferent, 'GLU')) {
      const w = new Float32Array(s.src.size * s.dst.size); // src × dst: row `pre` is contiguous
      const rng = s.rng;
      for (let k = 0; k < w.length; k++) w[k] = rng.nextU32() / 4294967296; // U(0, 1)
      s.vars.w = w;
    }
  }

  override iteration(n: NeuronGroup): void {
    const I = n.vars.I as Float64Array, post = n.size, xPost = n.vars.x as Float64Array, Am = this.Am;
    n.fill(this.noise, 'normal(0, 1)');
    for (let i = 0; i < post; i++) I[i] = 15 + this.noise[i]!;
    for (const s of n.synapses(afferent, 'GLU')) {
      const w = s.vars.w as Float32Array;
      const list = s.src.vars.spiking as Int32Array, m = (s.src.vars.nSpiking as Int32Array)[0]!;
      const g = 1 / s.src.size;
      for (let k = 0; k < m; k++) {
        const row = list[k]! * post;
        for (let i = 0; i < post; i++) {
          const x = w[row + i]!;
          I[i]! += g * x;
          const y = x - Am * xPost[i]! * x;
          w[row + i] = y < 0 ? 0 : y > 1 ? 1 : y;
        }
      }
    }
  }
}

/** Izhikevich neurons with a spike trace; lists the spiking neurons. */
class Izhikevich extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.vars.v = n.vector('normal(-65, 7)');
    n.vars.u = n.vector('normal(12, 7)');
    n.vars.x = n.vector();
    n.vars.spiking = new Int32Array(n.size);
    n.vars.nSpiking = new Int32Array(1);
  }

  override iteration(n: NeuronGroup): void {
    const v = n.vars.v as Float64Array, u = n.vars.u as Float64Array, x = n.vars.x as Float64Array, I = n.vars.I as Float64Array;
    const list = n.vars.spiking as Int32Array;
    let m = 0;
    for (let i = 0; i < n.size; i++) {
      const V = v[i]!, U = u[i]!;
      let vn = V + (0.04 * V * V + 5 * V + 140 - U + I[i]!);
      let un = U + 0.02 * (0.04 * V - U);
      let xn = x[i]! - x[i]! / 20;
      if (vn >= 30) { vn = -65; un += 2; xn += 1; list[m++] = i; }
      v[i] = vn; u[i] = un; x[i] = xn;
    }
    (n.vars.nSpiking as Int32Array)[0] = m;
  }
}

/** Potentiation on the columns of the post neurons that spiked (row by row: contiguous reads). */
class Potentiation extends Behavior {
  private Ap = 0.01;
  override initialize(): void { this.Ap = this.parameter('Ap', 0.01); }
  override iteration(s: SynapseGroup): void {
    const w = s.vars.w as Float32Array, xPre = s.src.vars.x as Float64Array, cols = s.dst.size, Ap = this.Ap;
    const post = s.dst.vars.spiking as Int32Array, m = (s.dst.vars.nSpiking as Int32Array)[0]!;
    if (m === 0) return;
    for (let j = 0; j < s.src.size; j++) {
      const row = j * cols, k = Ap * xPre[j]!;
      if (k === 0) continue;
      for (let b = 0; b < m; b++) {
        const idx = row + post[b]!, y = w[idx]! + k * (1 - w[idx]!);
        w[idx] = y > 1 ? 1 : y;
      }
    }
  }
}

/** Counts spikes per iteration. */
class Counter extends Behavior {
  perIteration: number[] = [];
  override iteration(n: NeuronGroup): void { this.perIteration.push((n.vars.nSpiking as Int32Array)[0]!); }
}

const meanW = (x: Float32Array): number => { let s = 0; for (let k = 0; k < x.length; k++) s += x[k]!; return s / x.length; };
const tStart = performance.now();
const net = new Network({ seed: a.seed });
const counter = new Counter();
const neurons = new NeuronGroup({
  net, tag: 'neurons', size: a.N,
  behavior: { 1: new Input({ Am: a.Am }), 2: new Izhikevich(), 4: counter },
});
const syn = new SynapseGroup({ net, src: neurons, dst: neurons, tag: 'GLU', behavior: { 3: new Potentiation({ Ap: a.Ap }) } });
const setup = (performance.now() - tStart) / 1000;
let t0 = performance.now();
await net.initialize();
const build = (performance.now() - t0) / 1000;
const w = syn.vars.w as Float32Array;
const w0 = meanW(w);
const timer = process.env.PYMONNTO_TIMING ? net.timeBehaviors() : undefined;
t0 = performance.now();
const cpu0 = process.cpuUsage();
await net.simulateIterations(a.T);
const cpu = process.cpuUsage(cpu0);
const run = (performance.now() - t0) / 1000;
if (timer) console.error(timer.format());
const total = counter.perIteration.reduce((x, y) => x + y, 0);
const late = counter.perIteration.slice(Math.floor(a.T / 2));
const w1 = meanW(w);
emit({
  model: 'pymonnto/model_b', backend: 'js', style: 'behaviors', weights: 'float32 dense SxD', threads: 1,
  N: a.N, dt: 1, sim_ms: a.T, iterations: a.T, seed: a.seed,
  setup_s: setup, build_s: build, run_s: run, run_cpu_s: (cpu.user + cpu.system) / 1e6, n_syn: a.N * a.N,
  spikes: total, active_fraction: total / a.N / a.T, rate_hz: (total / a.N / a.T) * 1000,
  active_fraction_late: late.reduce((x, y) => x + y, 0) / late.length / a.N,
  mean_weight_start: w0, mean_weight_end: w1, mean_weight_change: w1 - w0, weights_mb: w.byteLength / 2 ** 20,
});
