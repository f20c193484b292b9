/**
 * Loop-invariant values computed once per step (`src/ir/invariants.ts`: `a / b` → `a * (1 / b)`,
 * `exp(-dt / tau)` once) against the equations as written, on one spiking benchmark in one process:
 * the network built twice, one with the hoisting switched off (`setInvariantHoisting`, @internal),
 * simulated alternately in chunks (`bench/lib/alternate.ts`); prints the min and median seconds per
 * chunk of each and their ratio (hoisted ÷ written).
 *
 *   npx tsx bench/invariants-pair.ts --model cuba --N 4000 --chunk 100 --pairs 8 --backend cpp
 */
import { parseArgs, emit } from './lib/args.js';
import { buildCOBA, buildCUBA, buildIzhikevich, type Built } from './lib/spiking.js';
import { alternate } from './lib/alternate.js';
import type { BackendName } from '../src/index.js';
import { setInvariantHoisting } from '../src/ir/invariants.js';

const a = parseArgs({ model: 'cuba', N: 0, chunk: 100, pairs: 8, backend: 'cpp', threads: 1, seed: 1234 });
const build = ({ coba: buildCOBA, cuba: buildCUBA, izhikevich: buildIzhikevich } as Record<string, (o: { N: number; seed: number }) => Built>)[a.model];
if (!build) throw new Error(`--model ${a.model}: one of coba, cuba, izhikevich`);
const builds: Built[] = [];
for (const hoist of [false, true]) {
  const b = build({ N: a.N || (a.model === 'izhikevich' ? 1000 : 4000), seed: a.seed });
  setInvariantHoisting(hoist);
  await b.net.compile({ backend: a.backend as BackendName, numThreads: a.threads });
  setInvariantHoisting(true);
  builds.push(b);
}
const [written, hoisted] = await alternate(builds.map((b) => b.net), a.chunk, a.pairs);
emit({
  model: `${a.model}-invariants`, backend: a.backend, threads: a.threads, N: a.N, chunk_ms: a.chunk, pairs: a.pairs,
  written_min_s: written.min, written_median_s: written.median, hoisted_min_s: hoisted.min, hoisted_median_s: hoisted.median,
  ratio_min: hoisted.min / written.min, ratio_median: hoisted.median / written.median,
});
