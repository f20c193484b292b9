/**
 * Loop-invariant values of the synaptic equations computed once per step (`src/ir/invariants.ts`:
 * `a / b` → `a * (1 / b)` with `b` projection-wide) against the equations as written, on the Oja
 * network of bench/lib/oja.ts with Oja's `tau` and `alpha` declared `: projection` (as written
 * there they are per synapse, and nothing is computed once): the network built twice, one with the
 * hoisting switched off (`setInvariantHoisting`, @internal), simulated alternately in chunks
 * (`bench/lib/alternate.ts`); prints the min and median seconds per chunk of each and their ratio
 * (hoisted ÷ written).
 *
 *   npx tsx bench/oja-invariants-pair.ts --N 1000 --chunk 20 --pairs 8 --backend cpp
 */
import { parseArgs, emit } from './lib/args.js';
import { LeakyIntegrator } from './lib/oja.js';
import { alternate } from './lib/alternate.js';
import { Network, Synapse, Uniform, type BackendName } from '../src/index.js';
import { setInvariantHoisting } from '../src/ir/invariants.js';

const a = parseArgs({ N: 1000, chunk: 20, pairs: 8, backend: 'cpp', threads: 1, seed: 1234 });

/** Oja's rule with projection-wide parameters: `tau * dw/dt = …` divides by the same tau at every synapse. */
const OjaProjectionWide = new Synapse({
  name: 'Oja (projection-wide parameters)',
  parameters: 'tau = 5000.0 : projection\n alpha = 8.0 : projection',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
});

/** bench/lib/oja.ts's network with {@link OjaProjectionWide}. */
function build(N: number, seed: number): Network {
  const net = new Network({ dt: 1.0, seed });
  const pop1 = net.create(N, LeakyIntegrator, { name: 'pop1' });
  const pop2 = net.create(N, LeakyIntegrator, { name: 'pop2' });
  net.connect(pop1, pop2, 'exc', OjaProjectionWide).connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  const c = Math.floor(N / 2);
  pop1.baseline = Float64Array.from({ length: N }, (_, i) => Math.exp(-((i - c) ** 2) / 200));
  return net;
}

const nets: Network[] = [];
for (const hoist of [false, true]) {
  const net = build(a.N, a.seed);
  setInvariantHoisting(hoist);
  await net.compile({ backend: a.backend as BackendName, numThreads: a.threads });
  setInvariantHoisting(true);
  nets.push(net);
}
if (nets[1].plan!.projections[0].invariants === undefined) throw new Error('the hoisted build has no invariant values: nothing to compare');
const [written, hoisted] = await alternate(nets, a.chunk, a.pairs);
emit({
  model: 'oja-invariants', backend: a.backend, threads: a.threads, N: a.N, chunk_ms: a.chunk, pairs: a.pairs,
  written_min_s: written.min, written_median_s: written.median, hoisted_min_s: hoisted.min, hoisted_median_s: hoisted.median,
  ratio_min: hoisted.min / written.min, ratio_median: hoisted.median / written.median,
});
