// Procedural connectivity (connectors/procedural.ts): the geometric table and gaps by hand and by
// their law, the rows against their stored form, and the rule's options and refusals.
import { describe, it, expect } from 'vitest';
import { proceduralRule, materialize, proceduralRow, RowGaps, thresholdsAbove, geometricTable, rowDraws, type ProceduralRule } from '../../src/connectors/procedural.js';
import { philox4x32_10 } from '../../src/random/philox.js';
import type { NeuronSet } from '../../src/connectors/types.js';
import { Normal, Uniform, LogNormal } from '../../src/index.js';

const token = {};
function set(ranks: number[], size: number, same: unknown = token): NeuronSet {
  return { ranks: Int32Array.from(ranks), populationSize: size, populationGeometry: [size], populationId: 0, samePopulationAs: same };
}
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

function rule(p: number, options: Partial<Parameters<typeof proceduralRule>[2]> = {}, pre = set(all(200), 200), post = set(all(300), 300, {})): ProceduralRule {
  return proceduralRule(pre, post, { probability: p, weights: 1, delays: 0, seed: 5, stream: 0x20003, dt: 0.1, ...options }, 'test');
}

describe('geometric table', () => {
  it('holds floor((1 − p)^k · 2^32) for k = 1 … ceil(4/p)', () => {
    const t = geometricTable(0.5);
    expect(Array.from(t)).toEqual([2 ** 31, 2 ** 30, 2 ** 29, 2 ** 28, 2 ** 27, 2 ** 26, 2 ** 25, 2 ** 24]);
    const q = geometricTable(0.25);
    expect(q.length).toBe(16);
    expect(q[0]).toBe(0.75 * 2 ** 32);
    expect(q[1]).toBe(0.5625 * 2 ** 32);
    expect(geometricTable(1).length).toBe(0);
    expect(geometricTable(1e-9).length).toBe(1 << 16);
  });

  it('each gap counts the thresholds its word is below; below all of them, the next word adds on', () => {
    const r = rule(0.5);
    const count = (x: number) => r.table.filter((t) => x < t).length;
    for (const x of [0, 1, 2 ** 24 - 1, 2 ** 24, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) expect(thresholdsAbove(r.table, x)).toBe(count(x));
    // The row's words in order, four per block (b, pre, gap word, 0).
    const words = [0, 1, 2].flatMap((b) => Array.from(philox4x32_10(b, 7, 0xfffffffd, 0, 5, 0x20003, new Uint32Array(4))));
    const expected: number[] = [];
    for (let w = 0, gap = 0; w < words.length; w++) {
      gap += count(words[w]);
      if (count(words[w]) < r.table.length) { expected.push(gap); gap = 0; }
    }
    const gaps = new RowGaps(r);
    gaps.start(7);
    expect(expected.map(() => gaps.next())).toEqual(expected);
  });

  it('the bucket of a word bounds its count from above; stepping down reaches it', () => {
    for (const p of [0.5, 0.02, 8e-4]) {
      const r = rule(p);
      expect(r.buckets.length).toBe(4096);
      const words = Array.from(philox4x32_10(1, 2, 3, 4, 5, 6, new Uint32Array(4)));
      for (const x of [...words, 0, 2 ** 20 - 1, 2 ** 20, r.table[r.table.length - 1], r.table[0] - 1, r.table[0], 2 ** 32 - 1]) {
        let c = r.buckets[x >>> 20];
        expect(c).toBeGreaterThanOrEqual(thresholdsAbove(r.table, x));
        while (c > 0 && x >= r.table[c - 1]) c--;
        expect(c).toBe(thresholdsAbove(r.table, x));
      }
    }
  });

  it('gaps follow the geometric law (mean (1 − p)/p, P(gap = 0) = p)', () => {
    for (const p of [0.3, 0.02]) {
      const r = rule(p);
      let sum = 0, zeros = 0;
      const n = 40000;
      const gaps = new RowGaps(r);
      for (let i = 0; i < n; i++) {
        if (i % 1000 === 0) gaps.start(i / 1000);
        const g = gaps.next();
        sum += g;
        if (g === 0) zeros++;
      }
      const mean = (1 - p) / p, sd = Math.sqrt(1 - p) / p;
      expect(Math.abs(sum / n - mean)).toBeLessThan(5 * sd / Math.sqrt(n));
      expect(Math.abs(zeros / n - p)).toBeLessThan(5 * Math.sqrt(p * (1 - p) / n));
    }
  });
});

describe('rows and their stored form', () => {
  it('the stored form holds exactly the regenerated rows, post-major and sorted', () => {
    const r = rule(0.1, { weights: new Uniform(1, 2), delays: new Uniform(0.5, 3) });
    const c = materialize(r, 'test');
    const draws = rowDraws(r);
    const byPre = new Map<number, number[]>();
    for (const pre of r.preRanks) {
      const row: number[] = [];
      proceduralRow(r, pre, (post, m) => { row.push(post); expect(draws.weight(pre, m)).toBeGreaterThanOrEqual(1); });
      expect(row).toEqual([...row].sort((a, b) => a - b));
      byPre.set(pre, row);
    }
    const stored = new Map<number, number[]>();
    const w = c.weights as Float64Array;
    const d = c.delays as Float64Array;
    for (let i = 0; i < c.postRanks.length; i++) {
      for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) {
        const pre = c.preRanks[k];
        if (!stored.has(pre)) stored.set(pre, []);
        stored.get(pre)!.push(c.postRanks[i]);
        expect(w[k]).toBeGreaterThanOrEqual(1);
        expect(w[k]).toBeLessThan(2);
        expect(d[k]).toBeGreaterThanOrEqual(0.5);
      }
    }
    for (const [pre, row] of byPre) expect(stored.get(pre) ?? []).toEqual(row);
    // About p · N_pre · N_post synapses (binomial: within 5 sd).
    const n = 200 * 300, mean = 0.1 * n;
    expect(Math.abs(c.preRanks.length - mean)).toBeLessThan(5 * Math.sqrt(mean * 0.9));
  });

  it('the weight of synapse m of row r is drawn from its own Philox block (uniform: two words, 53 bits)', () => {
    const r = rule(0.2, { weights: new Uniform(-1, 3) });
    const b = philox4x32_10(0, 17, 0xfffffffc, 4, 5, 0x20003, new Uint32Array(4));
    const u = ((b[0] >>> 11) * 4294967296 + b[1]) * 2 ** -53;
    expect(rowDraws(r).weight(17, 4)).toBe(-1 + 4 * u);
  });

  it('a clipped Normal and other distributions are drawn per synapse, the same on every call', () => {
    const r = rule(0.2, { weights: new Normal(0, 1, { min: -0.5, max: 0.5 }), delays: new LogNormal(0, 0.3, { max: 5 }) as never });
    const draws = rowDraws(r);
    const ws = Array.from({ length: 2000 }, (_, m) => draws.weight(3, m));
    expect(Math.min(...ws)).toBe(-0.5);
    expect(Math.max(...ws)).toBe(0.5);
    expect(draws.weight(3, 11)).toBe(ws[11]);
  });

  it('self-connections are left out within a population (the stream does not depend on it) and kept when allowed', () => {
    const pop = set(all(50), 50);
    const without = proceduralRule(pop, pop, { probability: 1, weights: 1, delays: 0, seed: 1, stream: 2, dt: 1 }, 't');
    const withSelf = proceduralRule(pop, pop, { probability: 1, weights: 1, delays: 0, seed: 1, stream: 2, dt: 1, allowSelfConnections: true }, 't');
    expect(materialize(without, 't').preRanks.length).toBe(50 * 49);
    expect(materialize(withSelf, 't').preRanks.length).toBe(50 * 50);
    const half = proceduralRule(pop, pop, { probability: 0.3, weights: 1, delays: 0, seed: 1, stream: 2, dt: 1, allowSelfConnections: true }, 't');
    const halfNoSelf = proceduralRule(pop, pop, { probability: 0.3, weights: 1, delays: 0, seed: 1, stream: 2, dt: 1 }, 't');
    const rows = (x: ProceduralRule, pre: number) => { const out: number[] = []; proceduralRow(x, pre, (post) => out.push(post)); return out; };
    for (let pre = 0; pre < 50; pre++) expect(rows(halfNoSelf, pre)).toEqual(rows(half, pre).filter((p) => p !== pre));
  });

  it('a pre-synaptic view: only its neurons have rows, and candidates are the post ranks in ascending order', () => {
    const r = rule(0.5, {}, set([9, 3, 5], 10), set([7, 2, 4, 1], 8, {}));
    expect(Array.from(r.candidates)).toEqual([1, 2, 4, 7]);
    expect(Array.from(r.preMember!)).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
    const visited: number[] = [];
    for (let pre = 0; pre < 10; pre++) proceduralRow(r, pre, () => visited.push(pre));
    expect(new Set(visited).size).toBeLessThanOrEqual(3);
    for (const v of visited) expect([3, 5, 9]).toContain(v);
  });

  it('refuses arrays, unbounded delay distributions and bad probabilities, naming the connector', () => {
    expect(() => rule(0.1, { weights: [1, 2] })).toThrow(/procedural weights must be a number or a distribution .*procedural: 'stored'/);
    expect(() => rule(0.1, { delays: new Normal(2, 1) })).toThrow(/test: procedural delays drawn from Normal\(2, 1\) need bounds/);
    expect(() => rule(1.5)).toThrow(/test: probability must be a number in \[0, 1\]/);
    expect(materialize(rule(0), 't').preRanks.length).toBe(0);
  });
});
