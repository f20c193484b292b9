/**
 * Structural plasticity, ANNarchy's example (notebook "StructuralPlasticity"): 50 leaky integrators
 * `tau * dr/dt + r = baseline` (tau 10 ms, r ≥ 0) connected to themselves with 10 % sparse
 * connectivity (w = 0.01). Each synapse counts `age`, the steps since its two neurons were last
 * active together (`pre.r * post.r > 1`); it is pruned (probability 0.1) once older than T = 10000
 * steps, and a missing synapse between two co-active neurons is created (probability 0.5, w = 0.01).
 * Both rules are evaluated every 100 ms. Each trial activates one half of the population (baseline
 * drawn in 0.5–1.5) for 1 s, rests 100 ms, activates the other half for 1 s, rests 100 ms.
 *
 * Expected outcome (ANNarchy's figure of the connectivity matrix before and after): synapses grow
 * inside each half, where neurons are active together, and those between the halves, never
 * co-active, die out once older than T.
 *
 * Expected output: synapses within the halves: 115 → 1188, between the halves: 114 → 0 (defaults:
 * 20 trials, seed 42; js and cpp give the same synapses; `--trials 3 --T 1500`: 115 → 633 and
 * 114 → 1).
 *
 * Run: npm run build && npx tsx examples/annarchy/structural_plasticity.ts   (--help lists the flags)
 */
import { Network, Neuron, Synapse, Uniform, type BackendName } from 'neurarchy';
import { parseArgs } from 'node:util';

/** ANNarchy's leaky integrator with a per-neuron baseline. */
export const LeakyIntegrator = new Neuron({
  name: 'LeakyIntegrator',
  parameters: 'tau = 10.0 : population\n baseline = 0.0',
  equations: 'tau * dr/dt + r = baseline : min = 0.0',
});

/** The synapse with its structural rules (`age` counts steps without co-activity). */
export function structuralSynapse(maxAge: number): Synapse {
  return new Synapse({
    name: 'StructuralPlasticSynapse',
    parameters: `T = ${maxAge} : projection, int`,
    equations: 'age = if pre.r * post.r > 1.0 : 0 else : age + 1 : init = 0, int',
    pruning: 'age > T : proba = 0.1',
    creating: 'pre.r * post.r > 1.0 : proba = 0.5, w = 0.01',
  });
}

export interface StructuralOptions {
  /** Number of trials (default 20, ANNarchy's). */
  trials?: number;
  /** Age in steps beyond which a synapse may be pruned (default 10000, ANNarchy's T). */
  maxAge?: number;
  seed?: number;
  backend?: BackendName;
}

/** Synapse counts inside the two halves and between them. */
export interface Counts { within: number; between: number }

export interface StructuralStats {
  before: Counts;
  after: Counts;
  /** The connectivity matrix (post × pre weights, 0 where there is no synapse) before and after. */
  initial: Float64Array[];
  final: Float64Array[];
}

/** Counts the synapses of a 50 × 50 connectivity matrix inside and between the halves. */
export function countHalves(matrix: Float64Array[]): Counts {
  const half = matrix.length / 2;
  let within = 0, between = 0;
  matrix.forEach((row, post) => row.forEach((w, pre) => {
    if (w === 0) return;
    if ((pre < half) === (post < half)) within++;
    else between++;
  }));
  return { within, between };
}

/** Builds the network, runs the trials, returns the connectivity before and after. */
export async function run(options: StructuralOptions = {}): Promise<StructuralStats> {
  const { trials = 20, maxAge = 10000, seed = 42, backend = 'js' } = options;
  const net = new Network({ dt: 1.0, seed, structuralPlasticity: true });
  const pop = net.create(50, LeakyIntegrator);
  const proj = net.connect(pop, pop, 'exc', structuralSynapse(maxAge)).connectFixedProbability({ probability: 0.1, weights: 0.01 });
  await net.compile({ backend });
  proj.startCreating({ period: 100.0 });
  proj.startPruning({ period: 100.0 });
  const initial = proj.connectivityMatrix();
  const first = pop.slice(0, 25), second = pop.slice(25, 50);
  for (let trial = 0; trial < trials; trial++) {
    first.baseline = new Uniform(0.5, 1.5);
    await net.simulate(1000);
    pop.baseline = 0.0;
    await net.simulate(100);
    second.baseline = new Uniform(0.5, 1.5);
    await net.simulate(1000);
    pop.baseline = 0.0;
    await net.simulate(100);
  }
  const final = proj.connectivityMatrix();
  return { before: countHalves(initial), after: countHalves(final), initial, final };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      trials: { type: 'string', default: '20' },
      T: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      backend: { type: 'string', default: 'js' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/structural_plasticity.ts [--trials 20] [--T 10000] [--seed 42] [--backend js]');
    console.log('  --trials   number of trials, 2.2 s each (default 20)');
    console.log('  --T        age in steps beyond which a synapse may be pruned (default 10000)');
    console.log('  --seed     random seed (default 42)');
    console.log('  --backend  js, cpp or webgpu (default js)');
  } else {
    const s = await run({ trials: Number(a.trials), maxAge: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`Structural plasticity: ${a.trials} trials, T = ${a.T} steps`);
    console.log(`synapses within the halves: ${s.before.within} → ${s.after.within}`);
    console.log(`synapses between the halves: ${s.before.between} → ${s.after.between}`);
  }
}
