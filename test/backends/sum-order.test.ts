// The summation order of a rate-coded weighted sum (src/backends/kernels/synapse-loops.ts
// `dendriteSumLoop`), the same on every CPU backend and at every number of threads: sum and mean
// keep four partial sums, synapse j of a dendrite (0-based, in index order) going to partial j mod 4,
// combined as (s0 + s1) + (s2 + s3); max and min take the synapses in index order. The pre-synaptic
// rates mix ±1e16 with small integers, so that the sequential sum and the interleaved one differ
// (1e16 + 1 rounds to 1e16): the expected values below are computed here in the documented order,
// for dendrite lengths 0 to 9 (every tail length after whole groups of four), and compared exactly.
// Filler dendrites take the projection above cpp's synapse threshold, so that 2 threads share the
// dendrites (each dendrite is summed whole by one thread, in the same order).
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Synapse, type BackendName, type CompileOptions } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { SYNAPSE_THRESHOLD } from '../../src/backends/cpp/parallel.js';
import type { CppEngine } from '../../src/backends/cpp/engine.js';
import type { WasmEngine } from '../../src/backends/wasm/engine.js';
import { TEST_CACHE } from '../helpers/backends.js';

const compiler = await findCompiler();

const HEAD = [1e16, 1, 1, -1e16, 1, 1, 3, 1e16, -1e16];
const LENGTHS = 10; // dendrites of 0 to 9 synapses, from pre-synaptic neurons 0, 1, …
const FILLER_PRE = 1000;
const FILLERS = Math.ceil(SYNAPSE_THRESHOLD / FILLER_PRE);
/** The pre-synaptic rates: HEAD, then values whose sums round differently in different orders. */
const rates = Array.from({ length: FILLER_PRE }, (_, j) => (j < HEAD.length ? HEAD[j] : (j % 7 === 0 ? 1e16 : 0.1 * j) * (j % 2 ? -1 : 1)));
/** The pre-synaptic neurons of post-synaptic neuron `p` (one synapse each, weight 1). */
const row = (p: number) => Array.from({ length: p < LENGTHS ? p : FILLER_PRE }, (_, j) => j);

/** The documented order: partial j mod 4 in index order, then (s0 + s1) + (s2 + s3). */
function interleaved(xs: number[]): number {
  const s = [0, 0, 0, 0];
  xs.forEach((x, j) => { s[j % 4] += x; });
  return (s[0] + s[1]) + (s[2] + s[3]);
}

function sequential(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

type Op = 'sum' | 'mean' | 'max' | 'min';
const OPS: Op[] = ['sum', 'mean', 'max', 'min'];

function expected(op: Op, xs: number[]): number {
  if (xs.length === 0) return 0; // no dendrite: nothing is added
  switch (op) {
    case 'sum': return interleaved(xs);
    case 'mean': return interleaved(xs) / xs.length;
    case 'max': return xs.reduce((a, b) => (b > a ? b : a), -Infinity);
    case 'min': return xs.reduce((a, b) => (b < a ? b : a), Infinity);
  }
}

function build(backend: BackendName, numThreads: number) {
  const net = new Network({ backend, numThreads });
  const pre = net.create(FILLER_PRE, new Neuron({ parameters: 'r = 0.0' }), { name: 'pre' });
  pre.r = rates;
  const posts = OPS.map((op) => {
    const post = net.create(LENGTHS + FILLERS, new Neuron({ equations: 'r = sum(exc)' }), { name: op });
    const matrix = Array.from({ length: LENGTHS + FILLERS }, (_, p) => {
      const m: (number | null)[] = new Array<number | null>(FILLER_PRE).fill(null);
      for (const j of row(p)) m[j] = 1;
      return m;
    });
    net.connect(pre, post, 'exc', new Synapse({ operation: op }), { name: `${op} projection` }).connectFromMatrix(matrix);
    return post;
  });
  return { net, posts };
}

const runs: { name: string; backend: BackendName; threads: number; options: CompileOptions }[] = [
  { name: 'js', backend: 'js', threads: 1, options: {} },
  ...[1, 2].map((threads) => ({ name: `wasm, ${threads} thread(s)`, backend: 'wasm' as const, threads, options: { numThreads: threads } })),
  ...(compiler ? [1, 2].map((threads) => ({ name: `cpp, ${threads} thread(s)`, backend: 'cpp' as const, threads, options: { directory: TEST_CACHE, numThreads: threads } })) : []),
];

describe('the summation order of rate-coded weighted sums', () => {
  it('the pre-synaptic rates make the sequential and the interleaved sums differ', () => {
    const differ = Array.from({ length: LENGTHS }, (_, p) => row(p).map((j) => rates[j]))
      .filter((xs) => sequential(xs) !== interleaved(xs)).length;
    expect(differ).toBeGreaterThanOrEqual(3);
    expect(sequential(rates)).not.toBe(interleaved(rates));
  });

  for (const run of runs) {
    it(`${run.name}: sum(exc) in the documented order for every dendrite length (sum, mean; max, min in index order)`, async () => {
      const { net, posts } = build(run.backend, run.threads);
      await net.compile({ backend: run.backend, ...run.options });
      if (run.backend === 'cpp') {
        expect((net.engine as CppEngine).info.threads).toBe(run.threads);
        if (run.threads > 1) expect(net.source).toContain('#pragma omp parallel for');
      }
      await net.step();
      // wasm with threads: each projection's dendrites were shared between the threads (one fork each).
      if (run.backend === 'wasm') expect((net.engine as WasmEngine).forks).toBe(run.threads > 1 ? OPS.length : 0);
      OPS.forEach((op, o) => {
        const got = Array.from(posts[o].r as Float64Array);
        const want = got.map((_, p) => expected(op, row(p).map((j) => rates[j])));
        for (let p = 0; p < got.length; p++) expect(got[p], `${op}, dendrite ${p} (${row(p).length} synapses)`).toBe(want[p]);
      });
      net.dispose?.();
    }, 120_000);
  }
});
