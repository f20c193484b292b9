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
import { cppSpelling, cDouble, cppDialect } from './spelling.js';
import { neuronParts, neuronTemps, type NeuronParts, type NeuronTarget } from '../kernels/neuron.js';
import { emitsAxonSpikes } from '../kernels/axon.js';
import { indent, tempName, plain, type StatementContext as CStatementContext } from './statements.js';
import { KernelArrays, cname, type ArrayTable } from './arrays.js';
import { INDEPENDENT_ITERATIONS, parallelFor, threadRange } from './parallel.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';
import { neuronSymbols } from '../neuron-symbols.js';
import { neuronLvalue, frozenWhenRefractory } from '../neuron-writes.js';
import { InternalError } from '../../errors.js';

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

/**
 * How the spike part of the kernel is laid out after the (vectorisable) equation loop. The first
 * compatible strategy is chosen per population.
 */
export interface SpikeLoopStrategy {
  readonly name: string;
  compatible(parts: NeuronParts): boolean;
  lines(pop: PopulationPlan, parts: NeuronParts): string[];
}

/**
 * The masked spike loop over the neurons `lo` ≤ i < `hi` (C expressions), counting the emitted
 * spikes in `_ns` (declared by the caller) and appending them to `_spiked` from its start.
 */
function maskedRange(parts: NeuronParts, lo: string, hi: string): string[] {
  const { cond, onSpike } = parts.spike!;
  const mask = parts.refractory
    ? ['const int32_t _r = _refr_left[i];', `_fm[_j] = (uint8_t)((_r <= 0) & (${cond} ? 1 : 0));`, '_refr_left[i] = _r > 0 ? _r - 1 : _r;']
    : [`_fm[_j] = (uint8_t)(${cond} ? 1 : 0);`];
  return [
    `for (int64_t _b = ${lo}; _b < ${hi}; _b += ${SPIKE_BLOCK}) {`,
    `  const int64_t _nb = ${hi} - _b < ${SPIKE_BLOCK} ? ${hi} - _b : ${SPIKE_BLOCK};`,
    `  uint8_t _fm[${SPIKE_BLOCK}];`,
    '  for (int64_t _j = 0; _j < _nb; _j++) {',
    '    const int64_t i = _b + _j;',
    ...indent(mask, 2),
    '  }',
    '  for (int64_t _j = 0; _j < _nb; _j += 8) {',
    '    if (_j + 8 <= _nb) { uint64_t _w; memcpy(&_w, _fm + _j, 8); if (_w == 0) continue; }',
    '    const int64_t _je = _j + 8 < _nb ? _j + 8 : _nb;',
    '    for (int64_t _q = _j; _q < _je; _q++) {',
    '      if (!_fm[_q]) continue;',
    '      const int64_t i = _b + _q;',
    ...indent(onSpike, 3),
    '    }',
    '  }',
    '}',
  ];
}

/**
 * The spike loop without data-dependent branches on the common path: per block of neurons, a
 * vectorisable pass computes the "emits" mask (not refractory and condition true) and counts the
 * refractory periods down; a second pass skips the mask 8 bytes at a time and runs the reset of
 * each emitting neuron, in neuron order. Iteration i touches only neuron i and the condition is a
 * pure expression, so this equals the loop `if (refr > 0) refr--; else if (cond) {…}`. Not with
 * axonal spikes (their test would need a second mask).
 */
const maskedSpikeLoop: SpikeLoopStrategy = {
  name: 'masked',
  compatible: (parts) => parts.spike !== undefined && parts.axon.length === 0,
  lines: (pop, parts) => ['int32_t _ns = 0;', ...maskedRange(parts, '0', `${pop.size}`), '_nspiked[0] = _ns;'],
};

/** One loop in neuron order: refractory countdown, spike test, axonal spike test. */
const plainSpikeLoop: SpikeLoopStrategy = {
  name: 'plain',
  compatible: () => true,
  lines(pop, parts) {
    const axon = parts.axon.length > 0;
    return [
      'int32_t _ns = 0;', ...(axon ? ['int32_t _nas = 0;'] : []),
      ...cppDialect.forRange('i', String(pop.size), [...parts.emit, ...parts.axon]),
      '_nspiked[0] = _ns;', ...(axon ? ['_naxon[0] = _nas;'] : []),
    ];
  },
};

/** The spike loop strategies, most specific first. */
export const spikeLoopStrategies: readonly SpikeLoopStrategy[] = [maskedSpikeLoop, plainSpikeLoop];

/** The C++ places of the shared neuron kernel (`../kernels/neuron.ts`): arrays are declared as they are handed out. */
function target(pop: PopulationPlan, net: NetworkPlan, arrays: KernelArrays): NeuronTarget {
  const temps = neuronTemps(pop);
  const el = (name: string, idx: string) => `${arrays.need(name, 'pop', pop.id, name)}[${idx}]`;
  return {
    d: cppDialect,
    scope: (mode) => neuronScope(pop, net, mode, temps, arrays),
    context: (scope, mode, refractory) => statementContext(pop, scope as NeuronScope, mode, refractory),
    el,
    list: (kind) => (kind === 'spike'
      ? { element: (k) => el('_spiked', k), count: '_ns' }
      : { element: (k) => el('_axon_spiked', k), count: '_nas' }),
    step: '(int32_t)step',
    dt: 'dt',
  };
}

/** Source of `static void pop<id>_update(Net* N, int64_t step)`. */
export function neuronKernel(pop: PopulationPlan, net: NetworkPlan, table: ArrayTable): string {
  const arrays = new KernelArrays(table, true);
  const parts = neuronParts(pop, target(pop, net, arrays));
  const globalOps = globalOpReads(pop, arrays);
  const head = (body: string[]) => [
    `static void pop${pop.id}_update(Net* N, int64_t step) {`,
    '  const double t = (double)step * dt;',
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  (void)t; (void)C;',
    ...indent(arrays.declarations()),
    ...indent(globalOps),
    ...indent(parts.global),
    ...indent(body),
  ];
  // In thread blocks, the global equations here, the rest in each block's share (its own hoisting).
  if (runsInThreadBlocks(pop, table.threads)) {
    return [blockKernels(pop, net, table), [...head(threadBlocks(pop, table.threads)), '}'].join('\n')].join('\n\n');
  }
  let spikeLoop: string[] = [];
  if (pop.spiking) {
    for (const n of ['_spiked', '_nspiked', '_last_spike', '_refr_left']) arrays.need(n, 'pop', pop.id, n);
    if (emitsAxonSpikes(pop)) for (const n of ['_axon_spiked', '_naxon']) arrays.need(n, 'pop', pop.id, n);
    spikeLoop = indent(spikeLoopStrategies.find((s) => s.compatible(parts))!.lines(pop, parts));
  }
  // Globals are hoisted after the global equations ran (they may write them).
  const lines = head([...hoistGlobals(pop, arrays), ...parts.invariants]);
  if (parts.local.length) {
    // The equations alone, branch-free (refractoriness selects), so that the compiler vectorises them.
    lines.push(...indent(parallelFor(table.threads, `${pop.size}`, pop.size, undefined, true)));
    lines.push(...indent(cppDialect.forRange('i', String(pop.size), [...parts.inref, ...parts.local])));
  }
  lines.push(...spikeLoop, '}');
  return lines.join('\n');
}

/**
 * Each thread takes a block of neurons (the split of the post-synaptic range walks,
 * `projection.ts`): `pop<id>_share` integrates thread `_t`'s block and tests it for spikes, listing
 * them in its part of a scratch list (`N->blocks[id]`, from the block's first index); after the join
 * `pop<id>_gather` copies the blocks' spikes to the spike list in block order, which is neuron
 * order: the list, and every value, are those of one thread. A neuron's state thus stays in the
 * cache of the core that updates it, and the spike test is not one thread's pass over every neuron.
 * The global equations ran before (in `pop<id>_update`, on one thread).
 */
function threadBlocks(pop: PopulationPlan, threads: number): string[] {
  return [
    `int32_t _count[${threads}]; int64_t _blocks = 1;`,
    `#pragma omp parallel num_threads(${threads})`,
    '{',
    '  const int64_t _nt = omp_get_num_threads(), _t = omp_get_thread_num();',
    '  if (_t == 0) _blocks = _nt;',
    `  pop${pop.id}_share(N, step, _t, _nt, _count);`,
    '}',
    `pop${pop.id}_gather(N, _count, _blocks);`,
  ];
}

/**
 * `pop<id>_share(N, step, _t, _nt, _count)`: block `_t` of `_nt` (the equations, then the spike
 * test listing into the scratch list, the count in `_count[_t]`), and `pop<id>_gather(N, _count,
 * _blocks)`: the blocks' spikes into the spike list. Run by `pop<id>_update`'s region, or by a
 * step's one region (`step-region.ts`) with the walks into the population before it.
 */
export function blockKernels(pop: PopulationPlan, net: NetworkPlan, table: ArrayTable): string {
  const arrays = new KernelArrays(table, true);
  const parts = neuronParts(pop, target(pop, net, arrays));
  if (!maskedSpikeLoop.compatible(parts)) throw new InternalError(`population ${pop.name}: thread blocks without the masked spike loop`);
  const globalOps = globalOpReads(pop, arrays);
  for (const name of ['_spiked', '_last_spike', '_refr_left']) arrays.need(name, 'pop', pop.id, name);
  const hoisted = hoistGlobals(pop, arrays);
  const n = `${pop.size}LL`;
  const share = [
    `static void pop${pop.id}_share(Net* N, int64_t step, int64_t _t, int64_t _nt, int32_t* _count) {`,
    '  const double t = (double)step * dt;',
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  (void)t; (void)C;',
    ...indent([
      ...arrays.declarations(), ...globalOps, ...hoisted, ...parts.invariants,
      threadRange(pop.size),
      INDEPENDENT_ITERATIONS, 'for (int64_t i = _lo; i < _hi; i++) {', ...indent([...parts.inref, ...parts.local]), '}',
      // The block's spikes from its first index of the scratch list (the name the spike loop appends to).
      ...cppDialect.block([
        `int32_t* const _spiked = N->blocks[${pop.id}] + _lo;`,
        'int32_t _ns = 0;',
        ...maskedRange(parts, '_lo', '_hi'),
        '_count[_t] = _ns;',
      ]),
    ]),
    '}',
  ];
  const spiked = table.ptr('pop', pop.id, '_spiked');
  const gather = [
    `static void pop${pop.id}_gather(Net* N, const int32_t* _count, int64_t _blocks) {`,
    `  int32_t* const _spiked = ${spiked}; const int32_t* const _block_spiked = N->blocks[${pop.id}];`,
    '  int32_t _ns = 0;',
    '  for (int64_t _t = 0; _t < _blocks; _t++) {',
    `    memcpy(_spiked + _ns, _block_spiked + ${n} * _t / _blocks, sizeof(int32_t) * (size_t)_count[_t]);`,
    '    _ns += _count[_t];',
    '  }',
    `  ${table.ptr('pop', pop.id, '_nspiked')}[0] = _ns;`,
    '}',
  ];
  return [share.join('\n'), gather.join('\n')].join('\n\n');
}

/** The population's global operations (`mean(v)`, …) of the last step, read into locals `_<op>_<variable>_g`. */
function globalOpReads(pop: PopulationPlan, arrays: KernelArrays): string[] {
  return pop.description.globalOps.map((g) => `const double _${g.op}_${g.variable}_g = ${arrays.need(`_${g.op}_${g.variable}`, 'pop', pop.id, `_${g.op}_${g.variable}`)}[0];`);
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
