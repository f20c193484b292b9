/**
 * A SORN (self-organising recurrent network, Lazar, Pipa & Triesch 2009), the model PymoNNto grew
 * out of ("SORNSim"; dossier §3.3), written as behaviours: binary threshold units, N_E = 200
 * excitatory and N_I = 40 inhibitory, in discrete time,
 *   x(t+1) = Θ(W_EE x(t) − W_EI y(t) + u(t) − T_E),   y(t+1) = Θ(W_IE x(t) − T_I),
 * with three plasticity mechanisms on the excitatory units:
 *   STDP   ΔW_EE_ij = η_stdp (x_i(t+1) x_j(t) − x_i(t) x_j(t+1)) on existing synapses (η = 0.001),
 *   SN     synaptic normalisation: every row of W_EE sums to 1,
 *   IP     intrinsic plasticity: T_E += η_ip (x − h_ip), η_ip = 0.001, target rate h_ip = 0.1;
 * and a grammar input: sentences drawn at random from "dog barks. ", "cat meows. ",
 * "mouse squeaks. ", one letter per step, each letter switching on its own 10 excitatory units
 * (u = 0.5). W_EE: about 10 afferent synapses per unit, W_EI and W_IE 20 % dense, all rows normalised
 * to 1; T_E ~ U(0, 0.5), T_I ~ U(0, 1) (SORN_simple's init_TH).
 *
 * Keys: 1 input, 2 excitatory update, 3 inhibitory update, 4 STDP, 5 SN, 6 IP, 9 recorders.
 * The network learns with plasticity on for `--train` steps; then plasticity is switched off by
 * tag, the states of `--test` steps are recorded, and a linear readout (ridge regression) is
 * trained on the first half to predict the next letter from x(t), and scored on the second half.
 * The same readout from the current letter alone (first order) is the baseline: the SORN's
 * recurrent state remembers which word is running, so it predicts the letter after a space.
 * Prints the mean excitatory rate (IP pulls it to h_ip), the row sums of W_EE (SN) and the two
 * prediction accuracies.
 *
 * Run: npx tsx examples/pymonnto/sorn.ts [--NE 200] [--train 10000] [--test 4000] [--seed 1]
 * Expected output: excitatory rate 0.108 (target 0.1; the input units are forced on); W_EE row sums
 * 1.000; next-letter prediction: SORN state 0.948, current letter only 0.644.
 */
import { parseArgs } from 'node:util';
import {
  Behavior, DenseMatrix, Network, NeuronGroup, Recorder, SynapseGroup, afferent, type SparseMatrix,
} from 'neurarchy/behaviors';

const SENTENCES = ['dog barks. ', 'cat meows. ', 'mouse squeaks. '];
const ALPHABET = [...new Set(SENTENCES.join(''))].sort();

/** One letter per step; its units get u = strength. */
class GrammarInput extends Behavior {
  private text = '';
  private pos = 0;
  private perLetter = 10;
  private strength = 0.5;
  override initialize(n: NeuronGroup): void {
    this.perLetter = this.parameter('units_per_letter', 10);
    this.strength = this.parameter('strength', 0.5);
    n.u = n.vector();
    n.letter = Float64Array.of(0);
  }
  override iteration(n: NeuronGroup): void {
    if (this.pos >= this.text.length) { this.text = SENTENCES[n.rng.integer(SENTENCES.length)]!; this.pos = 0; }
    const k = ALPHABET.indexOf(this.text[this.pos++]!);
    n.letter![0] = k;
    n.u!.fill(0);
    n.u!.fill(this.strength, k * this.perLetter, (k + 1) * this.perLetter);
  }
}

/** Row-normalised weights for every afferent synapse group (density by tag). */
function initWeights(n: NeuronGroup, densities: Record<string, number>): void {
  for (const s of n.synapses(afferent)) {
    const tag = Object.keys(densities).find((t) => s.hasTag(t));
    if (!tag) continue;
    const W = s.matrix('uniform', { density: densities[tag] });
    s.enabled = new DenseMatrix(W.rows, W.cols, Uint8Array.from(W.data, (w) => (w > 0 ? 1 : 0)));
    normalizeRows(W);
    s.W = W;
  }
}

function normalizeRows(W: DenseMatrix): void {
  for (let i = 0; i < W.rows; i++) {
    const row = W.data.subarray(i * W.cols, (i + 1) * W.cols);
    const sum = row.reduce((a, b) => a + b, 0);
    if (sum > 0) for (let j = 0; j < row.length; j++) row[j]! /= sum;
  }
}

/** x(t+1) = Θ(W_EE x − W_EI y + u − T_E); keeps x(t) as x_old. */
class ExcitatoryUpdate extends Behavior {
  override initialize(n: NeuronGroup): void {
    initWeights(n, { EE: this.parameter('density_EE', 0.05), EI: this.parameter('density_EI', 0.2) });
    n.T = n.vector(`uniform(0, ${this.parameter('T_max', 0.5)})`);
    n.x = new Uint8Array(n.size);
    n.x_old = new Uint8Array(n.size);
    n.h = n.vector();
  }
  override iteration(n: NeuronGroup): void {
    const h = n.h!, x = n.x!, T = n.T!, u = n.u!;
    h.set(u);
    const [ee] = n.synapses(afferent, 'EE'), [ei] = n.synapses(afferent, 'EI');
    ee!.propagate(x, { into: h });
    ei!.propagate(ei!.src.y, { into: h, gain: -1 });
    n.x_old!.set(x);
    for (let i = 0; i < n.size; i++) x[i] = h[i]! > T[i]! ? 1 : 0;
  }
}

/** y(t+1) = Θ(W_IE x(t) − T_I), from the excitatory state before this step's update. */
class InhibitoryUpdate extends Behavior {
  override initialize(n: NeuronGroup): void {
    initWeights(n, { IE: this.parameter('density_IE', 0.2) });
    n.T = n.vector(`uniform(0, ${this.parameter('T_max', 1)})`);
    n.y = new Uint8Array(n.size);
  }
  override iteration(n: NeuronGroup): void {
    const [ie] = n.synapses(afferent, 'IE');
    const h = ie!.propagate(ie!.src.x_old), y = n.y!, T = n.T!;
    for (let i = 0; i < n.size; i++) y[i] = h[i]! > T[i]! ? 1 : 0;
  }
}

/** ΔW_ij = η (x_i(t+1) x_j(t) − x_i(t) x_j(t+1)) on the existing synapses, W ≥ 0. */
class STDP extends Behavior {
  private eta = 0.001;
  private pairs: Int32Array = new Int32Array(0);
  override initialize(s: SynapseGroup): void {
    this.eta = this.parameter('eta_stdp', 0.001);
    const mask = (s.enabled as DenseMatrix<Uint8Array>).data;
    this.pairs = Int32Array.from(Array.from(mask).flatMap((m, k) => (m ? [k] : [])));
  }
  override iteration(s: SynapseGroup): void {
    const W = s.W as DenseMatrix, x = s.dst.x!, old = s.dst.x_old!, cols = W.cols;
    for (const k of this.pairs) {
      const i = (k / cols) | 0, j = k - i * cols;
      const dw = this.eta * (x[i]! * old[j]! - old[i]! * x[j]!);
      if (dw !== 0) W.data[k] = Math.max(0, W.data[k]! + dw);
    }
  }
}

/** Synaptic normalisation: rows of W sum to 1. */
class SN extends Behavior {
  override iteration(s: SynapseGroup): void { normalizeRows(s.W as DenseMatrix); }
}

/** Intrinsic plasticity: T += η_ip (x − h_ip). */
class IP extends Behavior {
  private eta = 0.001;
  private target = 0.1;
  override initialize(): void {
    this.eta = this.parameter('eta_ip', 0.001);
    this.target = this.parameter('h_ip', 0.1);
  }
  override iteration(n: NeuronGroup): void {
    const T = n.T!, x = n.x!;
    for (let i = 0; i < n.size; i++) T[i]! += this.eta * (x[i]! - this.target);
  }
}

/** Ridge regression accuracy: fit on rows [0, half), score on [half, n) (labels: class per row). */
export function readoutAccuracy(features: Float64Array[], labels: Int32Array, classes: number, lambda = 1e-3): number {
  const d = features[0]!.length + 1, half = features.length >> 1;
  const A = new Float64Array(d * d), B = new Float64Array(d * classes);
  const row = (k: number): Float64Array => { const r = new Float64Array(d); r.set(features[k]!); r[d - 1] = 1; return r; };
  for (let k = 0; k < half; k++) {
    const r = row(k);
    for (let a = 0; a < d; a++) {
      if (r[a] === 0) continue;
      for (let b = 0; b < d; b++) A[a * d + b]! += r[a]! * r[b]!;
      B[a * classes + labels[k]!]! += r[a]!;
    }
  }
  for (let a = 0; a < d; a++) A[a * d + a]! += lambda * half;
  // Cholesky A = L Lᵀ, then solve for every class column.
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = i === j ? Math.sqrt(s) : s / L[j * d + j]!;
    }
  }
  const Wout = new Float64Array(d * classes);
  for (let c = 0; c < classes; c++) {
    const z = new Float64Array(d);
    for (let i = 0; i < d; i++) { let s = B[i * classes + c]!; for (let k = 0; k < i; k++) s -= L[i * d + k]! * z[k]!; z[i] = s / L[i * d + i]!; }
    for (let i = d - 1; i >= 0; i--) { let s = z[i]!; for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * Wout[k * classes + c]!; Wout[i * classes + c] = s / L[i * d + i]!; }
  }
  let right = 0;
  for (let k = half; k < features.length; k++) {
    const r = row(k);
    let best = 0, bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += r[a]! * Wout[a * classes + c]!;
      if (s > bestScore) { bestScore = s; best = c; }
    }
    if (best === labels[k]) right++;
  }
  return right / (features.length - half);
}

/** Builds, trains and tests the SORN; returns the statistics printed. */
export async function run(opts: { NE?: number; train?: number; test?: number; seed?: number } = {}): Promise<{ rate: number; rowSums: [number, number]; sorn: number; baseline: number }> {
  const NE = opts.NE ?? 200, NI = Math.round(NE / 5), train = opts.train ?? 10000, test = opts.test ?? 4000;
  if (NE < ALPHABET.length * 10) throw new Error(`sorn: NE must be at least ${ALPHABET.length * 10} (10 input units per letter)`);
  const net = new Network({ seed: opts.seed ?? 1 });
  const exc = new NeuronGroup({ net, tag: 'exc', size: NE, behavior: {
    1: new GrammarInput(), 2: new ExcitatoryUpdate({ density_EE: 10 / NE }), 6: new IP({ tag: 'plasticity', h_ip: 0.1 }),
    9: new Recorder(['x', 'letter'], { tag: 'states' }) } });
  const inh = new NeuronGroup({ net, tag: 'inh', size: NI, behavior: { 3: new InhibitoryUpdate() } });
  const ee = new SynapseGroup({ net, src: exc, dst: exc, tag: 'EE', behavior: { 4: new STDP({ tag: 'plasticity' }), 5: new SN({ tag: 'plasticity' }) } });
  new SynapseGroup({ net, src: inh, dst: exc, tag: 'EI' });
  new SynapseGroup({ net, src: exc, dst: inh, tag: 'IE' });
  await net.initialize();
  await net.simulateIterations(train, { disableRecording: true });
  net.deactivateBehaviors('plasticity');
  await net.simulateIterations(test);

  const X = net.getRecorded('x', 0), letters = net.getRecorded('letter', 0).data;
  const states = Array.from({ length: test - 1 }, (_, k) => Float64Array.from(X.data.subarray(k * NE, (k + 1) * NE)));
  const next = Int32Array.from({ length: test - 1 }, (_, k) => letters[k + 1]!);
  const current = Array.from({ length: test - 1 }, (_, k) => { const v = new Float64Array(ALPHABET.length); v[letters[k]!] = 1; return v; });
  const rate = X.data.reduce((a, b) => a + b, 0) / X.data.length;
  const W = ee.W as DenseMatrix | SparseMatrix;
  const dense = W.toDense();
  const sums = Array.from({ length: dense.rows }, (_, i) => dense.data.subarray(i * dense.cols, (i + 1) * dense.cols).reduce((a, b) => a + b, 0)).filter((s) => s > 0);
  return {
    rate, rowSums: [Math.min(...sums), Math.max(...sums)],
    sorn: readoutAccuracy(states, next, ALPHABET.length), baseline: readoutAccuracy(current, next, ALPHABET.length),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    NE: { type: 'string', default: '200' }, train: { type: 'string', default: '10000' }, test: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/sorn.ts [--NE 200] [--train 10000] [--test 4000] [--seed 1]   (NI = NE/5)');
  else {
    const r = await run({ NE: Number(a.NE), train: Number(a.train), test: Number(a.test), seed: Number(a.seed) });
    const sums = r.rowSums[0].toFixed(3) === r.rowSums[1].toFixed(3) ? r.rowSums[0].toFixed(3) : `${r.rowSums[0].toFixed(3)}–${r.rowSums[1].toFixed(3)}`;
    console.log(`excitatory rate ${r.rate.toFixed(3)} (target 0.1); W_EE row sums ${sums}; next-letter prediction: SORN state ${r.sorn.toFixed(3)}, current letter only ${r.baseline.toFixed(3)}`);
  }
}
