/**
 * Structure (issue 22, PymoNNto §2.9): partitions, sub-groups, receptive fields, distance matrices,
 * distance-dependent connectivity and the SxD matrix layout. Index sets are computed by hand on
 * small centred grids: neuron i of a width-w grid sits at x = (i mod w) − (w−1)/2, y = ⌊i/w⌋ − (h−1)/2.
 */
import { describe, expect, it } from 'vitest';
import {
  Behavior, BoxReceptiveFields, CircleReceptiveFields, DistanceConnectivity, DenseMatrix, Network, NeuronGroup,
  Partition, RemoveAutapses, moveCoordinates, scaleCoordinates, rotateCoordinates, areaMask, SparseMatrix, SxD, SynapseGroup, distanceMatrix, nonzero, ringMatrix, type PartitionBlock,
} from '../../src/behaviors/index.js';

const ids = (m: ArrayLike<number>): number[] => Array.from(nonzero(m));
const rowsOf = (m: DenseMatrix<Uint8Array>): number[][] => Array.from({ length: m.rows }, (_, i) => ids(m.row(i)));

describe('partitions and sub-groups', () => {
  it('partitionMasks cuts a 4×4 grid into 2×2 boxes, x slowest (PymoNNto loop order)', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 16, geometry: [4, 4] });
    expect(g.partitionMasks([2, 2, 1]).map(ids)).toEqual([
      [0, 1, 4, 5], // x ≤ 0, y ≤ 0
      [8, 9, 12, 13], // x ≤ 0, y > 0
      [2, 3, 6, 7],
      [10, 11, 14, 15],
    ]);
    expect(g.splitGridIntoSubGroupBlocks([2, 2]).map((s) => Array.from(s.id))).toEqual([[0, 1, 4, 5], [8, 9, 12, 13], [2, 3, 6, 7], [10, 11, 14, 15]]);
    expect(g.partitionMasks().map(ids)).toEqual([Array.from({ length: 16 }, (_, i) => i)]);
  });

  it('a neuron on a shared bound belongs to the first box only (the masks are disjoint)', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, geometry: [3] }); // x = −1, 0, 1; boxes [−1, 0] and [0, 1]
    expect(g.partitionMasks([2]).map(ids)).toEqual([[0, 1], [2]]);
    expect(() => new NeuronGroup({ net, size: 4 }).partitionMasks([2])).toThrow(/no coordinates x, y, z; create it with a geometry/);
  });

  it('receptiveFieldMask: the bounding box of a sub-group grown by [rx, ry, rz]', () => {
    const net = new Network({ seed: 1 });
    const src = new NeuronGroup({ net, geometry: [5, 5] });
    const centre = src.subGroup(Int32Array.of(12)); // x = 0, y = 0
    expect(ids(src.getSubgroupReceptiveFieldMask(centre, [1, 1, 1]))).toEqual([6, 7, 8, 11, 12, 13, 16, 17, 18]);
    expect(ids(src.getSubgroupReceptiveFieldMask(centre, [2, 0, 0]))).toEqual([10, 11, 12, 13, 14]);
    // a 2×2 block in the corner (ids 0, 1, 5, 6) grown by 1: x, y ∈ [−2, 0]
    const corner = src.subGroup(Int32Array.of(0, 1, 5, 6));
    expect(ids(src.getSubgroupReceptiveFieldMask(corner, [1, 1]))).toEqual([0, 1, 2, 5, 6, 7, 10, 11, 12]);
  });

  it('a sub-group reads masked copies and writes into the masked neurons', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 6 });
    g.voltage = Float64Array.of(0, 1, 2, 3, 4, 5);
    g.dt = 0.5;
    const sub = g.subGroup([1, 0, 1, 0, 1, 0]);
    expect(sub.size).toBe(3);
    expect(Array.from(sub.id)).toEqual([0, 2, 4]);
    expect(Array.from(sub.voltage)).toEqual([0, 2, 4]);
    expect(sub.dt).toBe(0.5); // not per neuron: as it is
    sub.voltage = 9;
    expect(Array.from(g.voltage)).toEqual([9, 1, 9, 3, 9, 5]);
    sub.voltage = [7, 8, 6];
    expect(Array.from(g.voltage)).toEqual([7, 1, 8, 3, 6, 5]);
    expect(() => { sub.voltage = [1, 2]; }).toThrow(/takes a number or 3 values/);
    expect(() => g.subGroup(Int32Array.of(7))).toThrow(/neuron indices in 0…5; got 7/);
  });
});

describe('receptive fields and autapses (behaviours on synapse groups)', () => {
  /** A 3×3 grid onto itself with the given synapse behaviours. */
  async function grid3(behavior: Record<number, Behavior>): Promise<SynapseGroup> {
    const net = new Network({ seed: 2 });
    const g = new NeuronGroup({ net, tag: 'g', geometry: [3, 3] });
    const s = new SynapseGroup({ net, src: g, dst: g, behavior });
    await net.initialize();
    return s;
  }

  it('BoxReceptiveFields(range 1): the 3×3 neighbourhood (4 at corners, 6 at edges, 9 at the centre)', async () => {
    const s = await grid3({ 1: new BoxReceptiveFields({ range: 1 }) });
    const m = s.enabled as DenseMatrix<Uint8Array>;
    expect(m.countNonzero()).toBe(4 * 4 + 4 * 6 + 9);
    expect(rowsOf(m)[0]).toEqual([0, 1, 3, 4]);
    expect(rowsOf(m)[4]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const noSelf = await grid3({ 1: new BoxReceptiveFields({ range: 1, removeAutapses: true }) });
    expect((noSelf.enabled as DenseMatrix<Uint8Array>).countNonzero()).toBe(49 - 9);
    expect(rowsOf(noSelf.enabled as DenseMatrix<Uint8Array>)[0]).toEqual([1, 3, 4]);
  });

  it('CircleReceptiveFields(radius 1): self and the 4-neighbourhood', async () => {
    const s = await grid3({ 1: new CircleReceptiveFields({ radius: 1 }) });
    const m = s.enabled as DenseMatrix<Uint8Array>;
    expect(m.countNonzero()).toBe(4 * 3 + 4 * 4 + 5);
    expect(rowsOf(m)[4]).toEqual([1, 3, 4, 5, 7]);
  });

  it('masks combine, and a later behaviour draws weights only inside the mask (no PymoNNto constructor crash)', async () => {
    class Weights extends Behavior {
      override initialize(s: SynapseGroup): void { s.W = s.matrix('uniform(1, 2)', { mask: s.enabled }); }
    }
    const s = await grid3({ 1: new CircleReceptiveFields({ radius: 1 }), 2: new RemoveAutapses(), 3: new Weights() });
    const m = s.enabled as DenseMatrix<Uint8Array>;
    expect(m.countNonzero()).toBe(33 - 9);
    const W = s.W as DenseMatrix;
    for (let k = 0; k < W.data.length; k++) {
      if (m.data[k]) expect(W.data[k]! >= 1 && W.data[k]! < 2).toBe(true);
      else expect(W.data[k]).toBe(0);
    }
    // sparse storage of the same mask: the same values
    const net = new Network({ seed: 2 });
    const g = new NeuronGroup({ net, geometry: [3, 3] });
    const s2 = new SynapseGroup({ net, src: g, dst: g, behavior: { 1: new CircleReceptiveFields({ radius: 1 }), 2: new RemoveAutapses() } });
    await net.initialize();
    const sparse = s2.matrix('uniform(1, 2)', { mask: s2.enabled, sparse: true });
    expect(sparse).toBeInstanceOf(SparseMatrix);
    expect(sparse.countNonzero()).toBe(24);
  });

  it('errors name the behaviour and the fix', async () => {
    await expect(grid3({ 1: new BoxReceptiveFields({} as never) })).rejects.toThrow(/BoxReceptiveFields: give range/);
    const net = new Network({ seed: 1 });
    const a = new NeuronGroup({ net, geometry: [2] });
    const b = new NeuronGroup({ net, geometry: [2] });
    new SynapseGroup({ net, src: a, dst: b, behavior: { 1: new RemoveAutapses() } });
    await expect(net.initialize()).rejects.toThrow(/src '.*' and dst '.*' differ, so there are no autapses/);
  });
});

describe('coordinates (NeuronDimension.move, scale, rotate, get_area_mask)', () => {
  it('move, scale and rotate change x, y, z in place; areaMask selects grid index ranges', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, geometry: [3, 2] }); // x = −1, 0, 1; y = −0.5, 0.5
    moveCoordinates(scaleCoordinates(g, 2), 1, 0, 3);
    expect(Array.from(g.x)).toEqual([-1, 1, 3, -1, 1, 3]);
    expect(Array.from(g.y)).toEqual([-1, -1, -1, 1, 1, 1]);
    expect(Array.from(g.z)).toEqual([3, 3, 3, 3, 3, 3]);
    rotateCoordinates(g, 'z', Math.PI / 2); // (x, y) → (−y, x)
    expect(Array.from(g.x as Float64Array, (v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 1, 1, -1, -1, -1]);
    expect(Array.from(g.y as Float64Array, (v) => Math.round(v * 1e12) / 1e12)).toEqual([-1, 1, 3, -1, 1, 3]);
    const big = new NeuronGroup({ net, geometry: [4, 3] });
    expect(ids(areaMask(big, { x: [1, 3] }))).toEqual([1, 2, 5, 6, 9, 10]);
    expect(ids(areaMask(big, { x: [0, -1], y: [2] }))).toEqual([8, 9, 10]);
    expect(() => areaMask(new NeuronGroup({ net, size: 3 }))).toThrow(/needs a group made with a geometry/);
  });
});

describe('Partition', () => {
  it('blocks of a 4×4 grid with their receptive fields, and enabled = the union of dst box × src field', async () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, geometry: [4, 4] });
    const s = new SynapseGroup({ net, src: g, dst: g, behavior: { 1: new Partition({ steps: [2, 2], rf: [1, 1] }) } });
    await net.initialize();
    const blocks = s.partitions as PartitionBlock[];
    expect(Object.keys(s.vars)).not.toContain('partitions'); // a member, not state (save files stay clean)
    expect(blocks.map((b) => Array.from(b.dst.id))).toEqual([[0, 1, 4, 5], [8, 9, 12, 13], [2, 3, 6, 7], [10, 11, 14, 15]]);
    // block 0: x, y ∈ {−1.5, −0.5}, grown by 1: [−2.5, 0.5]², the 3×3 corner
    expect(Array.from(blocks[0]!.src.id)).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
    expect(Array.from(blocks[3]!.src.id)).toEqual([5, 6, 7, 9, 10, 11, 13, 14, 15]);
    const m = s.enabled as DenseMatrix<Uint8Array>;
    expect(m.countNonzero()).toBe(16 * 9);
    expect(rowsOf(m)[5]).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
    expect(rowsOf(m)[10]).toEqual([5, 6, 7, 9, 10, 11, 13, 14, 15]);
  });
});

describe('distance matrices and distance-dependent connectivity', () => {
  it('distanceMatrix and ringMatrix by hand (src x = −1, 0, 1; dst x = 0; radius 2)', () => {
    const net = new Network({ seed: 1 });
    const src = new NeuronGroup({ net, geometry: [3] });
    const dst = new NeuronGroup({ net, geometry: [1] });
    const s = new SynapseGroup({ net, src, dst });
    // max(2 − d, 0) = 1, 2, 1, divided by the row maximum 2
    expect(distanceMatrix(s, 2).toArray()).toEqual([[0.5, 1, 0.5]]);
    // dm − 1.5·dm² = 0.125, −0.5 → 0, 0.125; divided by 0.125
    expect(ringMatrix(s, 2, 2).toArray()).toEqual([[1, 0, 1]]);
  });

  it('DistanceConnectivity: probability p0·exp(−d²/2σ²) per pair', async () => {
    // σ tiny: only d = 0 connects (the identity); σ huge: every pair with probability p0.
    const run = async (sigma: number, p0: number, n: number) => {
      const net = new Network({ seed: 3 });
      const g = new NeuronGroup({ net, geometry: [n, n] });
      const s = new SynapseGroup({ net, src: g, dst: g, behavior: { 1: new DistanceConnectivity({ sigma, p0 }) } });
      await net.initialize();
      return s.enabled as DenseMatrix<Uint8Array>;
    };
    const id = await run(1e-6, 1, 4);
    expect(rowsOf(id)).toEqual(Array.from({ length: 16 }, (_, i) => [i]));
    const half = await run(1e9, 0.5, 20); // 160 000 pairs, Binomial sd 200; ±6 sd
    expect(Math.abs(half.countNonzero() - 80_000)).toBeLessThan(1200);
    // neighbours at distance 1 with σ = 1: p = exp(−1/2) ≈ 0.6065 over the 4·19·20·… horizontal/vertical pairs
    const m = await run(1, 1, 20);
    let pairs = 0, on = 0;
    for (let i = 0; i < 400; i++) {
      for (const j of [i + 1, i + 20]) {
        if (j >= 400 || (j === i + 1 && j % 20 === 0)) continue;
        pairs++;
        on += m.get(i, j);
      }
    }
    const p = Math.exp(-0.5);
    expect(Math.abs(on / pairs - p)).toBeLessThan(6 * Math.sqrt((p * (1 - p)) / pairs));
  });
});

describe('matrix layout (PymoNNto syn_dim)', () => {
  it('SxD matrices are src × dst and propagate the same input as DxS with the transposed W', async () => {
    const build = async (settings?: object) => {
      const net = new Network({ seed: 4, ...(settings ? { settings } : {}) });
      const a = new NeuronGroup({ net, size: 5 });
      const b = new NeuronGroup({ net, size: 3 });
      const s = new SynapseGroup({ net, src: a, dst: b });
      await net.initialize();
      return s;
    };
    const dxs = await build();
    const sxd = await build({ syn_dim: SxD });
    expect(dxs.matrixShape()).toEqual([3, 5]);
    expect(sxd.matrixShape()).toEqual([5, 3]);
    expect(sxd.layout).toBe('SxD');
    dxs.W = DenseMatrix.fromRows([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15]]);
    sxd.W = dxs.W.toDense().transpose();
    const spikes = Uint8Array.of(1, 0, 1, 0, 1);
    expect(Array.from(sxd.propagate(spikes))).toEqual(Array.from(dxs.propagate(spikes)));
    expect(Array.from(dxs.propagate(spikes))).toEqual([9, 24, 39]);
    expect(sxd.ignoreTransposeMode(sxd.W as DenseMatrix).toArray()).toEqual((dxs.W as DenseMatrix).toArray());
    expect(() => { sxd.W = dxs.W; }).toThrow(/W must be a src × dst matrix \(SxD\) = 5 × 3, got 3 × 5/);
    // the documented spelling synapse_mode works too (PymoNNto ignores it silently)
    expect((await build({ synapse_mode: 'SxD' })).layout).toBe('SxD');
  });

  it('settings are checked: unknown keys, float32, disagreeing keys', () => {
    expect(() => new Network({ settings: { syn_dims: 0 } as never })).toThrow(/syn_dims/);
    expect(() => new Network({ settings: { dtype: 'float32' } as never })).toThrow(/dtype "float32" is not offered/);
    expect(() => new Network({ settings: { syn_dim: 'SxD', synapse_mode: 'DxS' } })).toThrow(/disagree/);
    expect(() => new Network({ settings: { syn_dim: 3 } as never })).toThrow(/not a matrix layout/);
  });
});
