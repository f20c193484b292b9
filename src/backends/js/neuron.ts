/**
 * The neuron kernel of a population: global equations, then one loop over the neurons with the
 * local equations, refractoriness, the spike condition and the reset (ANNarchy's update and
 * spike_gather fused: both only touch neuron i).
 */
import type { PopulationPlan, NetworkPlan } from '../../ir/plan.js';
import type { Attribute } from '../../equations/description.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { jsSpelling } from './spelling.js';
import { renderSteps, renderAssignment, indent, tempNames, plain, type StatementContext } from './statements.js';
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

/** Source of `function pop<id>_update(step)`. */
export function neuronKernel(pop: PopulationPlan, net: NetworkPlan): string {
  const d = pop.description;
  const global = d.sections.find((s) => s.locality === 'global')?.steps ?? [];
  const local = d.sections.find((s) => s.locality === 'local')?.steps ?? [];
  const temps = new Set([...tempNames(global), ...tempNames(local)]);
  const refractory = pop.spiking && pop.refractory !== undefined;
  const gScope = neuronScope(pop, net, 'global', temps);
  const lScope = neuronScope(pop, net, 'local', temps);
  const lines: string[] = [`function pop${pop.id}_update(step) {`, '  const t = step * dt;'];
  lines.push(...indent(populationArrays(pop)));
  for (const tgt of pop.sumTargets) lines.push(`  const _sum_${tgt} = P[${pop.id}].get('_sum_${tgt}');`);
  for (const r of d.randoms) lines.push(`  const _rand_${r.id} = P[${pop.id}].get('_rand_${r.id}');`);
  for (const g of d.globalOps) lines.push(`  const _${g.op}_${g.variable}_g = P[${pop.id}].get('_${g.op}_${g.variable}')[0];`);
  if (pop.spiking) {
    lines.push(`  const _spiked = P[${pop.id}].get('_spiked'), _nspiked = P[${pop.id}].get('_nspiked');`);
    lines.push(`  const _last_spike = P[${pop.id}].get('_last_spike'), _refr_left = P[${pop.id}].get('_refr_left');`);
  }
  lines.push(...indent(renderSteps(global, statementContext(pop, gScope, 'global', false))));
  for (const a of d.attributes) if (a.locality === 'global') lines.push(`  const ${js(a.name)}_g = ${js(a.name)}[0];`);
  lines.push(`  const n = ${pop.size};`);
  if (pop.spiking) lines.push('  let _ns = 0;');
  if (pop.spiking && d.axonSpike) {
    lines.push(`  const _axon_spiked = P[${pop.id}].get('_axon_spiked'), _naxon = P[${pop.id}].get('_naxon');`, '  let _nas = 0;');
  }
  lines.push('  for (let i = 0; i < n; i++) {');
  if (refractory) lines.push('    const _inref = _refr_left[i] > 0 ? 0 : 1;');
  lines.push(...indent(renderSteps(local, statementContext(pop, lScope, 'local', refractory)), 2));
  if (pop.spiking && d.spike) {
    const lctx = statementContext(pop, lScope, 'local', false);
    const cond = renderExpr(d.spike.condition, lScope, jsSpelling);
    const reset = d.reset.flatMap((a) => renderAssignment(a, lctx));
    const refrSteps = !pop.refractory ? undefined
      : pop.refractory.kind === 'steps' ? String(pop.refractory.steps)
        // Saturated to [0, 2^31 − 1] steps: an infinite period never ends (ToInt32 made it 0); NaN is none (cpp: nx_refr_steps).
        : `Math.max(0, Math.min(Math.round(${lScope.sym(pop.refractory.name)} / dt), 2147483647))`;
    const onSpike = [...reset, '_spiked[_ns++] = i;', '_last_spike[i] = step;', ...(refrSteps ? [`_refr_left[i] = ${refrSteps};`] : [])];
    if (refractory) lines.push('    if (_inref === 0) { _refr_left[i] -= 1; }', `    else if (${cond}) {`);
    else lines.push(`    if (${cond}) {`);
    lines.push(...indent(onSpike, 3), '    }');
  }
  if (pop.spiking && d.axonSpike) {
    // Axonal spikes: an extra event, tested whatever the refractoriness (ANNarchy's axon_spike).
    const lctx = statementContext(pop, lScope, 'local', false);
    const cond = renderExpr(d.axonSpike.condition, lScope, jsSpelling);
    lines.push(`    if (${cond}) {`, ...indent([...d.axonReset.flatMap((a) => renderAssignment(a, lctx)), '_axon_spiked[_nas++] = i;'], 3), '    }');
  }
  lines.push('  }');
  if (pop.spiking) lines.push('  _nspiked[0] = _ns;');
  if (pop.spiking && d.axonSpike) lines.push('  _naxon[0] = _nas;');
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
