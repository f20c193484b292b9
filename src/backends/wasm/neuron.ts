/**
 * The wasm places of the shared neuron kernel (`../kernels/neuron.ts`): the same parts as js, laid
 * out as cpp lays them (the equations of every neuron, then the spike tests), every array read
 * through its local base address (`./lower.ts`).
 */
import type { PopulationPlan, NetworkPlan } from '../../ir/plan.js';
import type { Attribute } from '../../equations/description.js';
import type { StatementContext } from '../kernels/statements.js';
import { plainLocation } from '../kernels/statements.js';
import { neuronParts, neuronTemps, type NeuronParts, type NeuronTarget } from '../kernels/neuron.js';
import { emitsAxonSpikes } from '../kernels/axon.js';
import { neuronSymbols } from '../neuron-symbols.js';
import { neuronLvalue, frozenWhenRefractory } from '../neuron-writes.js';
import type { SymbolResolver } from '../render.js';
import { wasmDialect as d, floatLiteral } from './spelling.js';
import { KernelText, PI } from './text.js';
import { shareSplit, type ParallelJobs } from './threads.js';
import type { ListRef } from '../kernels/dialect.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';
import { blockArrayNames } from './blocks.js';
import { InternalError } from '../../errors.js';

/** The resolver of a neuron's equations: attributes and internal arrays of the population, by their own names. */
function neuronScope(pop: PopulationPlan, net: NetworkPlan, mode: 'global' | 'local', temps: Set<string>, k: KernelText): SymbolResolver {
  return neuronSymbols(pop, net, mode, temps, {
    temp: (name) => name, zero: floatLiteral(0), pi: PI, toFloat: (x) => d.toFloat(x),
    attrArray: (name) => k.pop(name, pop.id, name),
    popArray: (name) => k.pop(name, pop.id, name),
  });
}

/** `spikes`: where the spike test lists the spikes (by default `_spiked`, counted in `_ns`). */
function target(pop: PopulationPlan, net: NetworkPlan, k: KernelText, spikes?: ListRef): NeuronTarget {
  const temps = neuronTemps(pop);
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  return {
    d,
    scope: (mode) => neuronScope(pop, net, mode, temps, k),
    context: (scope, mode, refractory): StatementContext => ({
      scope,
      location: neuronLvalue(pop, (name, idx) => plainLocation(`(aref ${k.pop(name, pop.id, name)} ${idx})`, d)),
      attribute: (_o, name): Attribute | undefined => attrs.get(name),
      guard: (_o, name) => (refractory && mode === 'local' && frozenWhenRefractory(name) ? { kind: 'branch', cond: '_inref' } : undefined),
    }),
    el: (name, idx) => `(aref ${k.pop(name, pop.id, name)} ${idx})`,
    list: (kind) => (kind === 'spike'
      ? spikes ?? { element: (i) => `(aref ${k.pop('_spiked', pop.id, '_spiked')} ${i})`, count: '_ns' }
      : { element: (i) => `(aref ${k.pop('_axon_spiked', pop.id, '_axon_spiked')} ${i})`, count: '_nas' }),
    step: 'step',
    dt: 'dt',
  };
}

/**
 * The spike tests of the neurons `from` ≤ i < `to` (int expressions; by default every neuron), four
 * at a time (`gfor`): the chain runs one neuron at a time only for four neurons of which one spikes
 * (not refractory, its condition true) or emits an axonal spike; elsewhere the refractory countdown
 * is applied to the four at once, which is all the chain does.
 */
function emission(pop: PopulationPlan, parts: NeuronParts, events: string[], k: KernelText, from = '0', to = String(pop.size)): string[] {
  if (!parts.spike) return d.forSpan('i', from, to, events);
  const refr = `(aref ${k.pop('_refr_left', pop.id, '_refr_left')} i)`;
  let guard = parts.refractory ? d.and(d.not(d.cmp('>', refr, '0')), parts.spike.cond) : parts.spike.cond;
  if (parts.axonCond) guard = d.or(guard, parts.axonCond);
  const skipped = parts.refractory ? `(countdown ${k.pop('_refr_left', pop.id, '_refr_left')})` : '-';
  return [`(gfor i ${from} ${to} (${guard}) ${skipped}`, ...events, ')'];
}

/**
 * The population's global values as locals (`<name>_g`): global operations' results, then global
 * attributes, read after the global equations ran (they may write them).
 */
function hoisted(pop: PopulationPlan, k: KernelText, at: 'ops' | 'attributes'): string[] {
  const desc = pop.description;
  if (at === 'ops') return desc.globalOps.map((g) => { const name = `_${g.op}_${g.variable}`; return d.declare(`${name}_g`, `(aref ${k.pop(name, pop.id, name)} 0)`); });
  return desc.attributes.filter((a) => a.locality === 'global').map((a) => d.declare(`${a.name}_g`, `(aref ${k.pop(a.name, pop.id, a.name)} 0)`));
}

/**
 * `pop<id>_update` in wasm text: the shared neuron kernel in one loop over the neurons. With
 * `jobs` (threads) and at least cpp's number of neurons, the equations' loop is a kernel of its own
 * over a share of the neurons (`pop<id>_equations`, ranged), forked on every thread (`./threads.ts`):
 * neuron i's equations touch only neuron i.
 */
export function neuronKernel(pop: PopulationPlan, net: NetworkPlan, jobs?: ParallelJobs): KernelText {
  const k = new KernelText(`pop${pop.id}_update`);
  const parts = neuronParts(pop, target(pop, net, k));
  if (jobs && runsInThreadBlocks(pop, jobs.threads)) {
    k.body = [...hoisted(pop, k, 'ops'), ...parts.global, ...threadBlocks(pop, net, jobs, k)];
    return k;
  }
  const lines: string[] = [...hoisted(pop, k, 'ops'), ...parts.global, ...hoisted(pop, k, 'attributes'), ...parts.invariants];
  const axon = emitsAxonSpikes(pop);
  if (pop.spiking) lines.push(d.declare('_ns', '0', { mutable: true, type: 'int' }));
  if (axon) lines.push(d.declare('_nas', '0', { mutable: true, type: 'int' }));
  // The equations in a loop of their own (`vfor`: two neurons at a time where the body allows,
  // `./vector.ts`), then spike emission: neuron i's equations touch only neuron i (cpp's layout).
  if (parts.local.length) {
    if (jobs?.worth(pop.size)) {
      const e = new KernelText(`pop${pop.id}_equations`, true);
      const own = neuronParts(pop, target(pop, net, e));
      e.body = [...hoisted(pop, e, 'ops'), ...hoisted(pop, e, 'attributes'), ...own.invariants, '(vfor i lo hi', ...own.inref, ...own.local, ')'];
      lines.push(jobs.fork(e, String(pop.size)));
    } else {
      lines.push(`(vfor i 0 ${pop.size}`, ...parts.inref, ...parts.local, ')');
    }
  }
  const events = [...parts.emit, ...parts.axon];
  if (events.length) lines.push(...emission(pop, parts, events, k));
  if (pop.spiking) lines.push(d.assign(`(aref ${k.pop('_nspiked', pop.id, '_nspiked')} 0)`, '_ns'));
  if (axon) lines.push(d.assign(`(aref ${k.pop('_naxon', pop.id, '_naxon')} 0)`, '_nas'));
  k.body = lines;
  return k;
}

/**
 * Thread blocks (`../kernels/thread-blocks.ts`, as cpp's `threadBlocks`): one job per step
 * (`pop<id>_blocks`, ranged) in which each thread integrates its share of the neurons (`vfor`) and
 * tests them for spikes (`gfor` over the share), listing its spikes in the block scratch
 * (`./blocks.ts`) from its share's first index and their count at its share's number; after the
 * join the main thread copies the shares' spikes into `_spiked` in share order, which is neuron
 * order. `_spiked` is written where and as js writes it (its first `_ns` elements; the rest is left
 * as it was), and every neuron's state by one thread with the same instructions: js's bits. A
 * neuron's state and its spike test thus stay on the core that integrates it, and the spike test is
 * not one thread's pass over every neuron. The global equations ran before, on the main thread
 * (`parts.global`); the job reads the global values after them.
 */
function threadBlocks(pop: PopulationPlan, net: NetworkPlan, jobs: ParallelJobs, k: KernelText): string[] {
  const names = blockArrayNames(pop.id);
  const { chunk, shares } = shareSplit(pop.size, jobs.threads);
  const e = new KernelText(`pop${pop.id}_blocks`, true);
  const list = e.net(names.list, names.list);
  const counts = e.net(names.counts, names.counts);
  const own = neuronParts(pop, target(pop, net, e, { element: (i) => `(aref ${list} (+ lo ${i}))`, count: '_ns' }));
  if (own.axon.length) throw new InternalError(`wasm backend: population ${pop.name} runs in thread blocks but emits axonal spikes`);
  e.body = [
    ...hoisted(pop, e, 'ops'), ...hoisted(pop, e, 'attributes'), ...own.invariants,
    d.declare('_ns', '0', { mutable: true, type: 'int' }),
    ...(own.local.length ? ['(vfor i lo hi', ...own.inref, ...own.local, ')'] : []),
    ...emission(pop, own, own.emit, e, 'lo', 'hi'),
    // A share is a whole number of chunks from 0; a thread past the end (an empty share) writes no count.
    `(when (cmp < lo hi) ${d.assign(`(aref ${counts} (int (/ lo ${chunk})))`, '_ns')})`,
  ];
  const spiked = k.pop('_spiked', pop.id, '_spiked');
  const blockList = k.net(names.list, names.list);
  const blockCounts = k.net(names.counts, names.counts);
  return [
    jobs.fork(e, String(pop.size)),
    d.declare('_ns', '0', { mutable: true, type: 'int' }),
    `(for _t 0 ${shares}`,
    `  (let _c i32 (aref ${blockCounts} _t))`,
    `  (for _k 0 _c (set! (aref ${spiked} (+ _ns _k)) (aref ${blockList} (+ (* _t ${chunk}) _k))))`,
    '  (set! _ns (+ _ns _c))',
    ')',
    d.assign(`(aref ${k.pop('_nspiked', pop.id, '_nspiked')} 0)`, '_ns'),
  ];
}
