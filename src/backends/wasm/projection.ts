/**
 * The wasm places of a projection's shared kernels (`../kernels/synapse-loops.ts`,
 * `transmission.ts`, `events.ts`): rate-coded weighted sums, spike propagation (this step's spikes or
 * the spike queue of a uniform delay), continuous transmission, the synaptic equations and
 * `post_spike` events. The switches are read from the network's flag array (`../kernels/switches.ts`).
 * Per-synapse delays walk their ring of synapses in flight in the memory (`./ring.ts`).
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { synapseSymbols, type SynapseSymbols } from '../synapse-symbols.js';
import { synapseAttribute, synapseLvalue } from '../synapse-writes.js';
import { plainLocation, renderSteps, type StatementContext } from '../kernels/statements.js';
import { eventDecay, eventStatements, type EventTarget } from '../kernels/events.js';
import { transmitsAxonSpikes } from '../kernels/axon.js';
import { plasticityGuard, rateSumParts, continuousSumParts, spikeSource, preSpikeEvent, axonSpikeEvent } from '../kernels/transmission.js';
import { dendriteSumLoop, inverseWalk, synapseUpdateLoop, writesOnlySelf, postSpikeWalk, type LoopTarget } from '../kernels/synapse-loops.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { hasInverse, mirrorsWeights } from '../kernels/inverse.js';
import { hasSpikeRing, ringWalk } from '../kernels/synapse-loops.js';
import { ringText } from './ring.js';
import { invariantDeclarations, synapseUpdateTemps } from '../kernels/invariants.js';
import { wasmDialect as d, floatLiteral } from './spelling.js';
import { KernelText, PI } from './text.js';
import type { ParallelJobs } from './threads.js';
import { SYNAPSE_THRESHOLD } from '../cpp/parallel.js';
import { POST_RANGE_MIN_SYNAPSES, meanRow, postRangeObstacle, postRangeTuning, unitsFor } from '../kernels/post-range.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';

/** The flag `name` of projection `proj` (an int32 value). */
function flag(proj: ProjectionPlan, name: keyof typeof FLAGS): string {
  return `(aref FLAGS ${FLAGS_PER_PROJECTION * proj.id + FLAGS[name]})`;
}

interface Scope extends SynapseSymbols {
  /** Declarations of the scalars the resolver asked for, then its prologue (delay slots). */
  head(): string[];
}

/** The resolver of a projection's code: arrays named as js names its locals, each recorded in `k`. */
function synapseScope(proj: ProjectionPlan, net: NetworkPlan, k: KernelText, options: { dtName: string; temps: Set<string>; delayedPre?: boolean; weightRead?: string }): Scope {
  const scalars = new Map<string, string>();
  const symbols = synapseSymbols(proj, net, {
    temp: (name) => name, zero: floatLiteral(0), pi: PI, toFloat: (x) => d.toFloat(x),
    popArray: (p, side, name) => k.pop(`${side}_${name}`, p.id, name),
    ringArray: (p, name) => k.pop(`pre_${name}_ring`, p.id, `_delayed_${name}`),
    attrArray: (name) => k.proj(name, proj.id, name),
    projArray: (name) => k.proj(name, proj.id, name),
    scalar: (local, owner, id, name) => {
      const arr = owner === 'pop' ? k.pop(`_a${local}`, id, name) : k.proj(`_a${local}`, id, name);
      scalars.set(local, d.declare(local, `(aref ${arr} 0)`, { type: 'int' }));
    },
    wide: (x) => x,
    declareSlot: (name, value) => d.declare(name, value, { type: 'int' }),
  }, options);
  return {
    ...symbols,
    head: () => [
      ...scalars.values(),
      ...symbols.prologue(),
    ],
  };
}

function context(proj: ProjectionPlan, net: NetworkPlan, scope: Scope, k: KernelText): StatementContext {
  return {
    scope,
    location: (owner, target) => plainLocation(synapseLvalue(proj, net, scope, (p, name, idx) => `(aref ${k.pop(`cur_${name}`, p.id, name)} ${idx})`)(owner, target), d),
    attribute: synapseAttribute(proj, net),
    guard: (owner, target) => plasticityGuard(owner, target, 'branch', flag(proj, 'plasticity')),
  };
}

function loopTarget(proj: ProjectionPlan, k: KernelText): LoopTarget {
  return {
    d,
    el: (name, i) => `(aref ${k.proj(name, proj.id, name)} (${i}))`,
    dendrites: () => `(length ${k.proj('_post_rank', proj.id, '_post_rank')})`,
  };
}

function eventTarget(proj: ProjectionPlan, ctx: StatementContext, k: KernelText): EventTarget {
  return {
    d, ctx, elapsed: '_elapsed',
    lastEvent: () => `(aref ${k.proj('_last_event', proj.id, '_last_event')} k)`,
    lastSpike: (side) => `(aref ${k.pop(`${side}__last_spike`, side === 'pre' ? proj.pre : proj.post, '_last_spike')} rk_${side})`,
  };
}

/**
 * Rate-coded transmission: `sum(target)` of every post-synaptic neuron (dendrites forked with
 * threads: `forkedSums`).
 */
export function rateTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, jobs?: ParallelJobs): KernelText {
  const k = new KernelText(`proj${proj.id}_transmit`);
  const sums = (kernel: KernelText, t: LoopTarget) => {
    const scope = synapseScope(proj, net, kernel, { dtName: 'dt', temps: new Set() });
    const parts = rateSumParts(proj, { d, psp: () => renderExpr(proj.description.psp!, scope, d.expr) });
    const sum = kernel.pop('post_sum', proj.post, parts.into[0]);
    return [...scope.head(), ...dendriteSumLoop(t, parts, (_n, i) => `(aref ${sum} ${i})`)];
  };
  k.body = [`(when ${flag(proj, 'transmission')}`, ...forkedSums(proj, k, `proj${proj.id}_sums`, sums, jobs), ')'];
  return k;
}

/**
 * A weighted sum's lines in kernel `k` (`sums(kernel, target)` writes them for a kernel and a loop
 * target). With `jobs` (threads), the dendrites' loop is a kernel of its own over a share of them
 * (`name`, ranged), and `k` forks it, on every thread when the projection has at least cpp's number
 * of synapses (a run-time test, as cpp's: `load()` may change them): each dendrite writes only its
 * own post-synaptic neuron.
 */
function forkedSums(proj: ProjectionPlan, k: KernelText, name: string, sums: (kernel: KernelText, t: LoopTarget) => string[], jobs?: ParallelJobs): string[] {
  if (!jobs || jobs.threads < 2) return sums(k, loopTarget(proj, k));
  const r = new KernelText(name, true);
  r.body = sums(r, { ...loopTarget(proj, r), spread: { sums: (i, _n, body) => [`(for ${i} lo hi`, ...body, ')'] } });
  if (r.body.length === 0) return [];
  const nd = `(length ${k.proj('_post_rank', proj.id, '_post_rank')})`;
  const synapses = `(aref ${k.proj('_row_ptr', proj.id, '_row_ptr')} ${nd})`;
  return [jobs.fork(r, nd, `(cmp >= ${synapses} ${SYNAPSE_THRESHOLD})`)];
}

/**
 * Spike propagation (this step's spikes, or a uniform delay's queue, through the inverse indices; or
 * per-synapse delays through the ring), axonal spikes, then continuous transmission.
 */
export function spikeTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, jobs?: ParallelJobs): KernelText {
  const k = new KernelText(`proj${proj.id}_transmit`);
  const { scope, ctx, walk } = spikeWalk(proj, net, k);
  const t = loopTarget(proj, k);
  const pre = (name: string) => k.pop(`pre_${name}`, proj.pre, name);
  const event = () => preSpikeEvent(proj, eventTarget(proj, ctx, k), 'step');
  let loop: string[];
  if (hasSpikeRing(proj)) loop = ringWalk(t, ringText(proj.id, k), (s) => `(aref ${pre('_spiked')} ${s})`, `(aref ${pre('_nspiked')} 0)`, event());
  else if (jobs && splitsPostRanks(proj, net, jobs.threads)) loop = [...stepSpikes(proj, net, k), postRangeJob(proj, net, jobs, `(cmp >= _ns ${postRangeMinSpikes(proj, net)})`)];
  else loop = walk(t, event());
  if (transmitsAxonSpikes(proj, net)) {
    // Axonal spikes of the previous step run `pre_axon_spike` (no delay, gated by axonTransmission).
    const axonEvent = axonSpikeEvent(proj, eventTarget(proj, ctx, k), 'step');
    loop.push(...d.ifBlock(flag(proj, 'axonTransmission'), [
      d.declare('_nas', `(aref ${pre('_naxon')} 0)`, { type: 'int' }),
      ...inverseWalk(t, (s) => `(aref ${pre('_axon_spiked')} ${s})`, '_nas', axonEvent),
    ]));
  }
  const continuous = continuousTransmission(proj, net, k, jobs);
  k.body = [`(when ${flag(proj, 'transmission')}`, ...scope.head(), ...loop, ...continuous, ')'];
  return k;
}

/**
 * The spike walk through the inverse indices in kernel `k`: its scope and context, and `walk(t,
 * event)`, the lines choosing this step's spikes (or a uniform delay's queue slot) and walking them
 * with `t`'s loops. The derived inverse arrays (`./derived.ts`) give the post ranks, and the weights
 * in walk order where no kernel writes them.
 */
function spikeWalk(proj: ProjectionPlan, net: NetworkPlan, k: KernelText): { scope: Scope; ctx: StatementContext; walk: (t: LoopTarget, event: string[]) => string[] } {
  const weightRead = hasInverse(proj) && mirrorsWeights(proj) ? `(aref ${k.derived('_iw', proj.id, '_iw')} m)` : undefined;
  const scope = synapseScope(proj, net, k, { dtName: 'dt', temps: new Set(), weightRead });
  const ctx = context(proj, net, scope, k);
  const postOf = (m: string) => `(aref ${k.derived('_ipost', proj.id, '_ipost')} ${m})`;
  const walk = (t: LoopTarget, event: string[]) => [...stepSpikes(proj, net, k), ...inverseWalk(t, (s) => `(aref _src ${s})`, '_ns', event, { postOf })];
  return { scope, ctx, walk };
}

/** The step's spikes of `proj` in kernel `k`: `_src` (this step's list, or a slot of the queue) and their number `_ns`. */
function stepSpikes(proj: ProjectionPlan, net: NetworkPlan, k: KernelText): string[] {
  const pre = (name: string) => k.pop(`pre_${name}`, proj.pre, name);
  const size = net.populations[proj.pre].size;
  return [
    '(var _src ptr.i32 0)',
    d.declare('_ns', '0', { mutable: true, type: 'int' }),
    ...spikeSource(proj, {
      d,
      now: () => [d.assign('_src', `(addr ${pre('_spiked')} 0)`), d.assign('_ns', `(aref ${pre('_nspiked')} 0)`)],
      queued: (slot) => [d.assign('_ns', `(aref ${pre('_spike_queue_n')} ${slot})`), d.assign('_src', `(addr ${pre('_spike_queue')} (* ${slot} ${size}))`)],
      queue: () => ({ delay: `(aref ${k.proj('_delay_uniform', proj.id, '_delay_uniform')} 0)`, newest: `(aref ${pre('_spike_queue_idx')} 0)`, slots: `(length ${pre('_spike_queue_n')})` }),
    }),
  ];
}

/**
 * The fewest spikes of a step for which the post-range walk of `proj` forks: cpp's threshold
 * (`postRangeTuning.blockMinEvents`, 512 synapse events) at the projection's mean row length; 0
 * (every step) where tests set that threshold to 0. Each walk is a
 * fork of its own in wasm, and a fork costs more than a few hundred events save (the
 * microcircuit's 340 walks: level with one thread when each forked every step).
 */
function postRangeMinSpikes(proj: ProjectionPlan, net: NetworkPlan): number {
  return unitsFor(postRangeTuning.blockMinEvents, meanRow(proj, net));
}

/**
 * Whether the spike walk of `proj` splits its post-synaptic ranks among `threads` threads (cpp's
 * post-range walk, `../cpp/projection.ts` `postRangeStrategy`): a walk through the inverse indices
 * whose events pass cpp's tests (`postRangeObstacle`: they write only what belongs to one
 * post-synaptic neuron), with at least cpp's number of synapses, into a population in thread blocks
 * (`../kernels/thread-blocks.ts`), whose shares are the walk's: each thread then adds into the
 * conductances it integrates next, in its core's cache.
 */
function splitsPostRanks(proj: ProjectionPlan, net: NetworkPlan, threads: number): boolean {
  return threads > 1 && !hasSpikeRing(proj) && proj.synapses >= POST_RANGE_MIN_SYNAPSES
    && runsInThreadBlocks(net.populations[proj.post], threads) && postRangeObstacle(proj, net) === undefined;
}

/**
 * The post-range walk (`proj<id>_walk`, ranged over the post-synaptic ranks, forked in steps of at least `postRangeMinSpikes` spikes, else run by the main thread over every rank):
 * every thread walks every spike of the step in emission order, and of each spike's inverse row only
 * the entries whose post rank is in its share `[lo, hi)`, found by binary searches over the row's
 * post ranks (`_ipost`: a row ascends in synapse index, hence in dendrite, hence in post rank). Each
 * element an event writes belongs to one post-synaptic neuron (`postRangeObstacle`), hence to one
 * thread, which meets its synapses in the one-thread order: each neuron receives the same additions
 * in the same order, js's bits whatever the thread count.
 */
function postRangeJob(proj: ProjectionPlan, net: NetworkPlan, jobs: ParallelJobs, parallel: string): string {
  const r = new KernelText(`proj${proj.id}_walk`, true);
  const { scope, ctx, walk } = spikeWalk(proj, net, r);
  const ipost = r.derived('_ipost', proj.id, '_ipost');
  // The first entry of [from, to) whose post rank is at least `bound`, in `name`.
  const lowerBound = (name: string, from: string, to: string, bound: string) => [
    `(var ${name} i32 ${from})`,
    `(var ${name}_h i32 ${to})`,
    `(while (cmp < ${name} ${name}_h)`,
    // (m + h) / 2 in float64 (exact), truncated: the lowerer has no int32 division.
    `  (let ${name}_mid i32 (int (trunc (/ (+ ${name} ${name}_h) 2))))`,
    `  (if (cmp < (aref ${ipost} ${name}_mid) ${bound}) (set! ${name} (+ ${name}_mid 1)) (set! ${name}_h ${name}_mid)))`,
  ];
  const synapses = (i: string, a: string, b: string, body: string[]) => [
    '(do',
    `(let _m1 i32 ${a})`,
    `(let _m2 i32 ${b})`,
    ...lowerBound('_mlo', '_m1', '_m2', 'lo'),
    ...lowerBound('_mhi', '_mlo', '_m2', 'hi'),
    `(for ${i} _mlo _mhi`, ...body, ')',
    ')',
  ];
  const event = preSpikeEvent(proj, eventTarget(proj, ctx, r), 'step');
  const lines = walk({ ...loopTarget(proj, r), spread: { synapses } }, event);
  r.body = [...scope.head(), ...lines];
  return jobs.fork(r, String(net.populations[proj.post].size), parallel);
}

/**
 * Continuous transmission of a spiking projection, laid out as a rate-coded sum (its scope reads
 * `pre.x` through the delay ring; dendrites forked with threads: `forkedSums`).
 */
function continuousTransmission(proj: ProjectionPlan, net: NetworkPlan, k: KernelText, jobs?: ParallelJobs): string[] {
  const sums = (kernel: KernelText, t: LoopTarget) => {
    const scope = synapseScope(proj, net, kernel, { dtName: 'dt', temps: new Set(), delayedPre: true });
    const parts = continuousSumParts(proj, { d, psp: () => renderExpr(proj.description.psp!, scope, d.expr) });
    if (!parts) return [];
    const g = parts.into.map((name, n) => kernel.pop(`_g${n}`, proj.post, name));
    return d.block([...scope.head(), ...dendriteSumLoop(t, parts, (n, i) => `(aref ${g[n]} ${i})`)]);
  };
  return forkedSums(proj, k, `proj${proj.id}_continuous`, sums, jobs);
}

/**
 * Continuous synaptic equations: global, then per dendrite, then per synapse, every `learningPeriod`
 * steps. With threads, where the equations write only the projection's own attributes (cpp's rule:
 * `writesOnlySelf`), the dendrites' loop is a kernel of its own over a share of them
 * (`proj<id>_equations`, ranged), forked after the global equations when the projection has at
 * least cpp's number of synapses (tested at run time, as cpp's `if` clause): each dendrite is
 * computed by one thread with the same instructions, so the bits do not depend on the thread count.
 */
export function synapseUpdateKernel(proj: ProjectionPlan, net: NetworkPlan, jobs?: ParallelJobs): KernelText {
  const k = new KernelText(`proj${proj.id}_update`);
  const desc = proj.description;
  const sec = (l: string) => desc.sections.find((s) => s.locality === l)?.steps ?? [];
  const temps = synapseUpdateTemps(proj);
  const period = flag(proj, 'learningPeriod');
  // The equations in `kernel` (all, the global ones, or the dendrites' ones), after the declarations they asked for.
  const equations = (kernel: KernelText, t: LoopTarget, part: 'all' | 'global' | 'dendrites') => {
    const scope = synapseScope(proj, net, kernel, { dtName: '_dt', temps });
    const ctx = context(proj, net, scope, kernel);
    const steps = (l: string) => (part === 'dendrites' && l === 'global') || (part === 'global' && l !== 'global') ? [] : renderSteps(sec(l), ctx, d);
    // A forked share of the dendrites computes the invariant values itself: the same operations, the same bits.
    const loop = part === 'global' ? steps('global') : synapseUpdateLoop(t, steps('global'), invariantDeclarations(proj.invariants, scope, d), steps('semiglobal'), steps('local'), false);
    return [d.declare('_dt', `(* dt ${period})`), ...scope.head(), ...loop];
  };
  const forks = jobs !== undefined && jobs.threads > 1 && writesOnlySelf(proj) && (sec('semiglobal').length > 0 || sec('local').length > 0);
  const due = d.and(d.and(flag(proj, 'transmission'), flag(proj, 'update')), d.cmp('==', `(% (- step ${flag(proj, 'learningOffset')}) ${period})`, '0'));
  if (!forks) {
    k.body = [`(when ${due}`, ...equations(k, loopTarget(proj, k), 'all'), ')'];
    return k;
  }
  const r = new KernelText(`proj${proj.id}_equations`, true);
  r.body = equations(r, { ...loopTarget(proj, r), spread: { dendrites: (i, _n, body) => [`(for ${i} lo hi`, ...body, ')'] } }, 'dendrites');
  const nd = `(length ${k.proj('_post_rank', proj.id, '_post_rank')})`;
  const synapses = `(aref ${k.proj('_row_ptr', proj.id, '_row_ptr')} ${nd})`;
  k.body = [`(when ${due}`, ...equations(k, loopTarget(proj, k), 'global'), jobs.fork(r, nd, `(cmp >= ${synapses} ${SYNAPSE_THRESHOLD})`), ')'];
  return k;
}


/** `post_spike` code, run in the step of the post-synaptic spike for every synapse of its dendrite. */
export function postEventKernel(proj: ProjectionPlan, net: NetworkPlan): KernelText {
  const k = new KernelText(`proj${proj.id}_post`);
  const scope = synapseScope(proj, net, k, { dtName: 'dt', temps: new Set() });
  const ctx = context(proj, net, scope, k);
  const t = eventTarget(proj, ctx, k);
  // Post events happen after this step's decay: their event time is step + 1 (see ir/event-driven.ts).
  const event = [...eventDecay(proj, t, '(+ step 1)'), ...eventStatements(proj, proj.description.postSpike, t)];
  const post = (name: string) => k.pop(`post_${name}`, proj.post, name);
  const loop = postSpikeWalk(loopTarget(proj, k), (s) => `(aref ${post('_spiked')} ${s})`, `(aref ${post('_nspiked')} 0)`, event);
  k.body = [`(when ${flag(proj, 'transmission')}`, ...scope.head(), ...loop, ')'];
  return k;
}
