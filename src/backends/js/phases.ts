/**
 * The small per-step kernels around the neuron and synapse code: clearing weighted sums, drawing
 * random numbers, global reductions, and pushing values and spikes into delay rings.
 */
import { sequentialReduction } from '../kernels/globalops.js';
import { indent } from '../kernels/dialect.js';
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import type { RandomUse } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { jsSpelling, jsDialect } from './spelling.js';
import { neuronScope } from './neuron.js';
import { synapseScope } from './synapse-scope.js';
import { randomStream } from '../../ir/streams.js';

/** Draws of every random use of a population or projection (one array per use, redrawn each step). */
export function randomKernel(owner: { kind: 'pop'; plan: PopulationPlan } | { kind: 'proj'; plan: ProjectionPlan }, net: NetworkPlan): string | undefined {
  const uses: RandomUse[] = owner.plan.description.randoms;
  if (uses.length === 0) return undefined;
  const name = owner.kind === 'pop' ? `pop${owner.plan.id}_random` : `proj${owner.plan.id}_random`;
  const map = owner.kind === 'pop' ? `P[${owner.plan.id}]` : `J[${owner.plan.id}]`;
  const scope = owner.kind === 'pop'
    ? neuronScope(owner.plan, net, 'global', new Set())
    : synapseScope(owner.plan, net, { dtName: 'dt', temps: new Set() });
  const stream = randomStream(owner.kind, owner.plan.id);
  const lines = [`function ${name}(step) {`];
  if (owner.kind === 'pop') {
    for (const a of owner.plan.description.attributes) if (a.locality === 'global') lines.push(`  const ${a.name} = ${map}.get('${a.name}');`);
  } else {
    lines.push(...(scope as ReturnType<typeof synapseScope>).declarations().map((l) => `  ${l}`));
  }
  for (const u of uses) {
    const args = u.args.map((a) => renderExpr(a, scope, jsSpelling)).join(', ');
    lines.push(`  R.fill(${map}.get('_rand_${u.id}'), '${u.dist}', [${args}], SEED, ${stream}, step, ${u.id});`);
  }
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

/** Pushes this step's values of delayed variables, and this step's spikes, into the rings. */
export function delayKernel(pop: PopulationPlan): string | undefined {
  if (pop.delayedVariables.length === 0 && !pop.spikeQueue) return undefined;
  const lines = [`function pop${pop.id}_delay(step) {`, `  const S = P[${pop.id}];`];
  if (pop.delayedVariables.length) {
    lines.push("  const _di = S.get('_delay_idx'), _D = S.get('_delay_len')[0];", '  const idx = (_di[0] + 1) % _D; _di[0] = idx;');
    for (const v of pop.delayedVariables) {
      lines.push(`  { const x = S.get('${v}'); S.get('_delayed_${v}').set(x, idx * x.length); }`);
    }
  }
  if (pop.spikeQueue) {
    lines.push(
      "  const _qi = S.get('_spike_queue_idx'), _qn = S.get('_spike_queue_n'), _q = S.get('_spike_queue');",
      '  const slot = (_qi[0] + 1) % _qn.length; _qi[0] = slot;',
      "  const ns = S.get('_nspiked')[0]; _qn[slot] = ns;",
      `  _q.set(S.get('_spiked').subarray(0, ns), slot * ${pop.size});`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}
