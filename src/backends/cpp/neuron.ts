/**
 * The neuron kernel of a population, as C++. Same computations as the js backend's `neuron.ts`,
 * split in two loops so that the first one can be vectorised: (1) the equations of every neuron,
 * branch-free (refractoriness masks the writes instead of skipping them); (2) refractory counters,
 * the spike condition and the reset, in neuron order (the spike list keeps the js order).
 * Only neuron i is touched in iteration i of either loop, so the split gives the same values.
 */
import type { PopulationPlan, NetworkPlan } from '../../ir/plan.js';
import type { Attribute } from '../../equations/description.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { cppSpelling, cDouble } from './spelling.js';
import { renderSteps, renderAssignment, indent, tempNames, tempName, plain, type StatementContext as CStatementContext } from './statements.js';
import { KernelArrays, cname, type ArrayTable } from './arrays.js';
import { parallelFor } from './parallel.js';
import { neuronSymbols } from '../neuron-symbols.js';
import { neuronLvalue, frozenWhenRefractory } from '../neuron-writes.js';

export interface NeuronScope extends SymbolResolver {
  arrays: KernelArrays;
}

/** Resolver for a neuron's equations (`../neuron-symbols.ts`): arrays are declared in the kernel as they are handed out. */
export function neuronScope(pop: PopulationPlan, net: NetworkPlan, mode: 'global' | 'local', temps: Set<string>, arrays: KernelArrays): NeuronScope {
  const symbols = neuronSymbols(pop, net, mode, temps, {
    temp: tempName,
    zero: '0.0',
    pi: cDouble(Math.PI),
    toFloat: (x) => `(double)${x}`,
    attrArray: (name) => arrays.need(cname('a', name), 'pop', pop.id, name),
    popArray: (name) => arrays.need(name, 'pop', pop.id, name),
  });
  return { ...symbols, arrays };
}

function statementContext(pop: PopulationPlan, scope: NeuronScope, mode: 'global' | 'local', refractory: boolean): CStatementContext {
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  return {
    scope,
    location: neuronLvalue(pop, (target, idx) => plain(`${scope.arrays.need(cname('a', target), 'pop', pop.id, target)}[${idx}]`)),
    attribute: (_o, target): Attribute | undefined => attrs.get(target),
    guard: (_o, target) => (refractory && mode === 'local' && frozenWhenRefractory(target) ? { kind: 'select', cond: '_inref' } : undefined),
  };
}

/** The globals a kernel reads, hoisted once before its loop (as the js kernel does). */
function hoistGlobals(pop: PopulationPlan, arrays: KernelArrays): string[] {
  const lines: string[] = [];
  for (const a of pop.description.attributes) {
    if (a.locality === 'global') lines.push(`const double ${cname('a', a.name)}_g = ${arrays.need(cname('a', a.name), 'pop', pop.id, a.name)}[0];`);
  }
  return lines;
}

/** Neurons per block of the masked spike loop (the mask lives on the stack). */
const SPIKE_BLOCK = 512;

/** The spike test of a neuron: its condition and what an emitting neuron `i` does. */
function spikeParts(pop: PopulationPlan, scope: NeuronScope, ctx: CStatementContext): { cond: string; onSpike: string[] } {
  const d = pop.description;
  const cond = renderExpr(d.spike!.condition, scope, cppSpelling);
  const reset = d.reset.flatMap((a) => renderAssignment(a, ctx));
  const refrSteps = !pop.refractory ? undefined
    : pop.refractory.kind === 'steps' ? String(pop.refractory.steps)
      : `nx_refr_steps(${scope.sym(pop.refractory.name)} / dt)`;
  return { cond, onSpike: [...reset, '_spiked[_ns++] = (int32_t)i;', '_last_spike[i] = (int32_t)step;', ...(refrSteps ? [`_refr_left[i] = ${refrSteps};`] : [])] };
}

/**
 * The spike loop without data-dependent branches on the common path: per block of neurons, a
 * vectorisable pass computes the "emits" mask (not refractory and condition true) and counts the
 * refractory periods down; a second pass skips the mask 8 bytes at a time and runs the reset of
 * each emitting neuron, in neuron order. Iteration i touches only neuron i and the condition is a
 * pure expression, so this equals the js loop `if (refr > 0) refr--; else if (cond) {…}`.
 */
function maskedSpikeLoop(pop: PopulationPlan, { cond, onSpike }: { cond: string; onSpike: string[] }, refractory: boolean): string[] {
  const mask = refractory
    ? ['const int32_t _r = _refr_left[i];', `_fm[_j] = (uint8_t)((_r <= 0) & (nx_truthy(${cond}) ? 1 : 0));`, '_refr_left[i] = _r > 0 ? _r - 1 : _r;']
    : [`_fm[_j] = (uint8_t)(nx_truthy(${cond}) ? 1 : 0);`];
  return [
    '  int32_t _ns = 0;',
    `  for (int64_t _b = 0; _b < ${pop.size}; _b += ${SPIKE_BLOCK}) {`,
    `    const int64_t _nb = ${pop.size} - _b < ${SPIKE_BLOCK} ? ${pop.size} - _b : ${SPIKE_BLOCK};`,
    `    uint8_t _fm[${SPIKE_BLOCK}];`,
    '    for (int64_t _j = 0; _j < _nb; _j++) {',
    '      const int64_t i = _b + _j;',
    ...indent(mask, 3),
    '    }',
    '    for (int64_t _j = 0; _j < _nb; _j += 8) {',
    '      if (_j + 8 <= _nb) { uint64_t _w; memcpy(&_w, _fm + _j, 8); if (_w == 0) continue; }',
    '      const int64_t _je = _j + 8 < _nb ? _j + 8 : _nb;',
    '      for (int64_t _q = _j; _q < _je; _q++) {',
    '        if (!_fm[_q]) continue;',
    '        const int64_t i = _b + _q;',
    ...indent(onSpike, 4),
    '      }',
    '    }',
    '  }',
    '  _nspiked[0] = _ns;',
  ];
}

/** Source of `static void pop<id>_update(Net* N, int64_t step)`. */
export function neuronKernel(pop: PopulationPlan, net: NetworkPlan, table: ArrayTable): string {
  const d = pop.description;
  const global = d.sections.find((s) => s.locality === 'global')?.steps ?? [];
  const local = d.sections.find((s) => s.locality === 'local')?.steps ?? [];
  const temps = new Set([...tempNames(global), ...tempNames(local)]);
  const refractory = pop.spiking && pop.refractory !== undefined;
  const arrays = new KernelArrays(table, true);
  const gScope = neuronScope(pop, net, 'global', temps, arrays);
  const lScope = neuronScope(pop, net, 'local', temps, arrays);
  const globalCode = renderSteps(global, statementContext(pop, gScope, 'global', false));
  const localCode = renderSteps(local, statementContext(pop, lScope, 'local', refractory));
  const globalOps = d.globalOps.map((g) => `const double _${g.op}_${g.variable}_g = ${arrays.need(`_${g.op}_${g.variable}`, 'pop', pop.id, `_${g.op}_${g.variable}`)}[0];`);
  let spikeLoop: string[] = [];
  if (pop.spiking) {
    arrays.need('_spiked', 'pop', pop.id, '_spiked');
    arrays.need('_nspiked', 'pop', pop.id, '_nspiked');
    arrays.need('_last_spike', 'pop', pop.id, '_last_spike');
    arrays.need('_refr_left', 'pop', pop.id, '_refr_left');
    const body: string[] = [];
    const spike = d.spike ? spikeParts(pop, lScope, statementContext(pop, lScope, 'local', false)) : undefined;
    if (spike) {
      if (refractory) body.push('    if (_refr_left[i] > 0) { _refr_left[i] -= 1; }', `    else if (nx_truthy(${spike.cond})) {`);
      else body.push(`    if (nx_truthy(${spike.cond})) {`);
      body.push(...indent(spike.onSpike, 3), '    }');
    }
    const axon = d.axonSpike !== undefined;
    if (axon) {
      // Axonal spikes: an extra event, tested whatever the refractoriness (ANNarchy's axon_spike).
      arrays.need('_axon_spiked', 'pop', pop.id, '_axon_spiked');
      arrays.need('_naxon', 'pop', pop.id, '_naxon');
      const lctx = statementContext(pop, lScope, 'local', false);
      const cond = renderExpr(d.axonSpike!.condition, lScope, cppSpelling);
      body.push(`    if (nx_truthy(${cond})) {`, ...indent([...d.axonReset.flatMap((a) => renderAssignment(a, lctx)), '_axon_spiked[_nas++] = (int32_t)i;'], 3), '    }');
    }
    if (spike && !axon) {
      spikeLoop = maskedSpikeLoop(pop, spike, refractory);
    } else {
      spikeLoop = [
        '  int32_t _ns = 0;', ...(axon ? ['  int32_t _nas = 0;'] : []),
        `  for (int64_t i = 0; i < ${pop.size}; i++) {`, ...body, '  }',
        '  _nspiked[0] = _ns;', ...(axon ? ['  _naxon[0] = _nas;'] : []),
      ];
    }
  }
  // Globals are hoisted after the global equations ran (they may write them).
  const hoisted = hoistGlobals(pop, arrays);
  const lines: string[] = [
    `static void pop${pop.id}_update(Net* N, int64_t step) {`,
    '  const double t = (double)step * dt;',
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  (void)t; (void)C;',
    ...indent(arrays.declarations()),
    ...indent(globalOps),
    ...indent(globalCode),
    ...indent(hoisted),
  ];
  if (localCode.length) {
    lines.push(...indent(parallelFor(`${pop.size}`, pop.size)));
    lines.push(`  for (int64_t i = 0; i < ${pop.size}; i++) {`);
    if (refractory) lines.push('    const bool _inref = !(_refr_left[i] > 0);');
    lines.push(...indent(localCode, 2), '  }');
  }
  lines.push(...spikeLoop, '}');
  return lines.join('\n');
}

/** Source of `static int pop<id>_stop(Net* N, int64_t step)`: the stop condition (any/all neurons). */
export function stopConditionKernel(pop: PopulationPlan, net: NetworkPlan, table: ArrayTable): string | undefined {
  if (!pop.stopCondition) return undefined;
  const arrays = new KernelArrays(table);
  const scope = neuronScope(pop, net, 'local', new Set(), arrays);
  const cond = renderExpr(pop.stopCondition.condition, scope, cppSpelling);
  const hoisted = hoistGlobals(pop, arrays);
  const lines = [
    `static int pop${pop.id}_stop(Net* N, int64_t step) {`,
    '  const double t = (double)step * dt;',
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  (void)t; (void)C;',
    ...indent(arrays.declarations()),
    ...indent(hoisted),
    `  for (int64_t i = 0; i < ${pop.size}; i++) {`,
    pop.stopCondition.mode === 'all' ? `    if (!nx_truthy(${cond})) return 0;` : `    if (nx_truthy(${cond})) return 1;`,
    '  }',
    `  return ${pop.stopCondition.mode === 'all' ? '1' : '0'};`,
    '}',
  ];
  return lines.join('\n');
}
