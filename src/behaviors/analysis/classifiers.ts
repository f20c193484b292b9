/**
 * PymoNNto's built-in analysis modules (dossier §2.14), tagged `'classifier'`: each returns one
 * class label per neuron (`Int32Array`, classes numbered 0, 1, … in order of their first neuron).
 *
 * - `StaticClassification({ classes })`: labels given by hand (e.g. excitatory/inhibitory).
 * - `WeightClassifierPre({ tag, threshold })`: neurons grouped by their afferent weights (a row of
 *   `W` per neuron of the dst group, over every afferent synapse group tagged `tag`);
 *   `WeightClassifierPost`: by their efferent weights (a column per neuron of the src group).
 *   Average-linkage agglomerative clustering on the distance 1 − Pearson correlation, merging
 *   while the closest pair is nearer than `threshold` (default 0.5). PymoNNto uses pandas and
 *   scipy for this; here it is a plain O(n³) loop, meant for groups of up to a few hundred neurons.
 */
import { NeurarchyError } from '../../errors.js';
import type { BehaviorHost } from '../host.js';
import { afferent, efferent, NeuronGroup } from '../NeuronGroup.js';
import { AnalysisModule } from './AnalysisModule.js';

function requireGroup(host: BehaviorHost, who: string): NeuronGroup {
  if (!(host instanceof NeuronGroup)) throw new NeurarchyError(`${who}: attach it to a NeuronGroup (got '${host.tag}')`);
  return host;
}

/** Numbers labels 0, 1, … in order of first appearance. */
function renumber(labels: ArrayLike<number>): Int32Array {
  const map = new Map<number, number>();
  return Int32Array.from(labels, (x) => {
    if (!map.has(x)) map.set(x, map.size);
    return map.get(x)!;
  });
}

/** Class labels given by hand: `new StaticClassification(group, { classes: [0, 0, 1, …] })`. */
export class StaticClassification extends AnalysisModule<Int32Array> {
  constructor(parent: BehaviorHost, kwargs: { classes: ArrayLike<number>; tag?: string }) {
    super(parent, kwargs);
    this.addTag('classifier');
  }

  protected execute(parent: BehaviorHost): Int32Array {
    const g = requireGroup(parent, 'StaticClassification');
    const classes = this.kwargs.classes as ArrayLike<number> | undefined;
    if (!classes || classes.length !== g.size) {
      throw new NeurarchyError(`StaticClassification on '${g.tag}': classes must have one entry per neuron (${g.size}), got ${classes?.length ?? 'none'}`);
    }
    return renumber(classes);
  }
}

/** Average-linkage clustering of the rows of `features` with distance 1 − correlation. */
export function clusterByCorrelation(features: Float64Array[], threshold: number): Int32Array {
  const n = features.length;
  const dim = features[0]?.length ?? 0;
  const centred = features.map((f) => {
    let m = 0;
    for (let k = 0; k < dim; k++) m += f[k]!;
    m /= dim || 1;
    let ss = 0;
    const c = new Float64Array(dim);
    for (let k = 0; k < dim; k++) { c[k] = f[k]! - m; ss += c[k]! * c[k]!; }
    const norm = Math.sqrt(ss);
    if (norm > 0) for (let k = 0; k < dim; k++) c[k]! /= norm;
    return { c, flat: norm === 0 };
  });
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // A constant row has no correlation with anything: distance 1 (two constant rows: 0).
      let r = 0;
      if (centred[i]!.flat || centred[j]!.flat) r = centred[i]!.flat && centred[j]!.flat ? 1 : 0;
      else for (let k = 0; k < dim; k++) r += centred[i]!.c[k]! * centred[j]!.c[k]!;
      d[i * n + j] = d[j * n + i] = 1 - r;
    }
  }
  const label = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  for (;;) {
    let best = Infinity, a = -1, b = -1;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) if (alive[j] && d[i * n + j]! < best) { best = d[i * n + j]!; a = i; b = j; }
    }
    if (a < 0 || !(best < threshold)) break;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a || k === b) continue;
      const v = (size[a]! * d[a * n + k]! + size[b]! * d[b * n + k]!) / (size[a]! + size[b]!);
      d[a * n + k] = d[k * n + a] = v;
    }
    size[a]! += size[b]!;
    alive[b] = 0;
    for (let k = 0; k < n; k++) if (label[k] === b) label[k] = a;
  }
  return renumber(label);
}

abstract class WeightClassifier extends AnalysisModule<Int32Array, { threshold?: number }> {
  protected abstract readonly direction: 0 | 1;

  constructor(parent: BehaviorHost, kwargs: { tag?: string; synapses?: string; threshold?: number } = {}) {
    super(parent, kwargs);
    this.addTag('classifier');
  }

  protected execute(parent: BehaviorHost, args: { threshold?: number }): Int32Array {
    const g = requireGroup(parent, this.constructor.name);
    const tag = (this.kwargs.synapses as string | undefined) ?? 'All';
    const threshold = args.threshold ?? (this.kwargs.threshold as number | undefined) ?? 0.5;
    const groups = g.synapses(this.direction, tag);
    if (!groups.length) throw new NeurarchyError(`${this.constructor.name} on '${g.tag}': no ${this.direction === afferent ? 'afferent' : 'efferent'} synapse group tagged '${tag}'`);
    const dims = groups.map((s) => (this.direction === afferent ? s.src.size : s.dst.size));
    const total = dims.reduce((x, y) => x + y, 0);
    const features = Array.from({ length: g.size }, () => new Float64Array(total));
    let offset = 0;
    groups.forEach((s, k) => {
      const W = s.W;
      for (let i = 0; i < g.size; i++) {
        for (let j = 0; j < dims[k]!; j++) features[i]![offset + j] = this.direction === afferent ? W.get(i, j) : W.get(j, i);
      }
      offset += dims[k]!;
    });
    return clusterByCorrelation(features, threshold);
  }
}

/** Classes of neurons by their afferent weights (PymoNNto `Weight_Classifier_Pre`). */
export class WeightClassifierPre extends WeightClassifier {
  protected readonly direction = afferent;
}

/** Classes of neurons by their efferent weights (PymoNNto `Weight_Classifier_Post`). */
export class WeightClassifierPost extends WeightClassifier {
  protected readonly direction = efferent;
}
