/**
 * The small per-step kernels around the neuron and synapse code: clearing weighted sums, drawing
 * random numbers, global reductions, and pushing values and spikes into delay rings.
 */
import { sequentialReduction } from '../kernels/globalops.js';
import { indent } from '../kernels/dialect.js';
import type { NetworkPlan, PopulationPlan } from '../../ir/plan.js';
import { randomDraws, type RandomOwner } from '../kernels/random.js';
import { ringParts, type RingTarget } from '../kernels/delays.js';
import { jsSpelling, jsDialect } from './spelling.js';
import { neuronScope } from './neuron.js';
import { synapseScope } from './synapse-scope.js';
import { js } from './names.js';
import { isGlobalAttribute } from '../../equations/description.js';

/**
 * Draws of every random use of a population or projection (`../kernels/random.ts`): one library
 * fill per array (`fillDraws`, redrawn each step).
 */
export function randomKernel(owner: RandomOwner, net: NetworkPlan): string | undefined {
  if (owner.plan.description.randoms.length === 0) return undefined;
  const name = owner.kind === 'pop' ? `pop${owner.plan.id}_random` : `proj${owner.plan.id}_random`;
  const map = owner.kind === 'pop' ? `P[${owner.plan.id}]` : `J[${owner.plan.id}]`;
  const scope = owner.kind === 'pop'
    ? neuronScope(owner.plan, net, 'global', new Set())
    : synapseScope(owner.plan, net, { dtName: 'dt', temps: new Set() });
  const draws = randomDraws(owner, scope, jsSpelling);
  const lines = [`function ${name}(step) {`];
  if (owner.kind === 'pop') {
    for (const a of owner.plan.description.attributes) if (a.locality === 'global') lines.push(`  const ${js(a.name)} = ${map}.get('${a.name}');`);
  } else {
    lines.push(...(scope as ReturnType<typeof synapseScope>).declarations().map((l) => `  ${l}`));
  }
  for (const r of draws) lines.push(`  R.fill(${map}.get('${r.array}'), '${r.dist}', [${r.args.join(', ')}], SEED, ${r.stream}, step, ${r.drawId});`);
  lines.push('}');
  return lines.join('\n');
}

/** Global operations (`mean(r)`, `max(v)`, …) after all neuron updates (`../kernels/globalops.ts`, sequential). */
export function globalOpsKernel(pop: PopulationPlan): string | undefined {
  if (pop.globalOps.length === 0) return undefined;
  const lines = [`function pop${pop.id}_globalops(step) {`, `  const S = P[${pop.id}];`];
  const seen = new Set<string>();
  for (const g of pop.globalOps) {
    const key = `_${g.op}_${g.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`  { const x = S.get('${g.variable}'), n = x.length;`);
    lines.push(...indent(sequentialReduction(g.op, jsDialect, (i) => `x[${i}]`, 'n', `S.get('${key}')[0]`), 2), '  }');
  }
  lines.push('}');
  return lines.join('\n');
}

/** The js places of the ring parts: the population's arrays, read from its state map on use. */
function ringTarget(pop: PopulationPlan): RingTarget {
  return {
    d: jsDialect,
    el: (name, idx) => `S.get('${name}')[${idx}]`,
    // Rings grow at run time (`growDelayRings`): their slot counts are read; a variable's width is fixed.
    length: (name) => (name === '_spike_queue_n' ? `S.get('${name}').length` : String(isGlobalAttribute(pop.description, name) ? 1 : pop.size)),
    spikeCount: () => "S.get('_nspiked')[0]",
    copy: (ring, slot, width, src, count) => [`S.get('${ring}').set(S.get('${src}')${count === width ? '' : `.subarray(0, ${count})`}, ${slot} * ${width});`],
  };
}

/** Pushes this step's values of delayed variables, and this step's spikes, into the rings (`../kernels/delays.ts`). */
export function delayKernel(pop: PopulationPlan): string | undefined {
  const parts = ringParts(pop, ringTarget(pop));
  if (!parts) return undefined;
  return [`function pop${pop.id}_delay(step) {`, `  const S = P[${pop.id}];`, ...indent([...parts.next, ...parts.push, ...parts.advance]), '}'].join('\n');
}
