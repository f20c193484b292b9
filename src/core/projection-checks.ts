/**
 * The checks a projection passes when it is created (before it joins its network), so that a
 * model that cannot run is refused with a reason instead of crashing in generated code:
 *
 * - the kinds of the populations: spiking → rate-coded and rate-coded → spiking need the specific
 *   projections (`DecodingProjection`, `CurrentInjection`) or a `PoissonPopulation` with `target`;
 * - every `pre.x` / `post.x` / `mean(post.x)` / `t_pre` / `t_post` of the synapse against the pre-
 *   and post-synaptic neurons, in every field and equation (`: event-driven` ones included), and as
 *   a last line every name the generated code will read from them (`pre.sum(t)` of a spiking
 *   population is refused by ir/build.ts, which knows every projection's targets);
 * - the target: a neuron that does not read it receives nothing. ANNarchy accepts that (a
 *   SpikeSourceArray as the post-synaptic side of an STDP projection is the usual way to test a
 *   learning rule), so it is accepted, with a warning for ordinary neurons that read other targets.
 */
import { EquationError, NetworkError } from '../errors.js';
import type { Expr, Owner } from '../equations/ast.js';
import type { Assignment, NeuronDescription, SourceRef, SynapseDescription } from '../equations/description.js';
import { walk } from '../equations/algebra.js';
import { exprToString } from '../equations/printer.js';
import type { Population } from './Population.js';

/** A population that takes rate-coded input on some targets although it is spiking (`PoissonPopulation` with `target`). */
interface RateInputPopulation {
  /** @internal the targets whose rate-coded weighted sum the neuron reads (as `g_<target>`). */
  readonly rateInputTargets?: readonly string[];
}

/** How a projection is named in messages: `pop0 → pop1 (target 'exc')`. */
export function projectionLabel(pre: Population, post: Population, targets: readonly string[], name?: string): string {
  const what = `${pre.name} → ${post.name} (target${targets.length > 1 ? 's' : ''} ${targets.map((t) => `'${t}'`).join(', ')})`;
  return name ? `projection '${name}' ${what}` : `projection ${what}`;
}

/**
 * Refuses a plain projection between a spiking and a rate-coded population: the synapse's code
 * cannot run there (ANNarchy fails to compile them). The specific projections do their own checks.
 */
export function checkPopulationKinds(pre: Population, post: Population, targets: readonly string[], name?: string): void {
  const preType = pre.description.type;
  const postType = post.description.type;
  if (preType === postType) return;
  const label = projectionLabel(pre, post, targets, name);
  if (preType === 'spike') {
    throw new NetworkError(`${label}: the pre-synaptic population '${pre.name}' is spiking and the post-synaptic population '${post.name}' is rate-coded; `
      + `a synapse cannot turn spikes into a rate. Use a DecodingProjection (new DecodingProjection(${pre.name}, ${post.name}, '${targets[0]}', { window })), `
      + `which counts the arriving spikes over a window and gives the rate in sum(${targets[0]})`);
  }
  const accepted = (post as RateInputPopulation).rateInputTargets ?? [];
  const refused = targets.filter((t) => !accepted.includes(t));
  if (refused.length === 0) return;
  throw new NetworkError(`${label}: the pre-synaptic population '${pre.name}' is rate-coded and the post-synaptic population '${post.name}' is spiking; `
    + `a rate-coded synapse cannot send spikes. Use a CurrentInjection (new CurrentInjection(${pre.name}, ${post.name}, '${refused[0]}').connectCurrent(): `
    + `pre.r added to g_${refused[0]} every step), or make the post-synaptic population a PoissonPopulation({ target: '${refused[0]}' }) whose rates are the weighted sum`);
}

/**
 * Warns when the post-synaptic neuron does not read a target of the projection (`g_target` of a
 * spiking neuron, `sum(target)` of a rate-coded one), unless the neuron reads no input at all:
 * input populations (SpikeSourceArray, PoissonPopulation, TimedArray, InputArray…) and neurons driven
 * only by their own equations are the usual post-synaptic side of a projection that exists for its
 * learning rule. A rate-coded pre-synaptic side into a spiking neuron needs the conductance (it is
 * where the sum goes).
 */
export function checkPostTargets(pre: Population, post: Population, targets: readonly string[], name?: string): void {
  const d = post.description;
  const label = projectionLabel(pre, post, targets, name);
  if (d.type === 'spike') {
    const has = (t: string) => d.attributes.some((a) => a.name === `g_${t}`);
    const missing = targets.filter((t) => !has(t));
    if (missing.length === 0) return;
    if (pre.description.type === 'rate') {
      throw new NetworkError(`${label}: the post-synaptic neuron '${post.neuron.name}' has no conductance 'g_${missing[0]}' for target '${missing[0]}' `
        + `(its conductances: ${d.targets.length ? d.targets.map((t) => `g_${t}`).join(', ') : 'none'})`);
    }
    const special = (post as { special?: unknown }).special !== undefined;
    if (!special && d.targets.length > 0) {
      console.warn(`neurarchy: ${label}: the post-synaptic neuron '${post.neuron.name}' has no conductance ${missing.map((t) => `g_${t}`).join(', ')} `
        + `(its conductances: ${d.targets.map((t) => `g_${t}`).join(', ')}); the spikes of this projection change nothing in it (its synaptic equations and events still run). `
        + `Check the target, or read g_${missing[0]} in the neuron's equations.`);
    }
    return;
  }
  if (d.usesSumAll || d.targets.length === 0) return;
  const missing = targets.filter((t) => !d.targets.includes(t));
  if (missing.length === 0) return;
  console.warn(`neurarchy: ${label}: the post-synaptic neuron '${post.neuron.name}' never reads sum(${missing[0]}) (it reads ${d.targets.map((t) => `sum(${t})`).join(', ')}); `
    + `the weighted sum of this projection is computed but changes nothing in it. Check the target, or read sum(${missing[0]}) in the neuron's equations.`);
}

/** One expression of a synapse with the statement it belongs to (several candidates for ODE blocks). */
interface Site {
  expr: Expr;
  sources: SourceRef[];
}

/** Every expression of a synapse description, with where it was written. */
function sites(d: SynapseDescription): { reads: Site[]; writes: { owner: Owner; target: string; source: SourceRef }[] } {
  const reads: Site[] = [];
  const writes: { owner: Owner; target: string; source: SourceRef }[] = [];
  const assignment = (a: Assignment) => {
    reads.push({ expr: a.value, sources: [a.source] });
    if (a.min) reads.push({ expr: a.min, sources: [a.source] });
    if (a.max) reads.push({ expr: a.max, sources: [a.source] });
    if (a.owner !== 'self' && !(a.owner === 'post' && a.target === 'g_target')) writes.push({ owner: a.owner, target: a.target, source: a.source });
  };
  if (d.psp) reads.push({ expr: d.psp, sources: [{ block: 'psp', line: 1, text: exprToString(d.psp) }] });
  for (const sec of d.sections) {
    for (const st of sec.steps) {
      if (st.kind === 'assign') { assignment(st); continue; }
      const sources = st.updates.map((u) => u.source);
      for (const t of st.temps) reads.push({ expr: t.value, sources });
      for (const u of st.updates) reads.push({ expr: u.value, sources: [u.source] });
    }
  }
  for (const a of [...d.transmission, ...d.preSpike, ...d.postSpike, ...d.preAxonSpike]) assignment(a);
  for (const a of d.attributes) {
    if (a.min) reads.push({ expr: a.min, sources: [a.source] });
    if (a.max) reads.push({ expr: a.max, sources: [a.source] });
  }
  // `: event-driven` ODEs are solved exactly between events, so they are in no section: their time
  // constant and steady state (`tau * dx/dt = -x + pre.y`) are read by the event code.
  for (const ev of d.eventDriven) {
    const source = d.attributes.find((a) => a.name === ev.name)?.source ?? { block: 'equations', line: 0, text: '' };
    reads.push({ expr: ev.tau, sources: [source] }, { expr: ev.steady, sources: [source] });
  }
  return { reads, writes };
}

/** The line among `sources` that mentions `text` (the numerical methods merge the ODEs of a block). */
function locate(sources: SourceRef[], text: string): SourceRef {
  return sources.find((s) => s.text.replace(/\s+/g, '').includes(text.replace(/\s+/g, ''))) ?? sources[0];
}

function attributeList(n: NeuronDescription): string {
  const names = n.attributes.map((a) => a.name);
  if (n.type === 'spike') names.push('t_last');
  return names.join(', ');
}

/**
 * Checks every reference of the synapse to the pre- and post-synaptic neurons: `pre.x`/`post.x`
 * (read or written) must be attributes of that neuron (or `t_last` of a spiking one), `mean(pre.x)`
 * an attribute, `t_pre`/`t_post` a spiking side.
 */
export function checkSynapseReferences(d: SynapseDescription, pre: Population, post: Population, targets: readonly string[], name?: string): void {
  const label = projectionLabel(pre, post, targets, name);
  const side = (owner: 'pre' | 'post') => (owner === 'pre' ? pre : post);
  const fail = (source: SourceRef, message: string, symbol: string): never => {
    throw new EquationError(`${label}: ${message}`, { model: d.name, field: source.block, line: source.line || undefined, symbol, text: source.text || undefined });
  };
  const neuronOf = (owner: 'pre' | 'post') => `the ${owner}-synaptic neuron '${side(owner).neuron.name}' of population '${side(owner).name}'`;
  const has = (owner: 'pre' | 'post', attr: string) => side(owner).description.attributes.some((a) => a.name === attr);
  const { reads, writes } = sites(d);
  for (const site of reads) {
    walk(site.expr, (e) => {
      if (e.kind === 'attr') {
        const ref = `${e.owner}.${e.name}`;
        const p = side(e.owner).description;
        if (has(e.owner, e.name) || (e.name === 't_last' && p.type === 'spike')) return;
        fail(locate(site.sources, ref), `'${ref}': ${neuronOf(e.owner)} has no attribute '${e.name}' (it has: ${attributeList(p)})`, ref);
      } else if (e.kind === 'globalop' && e.owner !== 'self') {
        const ref = `${e.op}(${e.owner}.${e.variable})`;
        if (!has(e.owner, e.variable)) {
          fail(locate(site.sources, `${e.owner}.${e.variable}`), `'${ref}': ${neuronOf(e.owner)} has no attribute '${e.variable}' (it has: ${attributeList(side(e.owner).description)})`, ref);
        }
      } else if (e.kind === 'sym' && (e.name === 't_pre' || e.name === 't_post')) {
        const owner = e.name === 't_pre' ? 'pre' : 'post';
        if (side(owner).description.type !== 'spike') {
          fail(locate(site.sources, e.name), `'${e.name}' is the time of the last ${owner}-synaptic spike, but ${neuronOf(owner)} is rate-coded`, e.name);
        }
      }
    });
  }
  for (const w of writes) {
    const ref = `${w.owner}.${w.target}`;
    const owner = w.owner as 'pre' | 'post';
    if (w.target === 't_last' && side(owner).description.type === 'spike') {
      fail(w.source, `'${ref}' is read-only: it is the time of the last spike of ${neuronOf(owner)}`, ref);
    }
    if (!has(owner, w.target)) {
      fail(w.source, `'${ref}' is written, but ${neuronOf(owner)} has no attribute '${w.target}' (it has: ${side(owner).description.attributes.map((a) => a.name).join(', ')})`, ref);
    }
  }
  // The generated code reads every name of preDependencies/postDependencies from the neuron's
  // arrays: whatever expression a future field adds, a name the neuron lacks never reaches it.
  for (const owner of ['pre', 'post'] as const) {
    for (const attr of owner === 'pre' ? d.preDependencies : d.postDependencies) {
      // `last_spike` stands for t_pre/t_post, checked above.
      if (has(owner, attr) || ((attr === 't_last' || attr === 'last_spike') && side(owner).description.type === 'spike')) continue;
      const ref = attr === 'last_spike' ? `t_${owner}` : `${owner}.${attr}`;
      const source = [...reads.flatMap((r) => r.sources), ...writes.map((w) => w.source)].find((s) => s.text.includes(ref))
        ?? { block: 'equations' as const, line: 0, text: '' };
      fail(source, attr === 'last_spike'
        ? `'${ref}' is the time of the last ${owner}-synaptic spike, but ${neuronOf(owner)} is rate-coded`
        : `'${ref}': ${neuronOf(owner)} has no attribute '${attr}' (it has: ${attributeList(side(owner).description)})`, ref);
    }
  }
}

/**
 * Refuses a synapse that procedural connectivity (`connectFixedProbability({ procedural: true })`)
 * cannot regenerate: it stores nothing per synapse or per dendrite, so the synapse may have no
 * attribute of either kind but its `w`, nothing may write `w` or another synapse value, and
 * there is no code per step, per post-synaptic spike or per axonal spike, and no continuous psp.
 * `'stored'` (the same synapses, stored) takes any synapse.
 */
export function checkProceduralSynapse(d: SynapseDescription, where: string, structural: boolean | undefined, forceMultipleWeights: boolean | undefined): void {
  const why = proceduralObstacle(d, structural, forceMultipleWeights);
  if (why) throw new NetworkError(`${where}: procedural connectivity stores no synapse, so ${why}; use procedural: 'stored' (the same synapses, stored) or a synapse without it`);
}

/** What keeps synapse `d` from being procedural (see {@link checkProceduralSynapse}), or undefined. */
export function proceduralObstacle(d: SynapseDescription, structural: boolean | undefined, forceMultipleWeights: boolean | undefined): string | undefined {
  if (d.type !== 'spike') return `a rate-coded synapse ('${d.name}') cannot be regenerated each step`;
  if (structural) return 'structural plasticity (which adds and removes stored synapses) cannot change it';
  if (forceMultipleWeights) return 'forceMultipleWeights (one stored weight per synapse) is not possible';
  const stored = d.attributes.find((a) => a.name !== 'w' && a.locality !== 'global');
  if (stored) return `the synapse '${d.name}' cannot keep its ${a(stored.locality)} ${stored.role} '${stored.name}' (line ${stored.source.line})`;
  if (d.plastic) return `the synapse '${d.name}' cannot change its weight w (it is plastic)`;
  if (d.sections.some((s) => s.steps.length > 0)) return `the equations of the synapse '${d.name}' cannot run`;
  if (d.postSpike.length > 0) return `the post_spike code of the synapse '${d.name}' cannot run`;
  if (d.preAxonSpike.length > 0) return `the pre_axon_spike code of the synapse '${d.name}' cannot run`;
  if (d.psp !== undefined) return `the continuous psp of the synapse '${d.name}' cannot be summed`;
  if (d.eventDriven.length > 0) return `the event-driven variables of the synapse '${d.name}' cannot be kept`;
  const own = [...d.transmission, ...d.preSpike].find((s) => s.owner === 'self');
  if (own) return `pre_spike cannot write '${own.target}' of the synapse '${d.name}' (line ${own.source.line})`;
  return undefined;
}

function a(locality: string): string {
  return locality === 'local' ? 'per-synapse' : 'per-dendrite';
}
