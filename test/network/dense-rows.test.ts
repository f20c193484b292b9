// Dense projections (src/ir/dense-rows.ts, ProjectionPlan.denseRows): a weighted sum over rows that
// hold every pre-synaptic rank in order ('all'), or every one but the post neuron's own
// ('all-but-self'), takes the pre rank from the synapse's position instead of loading
// `_pre_rank[k]`. The same synapses in the same order: each network below runs with the layout and
// with it switched off (setDenseRowsLayout, @internal) and gives the same bits on js, wasm and cpp;
// the plan flag is set exactly for the dense projections, and the generated sums read no
// `_pre_rank` where it is set.
import { describe, it, expect, afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Uniform, type BackendName, type Population } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { setDenseRowsLayout, denseRowsOf } from '../../src/ir/dense-rows.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');
const BACKENDS: [BackendName, boolean][] = [['js', false], ['wasm', false], ['cpp', !compiler]];

const Rate = new Neuron({
  parameters: 'tau = 10.0',
  equations: 'tau * dx/dt + x = sum(exc) + sum(inh)\n r = tanh(x)',
});
// 14 and 9 neurons: rows of 13 and 14 synapses (tails of 1 and 2 after the groups of four), the
// own rank of an 'all-but-self' row before, inside and after the whole groups.
const N = 14, M = 9;

type Kind = 'all' | 'all-but-self' | 'slice' | 'whole-slice' | 'post-slice' | 'one-missing' | 'structural';

/** A rate network with one projection of the kind named (plus a max one onto itself where dense). */
function build(kind: Kind, backend: BackendName) {
  const net = new Network({ dt: 1.0, seed: 42, backend, structuralPlasticity: kind === 'structural' });
  const a = net.create(N, Rate, { name: 'a' });
  const b = net.create(M, Rate, { name: 'b' });
  a.x = Array.from({ length: N }, (_, i) => Math.sin(1.7 * i + 0.3));
  a.r = (a.x as Float64Array).map(Math.tanh);
  const w = { weights: new Uniform(-1, 1) };
  const target: Population = kind === 'all' || kind === 'post-slice' ? b : a;
  const post = kind === 'post-slice' ? b.slice(1, M) : target;
  const pre = kind === 'slice' ? a.slice(2, N) : kind === 'whole-slice' ? a.slice(0, N) : a;
  const proj = net.connect(pre, post, 'exc', undefined, { name: 'exc' });
  if (kind === 'one-missing') {
    const rows = Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => (i === j || (i === 5 && j === 8) ? null : 0.1 * Math.cos(i * N + j))));
    proj.connectFromMatrix(rows);
  } else {
    proj.connectAllToAll({ ...w, allowSelfConnections: kind === 'all' || kind === 'whole-slice' });
  }
  // A max reduction over every pre rank but the own one, into `inh` of a.
  net.connect(a, a, 'inh', new Synapse({ operation: 'max' }), { name: 'inh' }).connectAllToAll({ ...w, allowSelfConnections: false });
  const mon = [net.monitor(a, 'r'), net.monitor(b, 'r')];
  return { net, mon };
}

async function run(kind: Kind, backend: BackendName, dense: boolean) {
  const was = setDenseRowsLayout(dense);
  try {
    const { net, mon } = build(kind, backend);
    await net.compile({ directory });
    await net.simulate(20);
    const source = (net.engine as unknown as { source: string }).source;
    return { plan: net.plan!, rows: mon.map((m) => (m.get('r') as Float64Array[]).map((r) => Array.from(r))), source };
  } finally {
    setDenseRowsLayout(was);
  }
}

const expectedShape: Record<Kind, string | undefined> = {
  all: 'all', 'all-but-self': 'all-but-self', 'whole-slice': 'all',
  slice: undefined, 'post-slice': undefined, 'one-missing': undefined, structural: undefined,
};

afterEach(() => { setDenseRowsLayout(true); });

describe.each(BACKENDS)('dense rows of weighted sums on %s', (backend, skip) => {
  for (const kind of Object.keys(expectedShape) as Kind[]) {
    it.skipIf(skip)(`${kind}: the plan flag, and the same bits as the index layout`, async () => {
      const on = await run(kind, backend, true);
      const off = await run(kind, backend, false);
      const shapes = on.plan.projections.map((p) => p.denseRows);
      expect(shapes).toEqual([expectedShape[kind], kind === 'structural' ? undefined : 'all-but-self']);
      expect(off.plan.projections.map((p) => p.denseRows)).toEqual([undefined, undefined]);
      // The network moves (the sums matter), and both layouts give the same bits.
      expect(on.rows[0][19]).not.toEqual(on.rows[0][0]);
      expect(on.rows).toEqual(off.rows);
      // Where every projection is dense, no sum loads a pre rank; with the index, they do.
      expect(off.source).toContain('_pre_rank');
      if (shapes.every((s) => s !== undefined)) expect(on.source).not.toContain('_pre_rank');
      else expect(on.source).toContain('_pre_rank');
    });
  }
});

describe.each(BACKENDS)('dense rows of continuous transmission on %s', (backend, skip) => {
  // A spiking population coupled to itself by gap junctions (psp = w·(pre.v − post.v), no
  // self-connections): the continuous sum goes through the same loop.
  it.skipIf(skip)('the same bits as the index layout', async () => {
    const once = async (dense: boolean) => {
      const was = setDenseRowsLayout(dense);
      try {
        const net = new Network({ dt: 1.0, seed: 3, backend });
        const pop = net.create(N, new Neuron({ parameters: 'tau = 4.0', equations: 'tau * dv/dt = 1.2 - v + g_gap', spike: 'v > 1.0', reset: 'v = 0.0' }));
        pop.v = Array.from({ length: N }, (_, i) => (i * 0.37) % 1);
        net.connect(pop, pop, 'gap', new Synapse({ psp: 'w * (pre.v - post.v)' })).connectAllToAll({ weights: new Uniform(0, 0.2) });
        const m = net.monitor(pop, 'v');
        await net.compile({ directory });
        await net.simulate(30);
        return { shape: net.plan!.projections[0].denseRows, v: (m.get('v') as Float64Array[]).map((r) => Array.from(r)) };
      } finally {
        setDenseRowsLayout(was);
      }
    };
    const on = await once(true), off = await once(false);
    expect([on.shape, off.shape]).toEqual(['all-but-self', undefined]);
    expect(on.v[29]).not.toEqual(on.v[0]);
    expect(on.v).toEqual(off.v);
  });
});

describe('load() after compile', () => {
  /** N neurons onto themselves, row i without rank `skip(i)` (the own rank: dense). */
  const net = (skip: (i: number) => number) => {
    const n = new Network({ dt: 1.0, seed: 1 });
    const a = n.create(5, Rate, { name: 'a' });
    n.connect(a, a, 'exc', undefined, { name: 'exc' }).connectFromMatrix(Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (j === skip(i) ? null : 0.5))));
    return n;
  };
  it('refuses synapses of another shape for a dense projection, accepts the same ones', async () => {
    const file = path.join(os.tmpdir(), `neurarchy-dense-rows-${process.pid}.npz`);
    const other = net((i) => (i + 1) % 5); // as many synapses, another rank skipped
    await other.save(file);
    const dense = net((i) => i);
    await dense.compile();
    expect(dense.plan!.projections[0].denseRows).toBe('all-but-self');
    await expect(dense.load(file)).rejects.toThrow(/projection 'exc': the file's synapses differ .* load the file before compile/);
    const same = net((i) => i);
    await same.save(file);
    await dense.load(file);
    // Before compile, the file's synapses replace the connectivity and the plan follows them.
    const fresh = net((i) => i);
    await fresh.load(path.join(os.tmpdir(), `neurarchy-dense-rows-${process.pid}.npz`));
    await other.save(file);
    await fresh.load(file);
    await fresh.compile();
    expect(fresh.plan!.projections[0].denseRows).toBeUndefined();
  });
});

describe('denseRowsOf', () => {
  const csr = (rows: number[][], postRanks = rows.map((_, i) => i)) => ({
    postRanks, preRanks: rows.flat(), rowPtr: rows.reduce((p, r) => [...p, p[p.length - 1] + r.length], [0]),
  });
  it('accepts full rows and rows without the own rank, in order', () => {
    expect(denseRowsOf(csr([[0, 1, 2], [0, 1, 2]]), 3, 2)).toBe('all');
    expect(denseRowsOf(csr([[1, 2], [0, 2], [0, 1]]), 3, 3)).toBe('all-but-self');
  });
  it('refuses anything else with the same counts', () => {
    // Right number of synapses, wrong rank skipped (row 1 skips 0, not 1).
    expect(denseRowsOf(csr([[1, 2], [1, 2], [0, 1]]), 3, 3)).toBeUndefined();
    // A full row and a short one.
    expect(denseRowsOf(csr([[0, 1, 2], [0], [0, 1]]), 3, 3)).toBeUndefined();
    // Missing dendrites (a post view), or post ranks not those of the rows.
    expect(denseRowsOf(csr([[0, 1, 2]], [1]), 3, 2)).toBeUndefined();
    expect(denseRowsOf(csr([[0, 1, 2], [0, 1, 2]], [1, 0]), 3, 2)).toBeUndefined();
    // 'all-but-self' needs equal sizes; one pre neuron skipped in every row is not it.
    expect(denseRowsOf(csr([[0, 1], [0, 1]]), 3, 2)).toBeUndefined();
    expect(denseRowsOf(csr([[], []]), 0, 2)).toBeUndefined();
  });
});
