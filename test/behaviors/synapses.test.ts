import { describe, expect, it } from 'vitest';
import {
  DenseMatrix, Network, NeuronGroup, SparseMatrix, SynapseGroup, afferent, efferent,
} from '../../src/behaviors/index.js';

describe('synapse groups', () => {
  it('synapses(afferent/efferent, tag) do not depend on the order of creation', () => {
    const net = new Network({ seed: 1 });
    // synapses first, by tag, before their groups exist (PymoNNto raises KeyError for late groups)
    const ab = new SynapseGroup({ net, src: 'A', dst: 'B', tag: 'GLU' });
    const ba = new SynapseGroup({ net, src: 'B', dst: 'A', tag: 'GABA' });
    const A = new NeuronGroup({ net, tag: 'A', size: 2 });
    const B = new NeuronGroup({ net, tag: 'B', size: 3 });
    const bb = new SynapseGroup({ net, src: B, dst: B, tag: 'GLU' });
    expect(A.synapses(efferent, 'GLU')).toEqual([ab]);
    expect(A.synapses(afferent, 'GLU')).toEqual([]);
    expect(B.synapses(afferent, 'GLU')).toEqual([ab, bb]);
    expect(B.synapses('afferent')).toEqual([ab, bb]);
    expect(B.synapses(efferent, 'All')).toEqual([ba, bb]);
    expect(A.synapses(afferent, 'GABA')).toEqual([ba]);
    expect(ab.src).toBe(A);
    expect(ab.dst).toBe(B);
    expect(ab.tags).toEqual(['GLU', 'SynapseGroup', 'syn', 'A_to_B']);
    expect(net.get('A_to_B', 0)).toBe(ab);
    expect(ab.matrix().shape).toEqual([3, 2]); // dst × src
  });

  it('an unknown src tag fails at initialize, naming it', async () => {
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, tag: 'A', size: 2 });
    new SynapseGroup({ net, src: 'A', dst: 'C', tag: 'GLU' });
    await expect(net.initialize()).rejects.toThrow(/no NeuronGroup is tagged 'C' \(dst\); neuron groups: 'A'/);
  });

  it('W.dot matches a hand-computed product; propagate only adds spiking columns', () => {
    const W = DenseMatrix.fromRows([[1, 2, 0], [0, 3, 4]]); // 2 dst × 3 src
    expect(Array.from(W.dot([1, 0, 1]))).toEqual([1, 4]);
    expect(Array.from(W.dot([0.5, 2, -1]))).toEqual([4.5, 2]);
    const out = new Float64Array([10, 20]);
    W.propagate(new Uint8Array([0, 1, 1]), out, 0.5);
    expect(Array.from(out)).toEqual([11, 23.5]);
    const S = SparseMatrix.fromDense(W);
    expect(S.countNonzero()).toBe(4);
    expect(Array.from(S.dot([0.5, 2, -1]))).toEqual([4.5, 2]);
    expect(S.toDense().toArray()).toEqual(W.toArray());
    expect(() => W.dot([1, 2])).toThrow(/2 entries but the matrix has 3 columns/);
    expect(W.greater(1).toArray()).toEqual([[0, 1, 0], [0, 1, 1]]);
    expect(W.transpose().toArray()).toEqual([[1, 0], [2, 3], [0, 4]]);
  });

  it('matrix(spec, { sparse: true }) draws the same values as the dense matrix', () => {
    const make = (sparse: boolean) => {
      const net = new Network({ seed: 5 });
      const A = new NeuronGroup({ net, tag: 'A', size: 30 });
      const B = new NeuronGroup({ net, tag: 'B', size: 20 });
      const s = new SynapseGroup({ net, src: A, dst: B });
      return sparse ? s.matrix('normal(1, 0.2)', { density: 0.1, sparse: true }).toDense() : s.matrix('normal(1, 0.2)', { density: 0.1 });
    };
    const dense = make(false);
    expect(dense.shape).toEqual([20, 30]);
    expect(make(true).data).toEqual(dense.data);
  });

  it('synapse.propagate adds W·spike into the dst vector; W must be dst × src', () => {
    const net = new Network({ seed: 1 });
    const A = new NeuronGroup({ net, tag: 'A', size: 3 });
    const B = new NeuronGroup({ net, tag: 'B', size: 2 });
    const s = new SynapseGroup({ net, src: A, dst: B });
    expect(() => s.W).toThrow(/has no weights/);
    expect(() => { s.W = DenseMatrix.zeros(3, 2); }).toThrow(/W must be a dst × src matrix \(DxS\) = 2 × 3, got 3 × 2/);
    s.W = DenseMatrix.fromRows([[1, 2, 0], [0, 3, 4]]);
    A.vars.spike = new Uint8Array([1, 0, 1]);
    const v = new Float64Array([1, 1]);
    s.propagate(undefined, { into: v, gain: 2 });
    expect(Array.from(v)).toEqual([3, 9]);
    s.W = SparseMatrix.fromDense(DenseMatrix.fromRows([[1, 2, 0], [0, 3, 4]]));
    expect(Array.from(s.propagate(new Uint8Array([0, 1, 0])))).toEqual([2, 3]);
  });
});
