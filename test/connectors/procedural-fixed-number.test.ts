// Procedural fixed-number-post connectivity (connectors/procedural.ts, kind 'number'): every row
// holds exactly `number` distinct candidates in ascending order, never the neuron itself when
// self-connections are not allowed, drawn uniformly (a chi-square over many rows, and the rows
// against the law of a uniformly drawn subset); the thinning by hand from the gap and selection
// words; the stored form (`materialize`) holds exactly the regenerated rows with their weights and
// delays; and the options the rule refuses, as the stored connector does.
import { describe, it, expect } from 'vitest';
import { proceduralFixedNumberRule, materialize, proceduralRow, rowDraws, RowGaps, thinningProbability, type ProceduralRule } from '../../src/connectors/procedural.js';
import { mulhi32, philox4x32_10 } from '../../src/random/philox.js';
import type { NeuronSet } from '../../src/connectors/types.js';
import { Network, Neuron, Uniform, Normal } from '../../src/index.js';
import { reportMarkdown } from '../../src/report/index.js';

const token = {};
function set(ranks: number[], size: number, same: unknown = token): NeuronSet {
  return { ranks: Int32Array.from(ranks), populationSize: size, populationGeometry: [size], populationId: 0, samePopulationAs: same };
}
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

function rule(number: number, options: Partial<Parameters<typeof proceduralFixedNumberRule>[2]> = {}, pre = set(all(200), 200), post = set(all(300), 300, {})): ProceduralRule {
  return proceduralFixedNumberRule(pre, post, { number, weights: 1, delays: 0, seed: 5, stream: 0x20003, dt: 0.1, ...options }, 'test');
}

function row(r: ProceduralRule, pre: number): number[] {
  const out: number[] = [];
  proceduralRow(r, pre, (post, m) => { expect(m).toBe(out.length); out.push(post); });
  return out;
}

describe('procedural fixed-number rows', () => {
  it('hold exactly `number` distinct candidates, ascending, for every row and every number up to all of them', () => {
    for (const number of [0, 1, 7, 40, 150, 299, 300]) {
      const r = rule(number);
      expect(r.kind).toBe('number');
      for (let pre = 0; pre < 200; pre++) {
        const posts = row(r, pre);
        expect(posts.length, `number ${number}, row ${pre}`).toBe(number);
        for (let i = 1; i < posts.length; i++) expect(posts[i]).toBeGreaterThan(posts[i - 1]);
        for (const p of posts) expect(p >= 0 && p < 300).toBe(true);
      }
    }
  });

  it('never the neuron itself in one population without self-connections (one candidate fewer: all of them but itself at the most); itself allowed, it is drawn as any other', () => {
    const P = set(all(120), 120);
    const r = rule(30, {}, P, P);
    let self = 0;
    for (let pre = 0; pre < 120; pre++) {
      const posts = row(r, pre);
      expect(posts.length).toBe(30);
      expect(posts).not.toContain(pre);
    }
    // All but itself: exactly the others.
    const most = rule(119, {}, P, P);
    for (const pre of [0, 57, 119]) expect(row(most, pre)).toEqual(all(120).filter((i) => i !== pre));
    const allowed = rule(30, { allowSelfConnections: true }, P, P);
    for (let pre = 0; pre < 120; pre++) if (row(allowed, pre).includes(pre)) self++;
    // 120 rows, each holding itself with probability 30/120: about 30.
    expect(self).toBeGreaterThan(12);
    expect(self).toBeLessThan(50);
  });

  it('skip the neuron itself among candidates that are not consecutive (a view with gaps: its index read from _proc_self)', () => {
    const view = all(400).filter((i) => i % 3 !== 1);
    const r = rule(60, {}, set(all(400), 400), set(view, 400));
    expect(r.consecutiveFrom).toBeUndefined();
    expect(r.selfIndices).toBeDefined();
    for (let pre = 0; pre < 400; pre++) {
      expect(r.selfIndices![pre]).toBe(view.indexOf(pre));
      const posts = row(r, pre);
      expect(posts.length).toBe(60);
      expect(posts).not.toContain(pre);
      for (const p of posts) expect(p % 3).not.toBe(1);
    }
  });

  it('are the thinned Bernoulli rows by hand: the gap words of the first attempt with enough candidates, then a selection word per kept candidate', () => {
    const r = rule(12);
    const n = 300, k = 12;
    for (const pre of [0, 3, 199]) {
      // The Bernoulli rows of the row's attempts (gap words of counter word 3 = attempt).
      const gaps = new RowGaps(r);
      let kept: number[] = [];
      for (let attempt = 0; ; attempt++) {
        gaps.start(pre, attempt);
        kept = [];
        for (let j = gaps.next(); j < n; j += 1 + gaps.next()) kept.push(j);
        if (kept.length >= k) break;
      }
      // Algorithm S over them with the selection words (blocks (b, pre, 0xfffffffa, 0)).
      const words = Array.from({ length: Math.ceil(kept.length / 4) }, (_, b) => Array.from(philox4x32_10(b, pre, 0xfffffffa, 0, 5, 0x20003, new Uint32Array(4)))).flat();
      const chosen: number[] = [];
      for (let i = 0; i < kept.length && chosen.length < k; i++) if (mulhi32(words[i], kept.length - i) < k - chosen.length) chosen.push(kept[i]);
      expect(row(r, pre)).toEqual(chosen);
    }
  });

  it('draw each candidate about number / N times: a chi-square over 4000 rows with a wide bound; pairs too', () => {
    const N = 50, k = 8, rows = 4000;
    const r = rule(k, { seed: 77 }, set(all(rows), rows), set(all(N), N, {}));
    const hits = new Array(N).fill(0);
    const first = new Array(N).fill(0);
    for (let pre = 0; pre < rows; pre++) {
      const posts = row(r, pre);
      for (const p of posts) hits[p]++;
      first[posts[0]]++;
    }
    const expected = (rows * k) / N;
    let chi2 = 0;
    for (const h of hits) chi2 += (h - expected) ** 2 / expected;
    // A uniform k-subset: each count is Binomial(rows, k/N), chi2 ≈ (N − 1)(1 − k/N) ≈ 41, sd ≈ 8.
    expect(chi2).toBeLessThan(90);
    expect(chi2).toBeGreaterThan(10);
    // The smallest of a uniform k-subset of N is j with probability C(N − 1 − j, k − 1) / C(N, k).
    const binom = (a: number, b: number) => { let v = 1; for (let i = 0; i < b; i++) v = (v * (a - i)) / (i + 1); return v; };
    let chiFirst = 0, cells = 0;
    for (let j = 0; j <= N - k; j++) {
      const e = (rows * binom(N - 1 - j, k - 1)) / binom(N, k);
      if (e < 5) continue;
      cells++;
      chiFirst += (first[j] - e) ** 2 / e;
    }
    expect(chiFirst).toBeLessThan(cells + 6 * Math.sqrt(2 * cells));
  });

  it('cost O(number) words: the thinned rows hold about number + 3 sqrt(number) + 3 candidates, and rarely need a second attempt', () => {
    expect(thinningProbability(100, 10000)).toBeCloseTo(133 / 10000, 12);
    expect(thinningProbability(9800, 10000)).toBe(1);
    expect(thinningProbability(0, 10)).toBe(0);
    const r = rule(100, {}, set(all(2000), 2000), set(all(10000), 10000, {}));
    const gaps = new RowGaps(r);
    let retried = 0, total = 0;
    for (let pre = 0; pre < 2000; pre++) {
      gaps.start(pre, 0);
      let c = 0;
      for (let j = gaps.next(); j < 10000; j += 1 + gaps.next()) c++;
      total += c;
      if (c < 100) retried++;
    }
    expect(total / 2000).toBeGreaterThan(125);
    expect(total / 2000).toBeLessThan(141);
    expect(retried).toBeLessThan(12);
  });
});

describe('procedural fixed-number: the stored form', () => {
  it('materialize stores exactly the regenerated rows, with their drawn weights and delays', () => {
    const r = rule(25, { weights: new Uniform(0.2, 0.5), delays: new Normal(1, 0.4, { min: 0.1, max: 2 }) });
    const c = materialize(r, 'test');
    const draws = rowDraws(r);
    const got = new Map<string, [number, number]>();
    for (let i = 0; i < c.postRanks.length; i++) {
      for (let s = c.rowPtr[i]; s < c.rowPtr[i + 1]; s++) got.set(`${c.preRanks[s]} ${c.postRanks[i]}`, [(c.weights as Float64Array)[s], (c.delays as Float64Array)[s]]);
    }
    expect(got.size).toBe(200 * 25);
    for (let pre = 0; pre < 200; pre++) {
      proceduralRow(r, pre, (post, m) => expect(got.get(`${pre} ${post}`)).toEqual([draws.weight(pre, m), draws.delayMs(pre, m)]));
    }
  });
});

describe('procedural fixed-number: options', () => {
  const Simple = new Neuron({ equations: 'dv/dt = -v', spike: 'v > 1', reset: 'v = 0' });
  function net() {
    const n = new Network({ dt: 0.1, seed: 3 });
    const A = n.create(40, Simple, { name: 'A' });
    const B = n.create(10, Simple, { name: 'B' });
    return { n, A, B };
  }

  it('refuses number above the candidates, as the stored connector (one fewer without self-connections), and a number that is not a non-negative integer', () => {
    const { n, A, B } = net();
    expect(() => n.connect(A, B, 'exc', undefined, { name: 'ab' }).connectFixedNumberPost({ number: 11, weights: 1, procedural: true })).toThrow(/cannot choose 11 distinct post-synaptic neurons for pre rank 0: only 10 available/);
    expect(() => n.connect(A, A, 'exc', undefined, { name: 'aa' }).connectFixedNumberPost({ number: 40, weights: 1, procedural: true })).toThrow(/cannot choose 40 distinct post-synaptic neurons for pre rank 0: only 39 available \(self-connections excluded\)/);
    expect(() => n.connect(A, A, 'exc').connectFixedNumberPost({ number: 40, weights: 1, procedural: true, allowSelfConnections: true })).not.toThrow();
    for (const number of [-1, 2.5, Number.NaN]) expect(() => n.connect(A, B, 'exc').connectFixedNumberPost({ number, weights: 1, procedural: true })).toThrow(/number must be a non-negative integer/);
    // The stored connector refuses the same.
    expect(() => n.connect(A, A, 'exc').connectFixedNumberPost({ number: 40, weights: 1 })).toThrow(/only 39 available \(self-connections excluded\)/);
  });

  it('refuses unknown keys, another procedural value, and per-synapse arrays of weights', () => {
    const { n, A, B } = net();
    expect(() => n.connect(A, B, 'exc').connectFixedNumberPost({ number: 2, weights: 1, procedural: true, probabilty: 0.1 } as never)).toThrow(/probabilty/);
    expect(() => n.connect(A, B, 'exc').connectFixedNumberPost({ number: 2, weights: 1, procedural: 'yes' as never })).toThrow(/procedural must be true, false or 'stored', got/);
    expect(() => n.connect(A, B, 'exc').connectFixedNumberPost({ number: 2, weights: new Float64Array(80) as never, procedural: true })).toThrow(/procedural weights must be a number or a distribution/);
  });

  it('fixedNumberPre refuses procedural: true and \'stored\', naming the projection, the option and the fixes', () => {
    const { n, A, B } = net();
    for (const procedural of [true, 'stored'] as const) {
      expect(() => n.connect(A, B, 'exc', undefined, { name: `pre ${procedural}` }).connectFixedNumberPre({ number: 3, weights: 1, procedural: procedural as never }))
        .toThrow(/projection 'pre (true|stored)'.*connectFixedNumberPre.*procedural: (true|'stored') is not possible.*Use connectFixedNumberPost\(\{ number, procedural: true \}\).*connectFixedProbability\(\{ probability, procedural: true \}\).*store the synapses/);
    }
    expect(() => n.connect(A, B, 'exc').connectFixedNumberPre({ number: 3, weights: 1, procedural: false })).not.toThrow();
  });

  it('counts its synapses and dendrites by drawing its rows; procedural: \'stored\' holds the same number', () => {
    const { n, A, B } = net();
    const p = n.connect(A, B, 'exc').connectFixedNumberPost({ number: 4, weights: 1, procedural: true });
    const s = n.connect(A, B, 'exc').connectFixedNumberPost({ number: 4, weights: 1, procedural: 'stored' });
    expect(p.nbSynapses).toBe(160);
    expect(s.nbSynapses).toBe(160);
    expect(p.connector).toBe('fixed number post 4 (procedural)');
    // The report: the connector, the density number / candidates (4 of 10), the expected count.
    const report = reportMarkdown(n);
    expect(report).toContain('fixed number post 4 (procedural): density 40 %');
  });
});
