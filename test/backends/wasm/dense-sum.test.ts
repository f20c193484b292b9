// The whole groups of a dense row's weighted sum on f64x2 pairs (src/backends/wasm/dense-sum.ts):
// the partials (_s0, _s1) and (_s2, _s3) are two pairs of lanes, each group adding w[k..k+1] ·
// r[p..p+1] and w[k+2..k+3] · r[p+2..p+3] (a multiplication, then an addition per lane). The same
// IEEE operations per partial in the same order as the scalar code, so every array keeps js's bits:
// - the kernel text says the transmission runs on pairs of partials for dense rows (float64 and
//   float32), and not for the index layout;
// - 'all' and 'all-but-self' rows of 13 to 16 neurons (every tail length after the whole groups, the
//   own rank before, inside and after them), precision float64 and float32, against js after each
//   of several chunks; a row of 317 (above the threshold at which the sums fork) on 2 threads;
// - a psp of another form (w * pre.r * 0.5) is left scalar.
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Neuron, Synapse, Uniform, type BackendName } from '../../../src/index.js';
import { setDenseRowsLayout } from '../../../src/ir/dense-rows.js';
import type { WasmEngine } from '../../../src/backends/wasm/engine.js';
import { snapshot, expectIdentical } from '../../helpers/conformance.js';

/** Every network a test built, disposed after it even when it failed (their workers would count in the next tests). */
const built: Network[] = [];
afterEach(() => {
  for (const n of built.splice(0)) n.dispose();
  setDenseRowsLayout(true);
});

const Rate = new Neuron({
  name: 'dense_sum_rate',
  parameters: 'tau = 10.0',
  equations: 'tau * dx/dt + x = sum(exc)\n r = tanh(x)',
});

type Rows = 'all' | 'all-but-self';
type Precision = 'float64' | 'float32';

/** N rate neurons projecting onto themselves with dense rows of kind `rows` (a psp of its own: `synapse`). */
function build(backend: BackendName, n: number, rows: Rows, precision: Precision, synapse?: Synapse): Network {
  const net = new Network({ dt: 1.0, seed: 11, backend, precision });
  built.push(net);
  const a = net.create(n, Rate, { name: 'a' });
  a.x = Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + 0.3));
  a.r = Array.from({ length: n }, (_, i) => Math.tanh(Math.sin(1.7 * i + 0.3)));
  net.connect(a, a, 'exc', synapse, { name: 'exc' }).connectAllToAll({ weights: new Uniform(-1, 1), allowSelfConnections: rows === 'all' });
  return net;
}

const source = (net: Network) => (net.engine as unknown as WasmEngine).source;

/** js and wasm (`threads`) run `chunks` chunks of 5 ms; every array compared after each. */
async function sameBits(n: number, rows: Rows, precision: Precision, threads: number, chunks = 3): Promise<Network> {
  const js = build('js', n, rows, precision);
  const wasm = build('wasm', n, rows, precision);
  await js.compile();
  await wasm.compile({ numThreads: threads });
  expect(wasm.plan!.projections[0].denseRows).toBe(rows);
  for (let c = 0; c < chunks; c++) {
    await js.simulate(5);
    await wasm.simulate(5);
    expectIdentical(snapshot(js), snapshot(wasm), `${rows}, ${n} neurons, ${precision}, ${threads} thread(s), chunk ${c}`);
  }
  return wasm;
}

describe('wasm: dense sums on f64x2 pairs of partials', () => {
  it.each(['float64', 'float32'] as const)('the transmission kernel runs its whole groups on pairs (%s), the index layout does not', async (precision) => {
    for (const rows of ['all', 'all-but-self'] as const) {
      const net = build('wasm', 14, rows, precision);
      await net.compile();
      expect(source(net)).toMatch(/;; proj0_transmit \(dense sums on f64x2 pairs of partials\)/);
    }
    setDenseRowsLayout(false);
    const index = build('wasm', 14, 'all', precision);
    await index.compile();
    expect(index.plan!.projections[0].denseRows).toBeUndefined();
    expect(source(index)).not.toContain('dense sums on f64x2');
  });

  for (const precision of ['float64', 'float32'] as const) {
    for (const rows of ['all', 'all-but-self'] as const) {
      it(`${rows}, ${precision}: 13 to 16 neurons, the bits of js after each chunk`, async () => {
        for (const n of [13, 14, 15, 16]) await sameBits(n, rows, precision, 1);
      });
    }
  }

  it('a psp of another form stays scalar, with the same bits', async () => {
    const scaled = new Synapse({ name: 'dense_sum_scaled', psp: 'w * pre.r * 0.5' });
    const js = build('js', 14, 'all-but-self', 'float64', scaled);
    const wasm = build('wasm', 14, 'all-but-self', 'float64', scaled);
    await js.compile();
    await wasm.compile();
    expect(wasm.plan!.projections[0].denseRows).toBe('all-but-self');
    expect(source(wasm)).not.toContain('dense sums on f64x2');
    await js.simulate(10);
    await wasm.simulate(10);
    expectIdentical(snapshot(js), snapshot(wasm), 'psp w * pre.r * 0.5');
  });

  it.each(['float64', 'float32'] as const)('2 threads, rows forked (317 neurons, %s): the bits of js', async (precision) => {
    for (const rows of ['all', 'all-but-self'] as const) {
      const wasm = await sameBits(317, rows, precision, 2, 2);
      expect((wasm.engine as unknown as WasmEngine).forks).toBeGreaterThan(0);
    }
  }, 60_000);
});
