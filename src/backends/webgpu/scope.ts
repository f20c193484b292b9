/**
 * How WGSL kernels read the names of a model (twins of `../neuron-symbols.ts` and
 * `../synapse-symbols.ts`, which js and C++ share): every array is a region of the packed buffers
 * (`memory.ts`), indexed by `i` (neuron or dendrite), `k` (synapse), `rk_pre`/`rk_post` (i32 locals
 * of the kernel). Kept apart because every read is an offset expression, not a declared local; the
 * writes share `../neuron-writes.ts` and `../synapse-writes.ts`.
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import type { SymbolResolver } from '../render.js';
import type { Owner } from '../../equations/ast.js';
import { isGlobalAttribute, type Attribute, type Locality } from '../../equations/description.js';
import { plasticityGuard } from '../kernels/transmission.js';
import { wgslNumber } from './spelling.js';
import { tempName, type StatementContext as WStatementContext, type Guard } from './statements.js';
import type { Layout, Mem } from './memory.js';
import { NetworkError, InternalError } from '../../errors.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { synapseAttribute } from '../synapse-writes.js';
import { neuronLvalue, frozenWhenRefractory } from '../neuron-writes.js';
import { slotBack } from '../kernels/delays.js';

/** Shared names of every kernel: `t`, `dt`, `pi`, Constants (a region of `F` written before each run). */
function common(name: string, net: NetworkPlan, L: Layout, mem: Mem, dtName: string): string | undefined {
  switch (name) {
    case 't': return 'U.t';
    case 'dt': return dtName;
    case 'pi': return wgslNumber(Math.PI);
  }
  const c = net.constants.indexOf(name);
  if (c >= 0) return mem.f(`${L.get('net', 0, 'constants').offset + c}`);
  return undefined;
}

/** The element of a projection array: `0` (global, or the single weight), `i` (semiglobal: the dendrite), `k` (local: the synapse). */
function synapseIndex(locality: Locality, single = false): '0' | 'i' | 'k' {
  return single || locality === 'global' ? '0' : locality === 'semiglobal' ? 'i' : 'k';
}

/** Resolver of a neuron's equations, for neuron `i`. */
export function neuronScope(pop: PopulationPlan, net: NetworkPlan, L: Layout, mem: Mem, temps: Set<string>): SymbolResolver {
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  const at = (name: string, idx: string) => mem.f(`${L.off('pop', pop.id, name)} + ${idx}`);
  return {
    sym(name) {
      if (temps.has(name)) return tempName(name);
      const a = attrs.get(name);
      if (a) return at(name, a.locality === 'global' ? '0' : 'i');
      if (name === 't_last') return `(f32(${mem.i(`${L.off('pop', pop.id, '_last_spike')} + i`)}) * DT)`;
      return common(name, net, L, mem, 'DT') ?? `p_${name}`;
    },
    attr(owner, name) { throw new InternalError(`${owner}.${name} in a neuron`); },
    sum(_owner, target) {
      const targets = target === null ? pop.sumTargets : [target];
      if (targets.length === 0) return '0.0f';
      return `(${targets.map((t) => at(`_sum_${t}`, 'i')).join(' + ')})`;
    },
    globalop(op, _owner, variable) { return at(`_${op}_${variable}`, '0'); },
    rand(id) {
      const use = pop.description.randoms.find((r) => r.id === id)!;
      return at(`_rand_${id}`, use.locality === 'global' ? '0' : 'i');
    },
  };
}

/** Statement context of a neuron kernel; `guard` is the refractoriness mask of the local equations. */
export function neuronContext(pop: PopulationPlan, scope: SymbolResolver, L: Layout, mem: Mem, refractoryMask?: string): WStatementContext {
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  return {
    scope,
    where: `population '${pop.name}'`,
    location: neuronLvalue(pop, (target, idx) => mem.loc(`${L.off('pop', pop.id, target)} + ${idx}`, false)),
    attribute: (_o, target): Attribute | undefined => attrs.get(target),
    guard: (_o, target): Guard | undefined => (refractoryMask && frozenWhenRefractory(target) ? { kind: 'select', cond: refractoryMask } : undefined),
  };
}

/** Which writes of a projection kernel several invocations share (they become atomic adds). */
export interface Sharing {
  pre: boolean;
  post: boolean;
  semiglobal: boolean;
  global: boolean;
}

/** Resolver of a projection's code, for synapse `k` of dendrite `i` (pre `rk_pre`, post `rk_post`). */
export function synapseScope(proj: ProjectionPlan, net: NetworkPlan, L: Layout, mem: Mem, options: { dtName: string; temps: Set<string>; delayedPre?: boolean }): SymbolResolver {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  const attrs = new Map(proj.description.attributes.map((a) => [a.name, a]));
  // As ../synapse-symbols.ts: delayed pre.x for rate-coded sums (and the continuous psp of a spiking projection).
  const delayed = (options.delayedPre ?? proj.type === 'rate') && proj.delay.kind !== 'none';
  const popAt = (p: PopulationPlan, name: string, idx: string) => mem.f(`${L.off('pop', p.id, name)} + ${idx}`);

  function preValue(name: string): string {
    const global = isGlobalAttribute(pre.description, name);
    const idx = global ? '0' : 'rk_pre';
    if (!delayed) return popAt(pre, name, idx);
    const didx = mem.i(L.off('pop', pre.id, '_delay_idx'));
    const D = mem.i(L.off('pop', pre.id, '_delay_len'));
    const d = proj.delay.kind === 'uniform' ? mem.i(L.off('proj', proj.id, '_delay_uniform')) : L.int('proj', proj.id, '_delay', 'k');
    const slot = `(${slotBack(didx, d, D)})`;
    return mem.f(`${L.off('pop', pre.id, `_delayed_${name}`)} + ${slot} * ${global ? 1 : pre.size} + ${global ? '0' : 'rk_pre'}`);
  }

  /** The last spike of the pre- or post-synaptic neuron in ms (`t_pre`, `t_post`, `pre.t_last`, `post.t_last`). */
  const lastSpike = (owner: 'pre' | 'post'): string => (owner === 'pre'
    ? `(f32(${mem.i(`${L.off('pop', pre.id, '_last_spike')} + rk_pre`)}) * DT)`
    : `(f32(${mem.i(`${L.off('pop', post.id, '_last_spike')} + rk_post`)}) * DT)`);

  return {
    sym(name) {
      if (options.temps.has(name)) return tempName(name);
      const a = attrs.get(name);
      if (a) {
        // A per-synapse array may live in float buffers (`memory.ts` `GroupBuffer`): the layout names them.
        return L.readFloat(mem, 'proj', proj.id, name, synapseIndex(a.locality, name === 'w' && proj.singleWeight));
      }
      if (name === 't_pre') return lastSpike('pre');
      if (name === 't_post') return lastSpike('post');
      return common(name, net, L, mem, options.dtName) ?? `p_${name}`;
    },
    attr(owner, name) {
      if (name === 't_last') return lastSpike(owner);
      if (owner === 'pre') return preValue(name);
      const global = isGlobalAttribute(post.description, name);
      return popAt(post, name, global ? '0' : 'rk_post');
    },
    sum(owner, target) {
      const p = owner === 'pre' ? pre : post;
      const targets = target === null ? p.sumTargets : [target];
      if (targets.length === 0) return '0.0f';
      return `(${targets.map((t) => popAt(p, `_sum_${t}`, owner === 'pre' ? 'rk_pre' : 'rk_post')).join(' + ')})`;
    },
    globalop(op, owner, variable) { return popAt(owner === 'pre' ? pre : post, `_${op}_${variable}`, '0'); },
    rand(id) {
      const use = proj.description.randoms.find((r) => r.id === id)!;
      return mem.f(`${L.off('proj', proj.id, `_rand_${id}`)} + ${synapseIndex(use.locality)}`);
    },
  };
}

/** Statement context of a projection kernel; `sharing` says which writes need atomic adds. */
export function synapseContext(proj: ProjectionPlan, net: NetworkPlan, scope: SymbolResolver, L: Layout, mem: Mem, sharing: Sharing, where: string): WStatementContext {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  const own = new Map(proj.description.attributes.map((a) => [a.name, a]));
  const flags = L.get('net', 0, 'flags').offset + FLAGS_PER_PROJECTION * proj.id;
  const refuse = (what: string) => {
    throw new NetworkError(`webgpu backend: projection '${proj.name}' (${where}) writes ${what}, which several synapses update at once in parallel; not supported on webgpu yet`);
  };
  return {
    scope,
    where: `projection '${proj.name}' (${where})`,
    location(owner: Owner, target: string) {
      if (owner === 'self') {
        const a = own.get(target);
        if (!a) throw new InternalError(`write to ${target} in projection ${proj.id}`);
        const single = target === 'w' && proj.singleWeight;
        const idx = synapseIndex(a.locality, single);
        const shared = single || (a.locality === 'global' ? sharing.global : a.locality === 'semiglobal' ? sharing.semiglobal : false);
        if (shared && !mem.atomicF) refuse(`${target}`);
        return L.floatLocation(mem, 'proj', proj.id, target, idx, shared);
      }
      const p = owner === 'pre' ? pre : post;
      const global = isGlobalAttribute(p.description, target);
      const shared = owner === 'pre' ? sharing.pre : sharing.post;
      if ((shared || global) && !mem.atomicF) refuse(`${owner}.${target}`);
      // Writes go to the neuron's current value, never through a delay ring.
      return mem.loc(`${L.off('pop', p.id, target)} + ${global ? '0' : owner === 'pre' ? 'rk_pre' : 'rk_post'}`, shared || global);
    },
    attribute: synapseAttribute(proj, net),
    guard: (owner, target) => plasticityGuard(owner, target, 'branch', `I[${flags + FLAGS.plasticity}] != 0`),
  };
}

