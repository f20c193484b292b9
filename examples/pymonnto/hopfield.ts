/**
 * PymoNNto's classical Hopfield example (Examples_Classical): 28 × 28 binary units (±1) fully
 * connected; Hebbian outer-product learning and recall alternate every 100 steps, and the energy
 * E = −½ sᵀ W s is tracked. PymoNNto's file embeds two MNIST digits; we draw two digit-like
 * patterns (a "0" ring and a "1" bar) instead. Phases of 100 steps:
 *   1–100 learn the "0": s is clamped to it, W += η (s sᵀ − I) with η = 1/(100 N);
 *   101–200 recall from the "0" with 20 % of the units flipped: s = sign(W s) every step;
 *   201–300 learn the "1";  301–400 recall from a 20 %-flipped "1"; 401–500 recall the "0" again.
 * Keys: 1 the phase (clamp or cue), 2 Hebbian learning (synapse group), 3 the recall update,
 * 4 the energy, 9 recorder of the energy and of the overlaps with both patterns.
 *
 * Run: npx tsx examples/pymonnto/hopfield.ts [--iterations 500] [--flip 0.2] [--seed 1]
 * Expected output: overlap after recall: "0" 1.000, "1" 1.000, "0" again 1.000; energy at the end -481.2
 * (the cues, 20 % flipped, overlap 0.6 with their pattern; the stored pattern is the minimum
 * −½ (N − 1) − ½ ((p₀·p₁)² / N − 1) of the energy).
 */
import { parseArgs } from 'node:util';
import { Behavior, Network, NeuronGroup, Recorder, SynapseGroup, type DenseMatrix } from 'neurarchy/behaviors';

const SIDE = 28, N = SIDE * SIDE;

/** A ring ("0") or a vertical bar ("1") of +1 on −1. */
export function digit(which: 0 | 1): Float64Array {
  const p = new Float64Array(N).fill(-1);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const dx = (x - 13.5) / 7, dy = (y - 13.5) / 10, r = Math.hypot(dx, dy);
      const on = which === 0 ? r > 0.75 && r < 1.15 : Math.abs(x - 14) <= 2 && y >= 4 && y < 24;
      if (on) p[y * SIDE + x] = 1;
    }
  }
  return p;
}

/** Sets the phase: clamps s to the pattern to learn, or gives the flipped cue at a recall start. */
class Phases extends Behavior {
  private patterns: Float64Array[] = [];
  private flip = 0.2;
  override initialize(n: NeuronGroup): void {
    this.flip = this.parameter('flip', 0.2);
    this.patterns = [digit(0), digit(1)];
    n.s = n.vector(1);
    n.learning = Uint8Array.of(0);
    n.overlap0 = Float64Array.of(0);
    n.overlap1 = Float64Array.of(0);
  }
  override iteration(n: NeuronGroup): void {
    const phase = Math.floor((n.iteration - 1) / 100);
    const pattern = this.patterns[[0, 0, 1, 1, 0][phase % 5]!]!;
    const learning = phase === 0 || phase === 2;
    n.learning![0] = learning ? 1 : 0;
    if (learning) n.s!.set(pattern);
    else if ((n.iteration - 1) % 100 === 0) {
      const flips = n.vector('uniform');
      for (let i = 0; i < N; i++) n.s![i] = flips[i]! < this.flip ? -pattern[i]! : pattern[i]!;
    }
  }
}

/** W += η (s sᵀ − I) while learning. */
class Hebbian extends Behavior {
  override initialize(syn: SynapseGroup): void { syn.W = syn.matrix(); }
  override iteration(syn: SynapseGroup): void {
    if (!syn.dst.learning![0]) return;
    const W = syn.W as DenseMatrix, s = syn.dst.s!, eta = 1 / (100 * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) W.data[i * N + j]! += eta * s[i]! * s[j]!;
  }
}

/** s = sign(W s) while recalling (synchronous update). */
class Recall extends Behavior {
  override iteration(n: NeuronGroup): void {
    if (n.learning![0]) return;
    const syn = n.synapses('afferent', 'recurrent')[0]!;
    const h = syn.W.dot(n.s!);
    for (let i = 0; i < N; i++) n.s![i] = h[i]! >= 0 ? 1 : -1;
  }
}

/** E = −½ sᵀ W s and the overlaps m = s·p / N with both patterns. */
class Energy extends Behavior {
  private p0 = digit(0);
  private p1 = digit(1);
  override initialize(n: NeuronGroup): void { n.energy = Float64Array.of(0); }
  override iteration(n: NeuronGroup): void {
    const s = n.s!, syn = n.synapses('afferent', 'recurrent')[0]!;
    const h = syn.W.dot(s);
    let e = 0, m0 = 0, m1 = 0;
    for (let i = 0; i < N; i++) { e += s[i]! * h[i]!; m0 += s[i]! * this.p0[i]!; m1 += s[i]! * this.p1[i]!; }
    n.energy![0] = -0.5 * e;
    n.overlap0![0] = m0 / N;
    n.overlap1![0] = m1 / N;
  }
}

/** Runs the phases; returns the overlaps at the end of each recall and the energy trace. */
export async function run(opts: { iterations?: number; flip?: number; seed?: number } = {}): Promise<{ recall: number[]; energy: Float64Array }> {
  const iterations = opts.iterations ?? 500;
  const net = new Network({ seed: opts.seed ?? 1 });
  const units = new NeuronGroup({ net, tag: 'units', geometry: [SIDE, SIDE], behavior: {
    1: new Phases({ flip: opts.flip ?? 0.2 }), 3: new Recall(), 4: new Energy(), 9: new Recorder(['energy', 'overlap0', 'overlap1'], { tag: 'rec' }) } });
  new SynapseGroup({ net, src: units, dst: units, tag: 'recurrent', behavior: { 2: new Hebbian() } });
  await net.initialize();
  await net.simulateIterations(iterations);
  const m0 = net.getRecorded('overlap0', 0).data, m1 = net.getRecorded('overlap1', 0).data;
  const recall = [[199, m0], [399, m1], [499, m0]].filter(([k]) => (k as number) < iterations).map(([k, m]) => (m as Float64Array)[k as number]!);
  return { recall, energy: net.getRecorded('energy', 0).data };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '500' }, flip: { type: 'string', default: '0.2' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/hopfield.ts [--iterations 500] [--flip 0.2] [--seed 1]   (phases of 100 iterations: learn 0, recall 0, learn 1, recall 1, recall 0)');
  else {
    const r = await run({ iterations: Number(a.iterations), flip: Number(a.flip), seed: Number(a.seed) });
    const names = ['"0"', '"1"', '"0" again'];
    console.log(`overlap after recall: ${r.recall.map((m, k) => `${names[k]} ${m.toFixed(3)}`).join(', ')}; energy at the end ${r.energy.at(-1)!.toFixed(1)}`);
  }
}
