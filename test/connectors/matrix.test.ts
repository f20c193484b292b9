import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LILBuilder, fromMatrix, fromSparse, validateConnectivity, withFunc } from '../../src/connectors/index.js';
import type { Connectivity, NeuronSet } from '../../src/connectors/index.js';
import { NetworkError } from '../../src/errors.js';
import { denseWeights, population, rowsOf, view } from './helpers.js';

describe('fromMatrix', () => {
  const W = [
    [1, null, 3],
    [null, null, null],
    [0, 5, Number.NaN],
    [7, undefined, 9],
  ]; // post (4) × pre (3)

  it('reads a post × pre matrix, null/undefined/NaN meaning no synapse (0 is a synapse)', () => {
    const c = fromMatrix(population(3), population(4), W);
    validateConnectivity(c, { preSize: 3, postSize: 4 });
    expect(rowsOf(c)).toEqual([[0, [0, 2]], [2, [0, 1]], [3, [0, 2]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([1, 3, 0, 5, 7, 9]);
    expect(c.delays).toBe(0);
  });

  it('transposes with prePost, and takes a flat {data, shape} matrix', () => {
    const T = [0, 1, 2].map((j) => W.map((row) => row[j]));
    const a = fromMatrix(population(3), population(4), W);
    const b = fromMatrix(population(3), population(4), T, { prePost: true });
    expect(rowsOf(b)).toEqual(rowsOf(a));
    expect(Array.from(b.weights as Float64Array)).toEqual(Array.from(a.weights as Float64Array));
    const flat = fromMatrix(population(3), population(4), { data: W.flat().map((v) => v ?? Number.NaN), shape: [4, 3] });
    expect(rowsOf(flat)).toEqual(rowsOf(a));
  });

  it('takes a delay matrix of the same shape (transposed with the weights)', () => {
    const c = fromMatrix(population(2), population(2), [[1, 2], [null, 4]], { delays: [[1, 2], [0, 3]] });
    expect(Array.from(c.delays as Float64Array)).toEqual([1, 2, 3]);
    const t = fromMatrix(population(2), population(2), [[1, null], [2, 4]], { delays: [[1, 0], [2, 3]], prePost: true });
    expect(rowsOf(t)).toEqual(rowsOf(c));
    expect(Array.from(t.delays as Float64Array)).toEqual([1, 2, 3]);
    expect(() => fromMatrix(population(2), population(2), [[1, 2], [3, 4]], { delays: [[1, 2]] })).toThrow(/delay matrix has shape \(1, 2\)/);
    expect(() => fromMatrix(population(2), population(2), [[1, 2], [3, 4]], { delays: [[1, 2], [null as unknown as number, 1]] })).toThrow(/no value/);
  });

  it('maps matrix indices to the ranks of views', () => {
    const c = fromMatrix(view(population(10), [7, 2]), view(population(5), [4, 1]), [[1, 2], [3, null]]);
    expect(rowsOf(c)).toEqual([[1, [7]], [4, [2, 7]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([3, 2, 1]);
  });

  it('rejects wrong shapes and ragged lists', () => {
    expect(() => fromMatrix(population(3), population(4), [[1, 2, 3]])).toThrow(/fromMatrix: the weight matrix has shape \(1, 3\), expected \(4, 3\)/);
    expect(() => fromMatrix(population(2), population(2), [[1, 2], [3]])).toThrow(/not rectangular/);
    expect(() => fromMatrix(population(2), population(2), [[1, 2], [3, 4]], { delays: -1 })).toThrow(NetworkError);
  });
});

describe('fromSparse', () => {
  // (pre = 3) × (post = 2): entries pre0→post1 (0.5), pre2→post0 (1.5), pre1→post1 (2.5)
  const coo = { shape: [3, 2] as const, row: [0, 2, 1], col: [1, 0, 1], data: [0.5, 1.5, 2.5] };

  it('reads (pre, post) COO triplets into post-major rows (the transpose of fromMatrix)', () => {
    const c = fromSparse(population(3), population(2), coo, { delays: 2 });
    validateConnectivity(c, { preSize: 3, postSize: 2 });
    expect(rowsOf(c)).toEqual([[0, [2]], [1, [0, 1]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([1.5, 0.5, 2.5]);
    expect(c.delays).toBe(2);
    const dense = fromMatrix(population(3), population(2), [[null, null, 1.5], [0.5, 2.5, null]]);
    expect(denseWeights(c, 2, 3)).toEqual(denseWeights(dense, 2, 3));
  });

  it('reads CSR over pre rows (scipy csr_matrix fields)', () => {
    const csr = { shape: [3, 2] as const, indptr: [0, 1, 2, 3], indices: [1, 1, 0], data: [0.5, 2.5, 1.5] };
    const c = fromSparse(population(3), population(2), csr);
    expect(rowsOf(c)).toEqual([[0, [2]], [1, [0, 1]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([1.5, 0.5, 2.5]);
  });

  it('uses view ranks and rejects wrong shapes, duplicates and non-constant delays', () => {
    const c = fromSparse(view(population(9), [8, 6, 4]), view(population(4), [3, 2]), coo);
    expect(rowsOf(c)).toEqual([[2, [6, 8]], [3, [4]]]);
    expect(() => fromSparse(population(2), population(3), coo)).toThrow(/fromSparse: the sparse matrix has shape \(3, 2\), expected \(pre, post\) = \(2, 3\)/);
    expect(() => fromSparse(population(3), population(2), { ...coo, row: [0, 0], col: [1, 1], data: [1, 2] })).toThrow(/more than once/);
    expect(() => fromSparse(population(3), population(2), coo, { delays: [1] as unknown as number })).toThrow(/constant delay/);
  });

  // The same three entries by post column: post0 ← pre2 (1.5); post1 ← pre1 (2.5), pre0 (0.5), unsorted.
  const csc = { format: 'csc' as const, shape: [3, 2] as const, indptr: [0, 1, 3], indices: [2, 1, 0], data: [1.5, 2.5, 0.5] };

  it('reads CSC over post columns (scipy csc_matrix fields), sorting each column by pre rank', () => {
    const c = fromSparse(population(3), population(2), csc, { delays: 1 });
    validateConnectivity(c, { preSize: 3, postSize: 2 });
    expect(rowsOf(c)).toEqual([[0, [2]], [1, [0, 1]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([1.5, 0.5, 2.5]);
    expect(c.delays).toBe(1);
    expect(rowsOf(fromSparse(view(population(9), [8, 6, 4]), view(population(4), [3, 2]), csc))).toEqual([[2, [6, 8]], [3, [4]]]);
  });

  it('gives the same synapses from COO, CSR, CSC and a dense matrix (any matrix, entries in any order)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: -5, max: 5, noNaN: true })), { maxLength: 40 }),
      (nPre, nPost, raw) => {
        const entries = new Map<string, [number, number, number]>();
        for (const [a, b, v] of raw) entries.set(`${a % nPre},${b % nPost}`, [a % nPre, b % nPost, v]);
        const list = [...entries.values()];
        const dense = Array.from({ length: nPost }, () => new Array<number | null>(nPre).fill(null));
        for (const [i, j, v] of list) dense[j][i] = v;
        const byRow = [...list].sort((x, y) => x[0] - y[0]), byCol = [...list].sort((x, y) => x[1] - y[1]);
        const ptr = (n: number, key: number, es: typeof list) => Array.from({ length: n + 1 }, (_, r) => es.filter((e) => e[key] < r).length);
        const shape = [nPre, nPost] as const;
        const forms = [
          fromSparse(population(nPre), population(nPost), { shape, row: list.map((e) => e[0]), col: list.map((e) => e[1]), data: list.map((e) => e[2]) }),
          fromSparse(population(nPre), population(nPost), { shape, indptr: ptr(nPre, 0, byRow), indices: byRow.map((e) => e[1]), data: byRow.map((e) => e[2]) }),
          fromSparse(population(nPre), population(nPost), { format: 'csc', shape, indptr: ptr(nPost, 1, byCol), indices: byCol.map((e) => e[0]), data: byCol.map((e) => e[2]) }),
        ];
        const expected = fromMatrix(population(nPre), population(nPost), dense);
        for (const c of forms) {
          validateConnectivity(c, { preSize: nPre, postSize: nPost });
          expect(rowsOf(c)).toEqual(rowsOf(expected));
          expect(Array.from(c.weights as Float64Array)).toEqual(Array.from(expected.weights as Float64Array));
        }
      },
    ), { numRuns: 200 });
  });

  it('refuses malformed compressed matrices, naming what is wrong', () => {
    const at = (m: object) => () => fromSparse(population(3), population(2), m as never);
    expect(at({ ...csc, format: 'coo' })).toThrow(/fromSparse: format must be 'csr' or 'csc' \(or left out\), got coo/);
    expect(at({ format: 'csc', shape: [3, 2], row: [0], col: [0], data: [1] })).toThrow(/a 'csc' matrix needs indptr, indices and data/);
    expect(at({ ...csc, indptr: [0, 3] })).toThrow(/indptr has length 2, expected 3 \(one more than the post-synaptic columns\)/);
    expect(at({ ...csc, indptr: [0, 2, 1] })).toThrow(/indptr must start at 0 and end at the number of entries \(3\), got 0 … 1/);
    expect(at({ ...csc, indptr: [0, 4, 3] })).toThrow(/indptr must be non-decreasing integers \(indptr\[1\] = 4, indptr\[2\] = 3\)/);
    expect(at({ ...csc, indptr: [0, 1.5, 3] })).toThrow(/non-decreasing integers/);
    expect(at({ ...csc, indices: [2, 3, 0] })).toThrow(/entry 1 at \(3, 1\) is outside the shape \(3, 2\)/);
    expect(at({ ...csc, data: [1.5, Number.POSITIVE_INFINITY, 0.5] })).toThrow(/weight Infinity of entry 1 is not finite/);
    expect(at({ ...csc, indices: [2, 1, 1] })).toThrow(/the synapse from pre rank 1 to post rank 1 is declared more than once/);
    expect(at({ ...csc, indices: [2, 1] })).toThrow(/indices\/data lengths differ \(2, 3\)/);
    expect(at({ shape: [3, 2], indptr: [0, 1, 2], indices: [1, 1, 0], data: [0.5, 2.5, 1.5] })).toThrow(/indptr has length 3, expected 4 \(one more than the pre-synaptic rows\)/);
  });
});

describe('LILBuilder and withFunc', () => {
  it('sorts rows added out of order, sorts pre ranks with their values, broadcasts length-1 values', () => {
    const lil = new LILBuilder()
      .add(3, [2, 0, 1], [0.2, 0.0, 0.1], [3])
      .add(1, [4], 1.5, 2)
      .add(2, [], [1])
      .add(0, [5, 3], [7]);
    expect(lil.size).toBe(3);
    expect(lil.nbSynapses).toBe(6);
    const c = lil.build({ preSize: 6, postSize: 4 });
    expect(rowsOf(c)).toEqual([[0, [3, 5]], [1, [4]], [3, [0, 1, 2]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([7, 7, 1.5, 0, 0.1, 0.2]);
    expect(Array.from(c.delays as Float64Array)).toEqual([0, 0, 2, 3, 3, 3]);
    expect(new LILBuilder().add(0, [1, 2], [1, 2], 4).build().delays).toBe(4); // uniform delays collapse
  });

  it('merges two adds of the same post rank, but a duplicate synapse is an error', () => {
    const c = new LILBuilder().add(0, [3], [1]).add(0, [1], [2]).build();
    expect(rowsOf(c)).toEqual([[0, [1, 3]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([2, 1]);
    expect(() => new LILBuilder().add(0, [1], [1]).add(0, [1], [2]).build()).toThrow(/pre rank 1 to post rank 0 is declared more than once/);
    expect(() => new LILBuilder().add(0, [1, 1], 1).build()).toThrow(NetworkError);
  });

  it('checks value lengths, ranks and bounds', () => {
    expect(() => new LILBuilder().add(0, [1, 2, 3], [1, 2])).toThrow(/3 pre ranks but 2 weights/);
    expect(() => new LILBuilder().add(-1, [1], 1)).toThrow(/post rank/);
    expect(() => new LILBuilder().add(0, [1], 1, -2)).toThrow(/invalid delays value -2/);
    expect(() => new LILBuilder().add(0, [9], 1).build({ preSize: 5 })).toThrow(/pre rank 9/);
  });

  it('property: any set of distinct synapses added in any order builds the sorted CSR', () => {
    const synapses = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { selector: ([a, b]) => a * 8 + b, maxLength: 40 });
    fc.assert(fc.property(synapses, (pairs) => {
      const lil = new LILBuilder();
      pairs.forEach(([post, pre], i) => lil.add(post, [pre], [i]));
      const c = lil.build({ preSize: 8, postSize: 8 });
      validateConnectivity(c, { preSize: 8, postSize: 8 });
      const sorted = [...pairs.map((p, i) => [...p, i])].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(Array.from(c.preRanks)).toEqual(sorted.map((t) => t[1]));
      expect(Array.from(c.weights as Float64Array)).toEqual(sorted.map((t) => t[2]));
    }));
  });

  it('withFunc calls the user function with pre, post and the extra arguments', () => {
    const diagonal = (pre: NeuronSet, post: NeuronSet, w: number, shift: number): LILBuilder => {
      const lil = new LILBuilder();
      for (const p of post.ranks) if (p + shift < pre.populationSize) lil.add(p, [p + shift], [w]);
      return lil;
    };
    const c: Connectivity = withFunc(population(5), population(5), diagonal, [0.5, 1], { preSize: 5, postSize: 5 });
    expect(rowsOf(c)).toEqual([[0, [1]], [1, [2]], [2, [3]], [3, [4]]]);
    expect(() => withFunc(1, 2, () => ({}) as LILBuilder, [])).toThrow(/must return a LILBuilder/);
  });
});

describe('validateConnectivity', () => {
  it('reports broken invariants', () => {
    const ok: Connectivity = { postRanks: Int32Array.of(0, 2), rowPtr: Int32Array.of(0, 1, 3), preRanks: Int32Array.of(1, 0, 2), weights: 1, delays: 0 };
    expect(() => validateConnectivity(ok, { preSize: 3, postSize: 3 })).not.toThrow();
    expect(() => validateConnectivity({ ...ok, postRanks: Int32Array.of(2, 0) })).toThrow(/strictly increasing/);
    expect(() => validateConnectivity({ ...ok, preRanks: Int32Array.of(1, 2, 0) })).toThrow(/pre ranks of post rank 2/);
    expect(() => validateConnectivity({ ...ok, weights: new Float64Array(2) })).toThrow(/2 weights for 3 synapses/);
    expect(() => validateConnectivity({ ...ok, delays: -1 })).toThrow(/invalid delay/);
    expect(() => validateConnectivity(ok, { postSize: 2 })).toThrow(/post rank 2 out of range/);
  });
});
