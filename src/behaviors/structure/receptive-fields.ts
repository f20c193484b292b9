/**
 * Connectivity from geometry, as synapse-group behaviours and helpers (PymoNNto's
 * `Box_Receptive_Fields`, `Circle_Receptive_Fields`, `Remove_Autapses`, `get_distance_mat`,
 * `get_ring_mat`, dossier §2.9).
 *
 * The behaviours AND a mask into `synapse.enabled` in their `initialize`, which runs in key order
 * like any other (PymoNNto runs them inside the constructor, before `src`/`dst` exist, and
 * crashes: §2.15 item 5). Weight behaviours with a higher key then see the mask:
 * `synapse.W = synapse.matrix('uniform', { mask: synapse.enabled })`.
 *
 * Distances are between the coordinates `x`, `y`, `z` of src and dst neurons (groups made with a
 * `geometry`, whose grids are centred on 0 by default: give both groups the same grid, or
 * `centered: false`, so that positions correspond).
 */
import { NeurarchyError } from '../../errors.js';
import { Behavior, type BehaviorKwargs } from '../Behavior.js';
import { DenseMatrix, SparseMatrix } from '../matrix.js';
import type { NeuronGroup } from '../NeuronGroup.js';
import type { SynapseGroup } from '../SynapseGroup.js';
import { coordinates, partitionMasks, receptiveFieldMask, type PartitionBlockOf, type Triple } from './partition.js';
import { subGroup } from './subgroup.js';

/** A per-pair test on coordinates (dx, dy, dz = |src − dst| per axis) and indices. */
type PairTest = (dx: number, dy: number, dz: number, i: number, j: number) => boolean;

/** A dst × src 0/1 matrix of `test(dst i, src j)` in the synapse group's matrix shape. */
export function pairMask(synapse: SynapseGroup, test: PairTest, what: string): DenseMatrix<Uint8Array> {
  const [rows, cols] = synapse.matrixShape();
  const [sx, sy, sz] = coordinates(synapse.src, `${what} (src '${synapse.src.tag}')`);
  const [dx, dy, dz] = coordinates(synapse.dst, `${what} (dst '${synapse.dst.tag}')`);
  const sxd = synapse.layout === 'SxD';
  const m = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [i, j] = sxd ? [c, r] : [r, c];
      m[r * cols + c] = test(Math.abs(sx[j]! - dx[i]!), Math.abs(sy[j]! - dy[i]!), Math.abs(sz[j]! - dz[i]!), i, j) ? 1 : 0;
    }
  }
  return new DenseMatrix(rows, cols, m);
}

/** ANDs `mask` into `synapse.enabled` (which starts as `true`, everything enabled). */
export function restrictEnabled(synapse: SynapseGroup, mask: DenseMatrix<Uint8Array>): void {
  const cur = synapse.enabled;
  if (cur === true) { synapse.enabled = mask; return; }
  const dense = cur instanceof SparseMatrix ? cur.toDense() : cur;
  if (dense.rows !== mask.rows || dense.cols !== mask.cols) {
    throw new NeurarchyError(`SynapseGroup '${synapse.tag}': enabled is ${dense.rows} × ${dense.cols}, the mask ${mask.rows} × ${mask.cols}`);
  }
  const out = new Uint8Array(mask.data.length);
  for (let k = 0; k < out.length; k++) out[k] = dense.data[k] !== 0 && mask.data[k] !== 0 ? 1 : 0;
  synapse.enabled = new DenseMatrix(mask.rows, mask.cols, out);
}

/** The mask of autapses removed: src neuron j ≠ dst neuron i (same-group synapses). */
function noAutapses(synapse: SynapseGroup): DenseMatrix<Uint8Array> {
  return pairMask(synapse, (_x, _y, _z, i, j) => i !== j, 'RemoveAutapses');
}

/** Common part: reads `removeAutapses` (PymoNNto `remove_autapses`) and applies the mask. */
abstract class ReceptiveFields extends Behavior {
  protected abstract test(): PairTest;

  override initialize(synapse: SynapseGroup): void {
    restrictEnabled(synapse, pairMask(synapse, this.test(), this.constructor.name));
    const remove = this.parameter('removeAutapses', this.parameter('remove_autapses', false));
    if (remove) restrictEnabled(synapse, noAutapses(synapse));
  }

  /** A required numeric argument, named in the error when absent. */
  protected required(key: string): number {
    const v = this.parameter<number | undefined>(key, undefined);
    if (typeof v !== 'number' || !(v >= 0)) {
      throw new NeurarchyError(`${this.constructor.name}: give ${key} (a number ≥ 0), e.g. new ${this.constructor.name}({ ${key}: 1 })`);
    }
    return v;
  }
}

/**
 * PymoNNto `Box_Receptive_Fields(range=r)`: src neuron j connects to dst neuron i when
 * |x_j − x_i| ≤ r, |y_j − y_i| ≤ r and |z_j − z_i| ≤ r. Option `removeAutapses`.
 */
export class BoxReceptiveFields extends ReceptiveFields {
  constructor(kwargs: BehaviorKwargs & { range: number; removeAutapses?: boolean }) {
    super(kwargs);
    this.addTag('Box_Receptive_Fields');
  }

  /** Kept where the distance is at most `range` along every axis. */
  protected test(): PairTest {
    const r = this.required('range');
    return (dx, dy, dz) => dx <= r && dy <= r && dz <= r;
  }
}

/** PymoNNto `Circle_Receptive_Fields(radius=r)`: Euclidean distance ≤ r. Option `removeAutapses`. */
export class CircleReceptiveFields extends ReceptiveFields {
  constructor(kwargs: BehaviorKwargs & { radius: number; removeAutapses?: boolean }) {
    super(kwargs);
    this.addTag('Circle_Receptive_Fields');
  }

  /** Kept where the Euclidean distance is at most `radius`. */
  protected test(): PairTest {
    const r = this.required('radius');
    return (dx, dy, dz) => Math.sqrt(dx * dx + dy * dy + dz * dz) <= r;
  }
}

/** PymoNNto `Remove_Autapses()`: disables the synapse of each neuron onto itself. */
export class RemoveAutapses extends Behavior {
  constructor(kwargs: BehaviorKwargs = {}) {
    super(kwargs);
    this.addTag('Remove_Autapses');
  }

  override initialize(synapse: SynapseGroup): void {
    if (synapse.src !== synapse.dst) {
      throw new NeurarchyError(`RemoveAutapses on '${synapse.tag}': src '${synapse.src.tag}' and dst '${synapse.dst.tag}' differ, so there are no autapses`);
    }
    restrictEnabled(synapse, noAutapses(synapse));
  }
}

/**
 * Distance-dependent random connectivity: src j connects to dst i with probability
 * `p0 · exp(−d²/(2σ²))`, d the Euclidean distance (drawn from the synapse group's stream, one
 * uniform per pair in row order), optionally without autapses. The mask goes into `enabled`.
 */
export class DistanceConnectivity extends Behavior {
  constructor(kwargs: BehaviorKwargs & { sigma: number; p0?: number; removeAutapses?: boolean }) {
    super(kwargs);
  }

  override initialize(synapse: SynapseGroup): void {
    const sigma = this.parameter('sigma', NaN);
    const p0 = this.parameter('p0', 1);
    if (!(sigma > 0)) throw new NeurarchyError('DistanceConnectivity: give sigma (a number > 0), e.g. new DistanceConnectivity({ sigma: 2, p0: 0.5 })');
    if (!(p0 >= 0 && p0 <= 1)) throw new NeurarchyError(`DistanceConnectivity: p0 must be in [0, 1], got ${p0}`);
    const rng = synapse.rng;
    restrictEnabled(synapse, pairMask(synapse, (dx, dy, dz) => rng.uniform() < p0 * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma * sigma)), 'DistanceConnectivity'));
    if (this.parameter('removeAutapses', false)) restrictEnabled(synapse, noAutapses(synapse));
  }
}

/**
 * PymoNNto `synapse.get_distance_mat(radius)`: per dst neuron (row), `max(radius − d, 0)` over the
 * src neurons, d the distance in the x–y plane, divided by the row's maximum (rows whose maximum
 * is 0 stay 0; PymoNNto divides by zero there). A dst × src matrix.
 */
export function distanceMatrix(synapse: SynapseGroup, radius: number): DenseMatrix {
  const [sx, sy] = coordinates(synapse.src, 'distanceMatrix (src)');
  const [dx, dy] = coordinates(synapse.dst, 'distanceMatrix (dst)');
  const rows = synapse.dst.size;
  const cols = synapse.src.size;
  const m = DenseMatrix.zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    let mx = 0;
    for (let j = 0; j < cols; j++) {
      const d = Math.hypot(sx[j]! - dx[i]!, sy[j]! - dy[i]!);
      const v = Math.max(radius - d, 0);
      m.data[i * cols + j] = v;
      if (v > mx) mx = v;
    }
    if (mx > 0) for (let j = 0; j < cols; j++) m.data[i * cols + j]! /= mx;
  }
  return m;
}

/**
 * PymoNNto `synapse.get_ring_mat(radius, inner_exp)`: `max(dm − 1.5·dm^inner_exp, 0)` of the
 * distance matrix dm, divided by its overall maximum (a ring: weak at the centre and at the rim).
 */
export function ringMatrix(synapse: SynapseGroup, radius: number, innerExp: number): DenseMatrix {
  const dm = distanceMatrix(synapse, radius);
  let mx = 0;
  for (let k = 0; k < dm.data.length; k++) {
    const v = Math.max(dm.data[k]! - Math.pow(dm.data[k]!, innerExp) * 1.5, 0);
    dm.data[k] = v;
    if (v > mx) mx = v;
  }
  if (mx > 0) for (let k = 0; k < dm.data.length; k++) dm.data[k]! /= mx;
  return dm;
}

/** One block of a {@link Partition}: a box of dst neurons and the src neurons around it. */
export type PartitionBlock = PartitionBlockOf<NeuronGroup>;

/**
 * PymoNNto's `Partition` as a synapse behaviour: cuts the dst grid into `steps` boxes
 * (`partitionMasks`), gives each box the src neurons within `rf` of it (`receptiveFieldMask`),
 * stores the blocks in `synapse.partitions` and ANDs their union (dst box × src field) into
 * `synapse.enabled`. Unlike PymoNNto it does not replace the synapse group by one sub-group per
 * block: behaviours keep one `W`, and `matrix(spec, { mask: synapse.enabled, sparse: true })` gives
 * the storage saving that partitioning was for.
 */
export class Partition extends Behavior {
  constructor(kwargs: BehaviorKwargs & { steps?: Triple; rf?: Triple } = {}) {
    super(kwargs);
  }

  override initialize(synapse: SynapseGroup): void {
    const steps = this.parameter<Triple>('steps', [1, 1, 1]);
    const rf = this.parameter<Triple>('rf', [1, 1, 1]);
    const blocks: PartitionBlock[] = partitionMasks(synapse.dst, steps).map((m) => {
      const dst = subGroup(synapse.dst, m);
      return { dst, src: subGroup(synapse.src, receptiveFieldMask(synapse.src, dst, rf)) };
    });
    const inBlock = new Int32Array(synapse.dst.size);
    blocks.forEach((b, k) => { for (const i of b.dst.id) inBlock[i] = k; });
    restrictEnabled(synapse, pairMask(synapse, (_x, _y, _z, i, j) => blocks[inBlock[i]!]!.src.mask[j] === 1, 'Partition'));
    synapse.partitions = blocks;
  }
}
