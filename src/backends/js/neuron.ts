/**
 * The neuron kernel of a population: global equations, then one loop over the neurons with the
 * local equations, refractoriness, the spike condition and the reset (ANNarchy's update and
 * spike_gather fused: both only touch neuron i).
 */
import type { PopulationPlan, NetworkPlan } from '../../ir/plan.js';
import type { Attribute } from '../../equations/description.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { jsSpelling, jsDialect } from './spelling.js';
import { neuronParts, neuronTemps, type NeuronTarget } from '../kernels/neuron.js';
import { emitsAxonSpikes } from '../kernels/axon.js';
import { indent, plain, type StatementContext } from './statements.js';
import { js } from './names.js';
import { neuronSymbols } from '../neuron-symbols.js';
import { neuronLvalue, frozenWhenRefractory } from '../neuron-writes.js';

/** Declarations of every array a population kernel may touch, as `const` locals. */
export function populationArrays(pop: PopulationPlan, prefix = ''): string[] {
  const lines: string[] = [];
  for (const a of pop.description.attributes) lines.push(`const ${prefix}${js(a.name)} = P[${pop.id}].get('${a.name}');`);
  return lines;
}

/** Resolver for the equations of a neuron (`../neuron-symbols.ts`): arrays are the kernel's `const` locals. */
export function neuronScope(pop: PopulationPlan, net: NetworkPlan, mode: 'global' | 'local', temps: Set<string>): SymbolResolver {
  return neuronSymbols(pop, net, mode, temps, { temp: (name) => name, zero: '0', pi: 'Math.PI', toFloat: (x) => x, attrArray: js, popArray: (name) => name });
}

function statementContext(pop: PopulationPlan, scope: SymbolResolver, mode: 'global' | 'local', refractory: boolean): StatementContext {
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  return {
    scope,
    location: neuronLvalue(pop, (target, idx) => plain(`${js(target)}[${idx}]`)),
    attribute: (_o, target): Attribute | undefined => attrs.get(target),
    guard: (_o, target) => (refractory && mode === 'local' && frozenWhenRefractory(target) ? { kind: 'branch', cond: '_inref' } : undefined),
  };
}

/** The js places of the shared neuron kernel (`../kernels/neuron.ts`): arrays are the kernel's `const` locals. */
function target(pop: PopulationPlan, net: NetworkPlan): NeuronTarget {
  const temps = neuronTemps(pop);
  return {
    d: jsDialect,
    scope: (mode) => neuronScope(pop, net, mode, temps),
    context: (scope, mode, refractory) => statementContext(pop, scope, mode, refractory),
    el: (name, idx) => `${name}[${idx}]`,
    list: (kind) => (kind === 'spike' ? { element: (k) => `_spiked[${k}]`, count: '_ns' } : { element: (k) => `_axon_spiked[${k}]`, count: '_nas' }),
    step: 'step',
    dt: 'dt',
  };
}

/** Source of `function pop<id>_update(step)`: the shared neuron kernel in one loop over the neurons. */
export function neuronKernel(pop: PopulationPlan, net: NetworkPlan): string {
  const d = pop.description;
  const parts = neuronParts(pop, target(pop, net));
  const axon = emitsAxonSpikes(pop);
  const lines: string[] = [`function pop${pop.id}_update(step) {`, '  const t = step * dt;'];
  lines.push(...indent(populationArrays(pop)));
  for (const tgt of pop.sumTargets) lines.push(`  const _sum_${tgt} = P[${pop.id}].get('_sum_${tgt}');`);
  for (const r of d.randoms) lines.push(`  const _rand_${r.id} = P[${pop.id}].get('_rand_${r.id}');`);
  for (const g of d.globalOps) lines.push(`  const _${g.op}_${g.variable}_g = P[${pop.id}].get('_${g.op}_${g.variable}')[0];`);
  if (pop.spiking) {
    lines.push(`  const _spiked = P[${pop.id}].get('_spiked'), _nspiked = P[${pop.id}].get('_nspiked');`);
    lines.push(`  const _last_spike = P[${pop.id}].get('_last_spike'), _refr_left = P[${pop.id}].get('_refr_left');`);
  }
  lines.push(...indent(parts.global));
  // Globals are hoisted after the global equations ran (they may write them).
  for (const a of d.attributes) if (a.locality === 'global') lines.push(`  const ${js(a.name)}_g = ${js(a.name)}[0];`);
  lines.push(...indent(parts.invariants));
  if (pop.spiking) lines.push('  let _ns = 0;');
  if (axon) lines.push(`  const _axon_spiked = P[${pop.id}].get('_axon_spiked'), _naxon = P[${pop.id}].get('_naxon');`, '  let _nas = 0;');
  lines.push(...indent(jsDialect.forRange('i', String(pop.size), [...parts.inref, ...parts.local, ...parts.emit, ...parts.axon])));
  if (pop.spiking) lines.push('  _nspiked[0] = _ns;');
  if (axon) lines.push('  _naxon[0] = _nas;');
  lines.push('}');
  return lines.join('\n');
}

/** Source of `function pop<id>_stop()`: whether the stop condition holds (any/all neurons). */
export function stopConditionKernel(pop: PopulationPlan, net: NetworkPlan): string | undefined {
  if (!pop.stopCondition) return undefined;
  const scope = neuronScope(pop, net, 'local', new Set());
  const cond = renderExpr(pop.stopCondition.condition, scope, jsSpelling);
  const lines = [`function pop${pop.id}_stop(step) {`, '  const t = step * dt;', ...indent(populationArrays(pop))];
  for (const tgt of pop.sumTargets) lines.push(`  const _sum_${tgt} = P[${pop.id}].get('_sum_${tgt}');`);
  for (const a of pop.description.attributes) if (a.locality === 'global') lines.push(`  const ${js(a.name)}_g = ${js(a.name)}[0];`);
  if (pop.spiking) lines.push(`  const _last_spike = P[${pop.id}].get('_last_spike');`);
  lines.push(`  for (let i = 0; i < ${pop.size}; i++) {`);
  lines.push(pop.stopCondition.mode === 'all' ? `    if (!(${cond})) return false;` : `    if (${cond}) return true;`);
  lines.push('  }', `  return ${pop.stopCondition.mode === 'all' ? 'true' : 'false'};`, '}');
  return lines.join('\n');
}
