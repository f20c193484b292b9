/**
 * How the C++ code of a projection reads names (the twin of `../js/synapse-scope.ts`): own
 * attributes per synapse `k`, per dendrite `i` or global; `pre.x`/`post.x`, through the
 * pre-synaptic delay ring for delayed rate projections; `pre.sum(t)`, global operations, `t_pre`,
 * `t_post`. Arrays are declared in the kernel as they are handed out.
 */
import type { NetworkPlan, ProjectionPlan, PopulationPlan } from '../../ir/plan.js';
import type { SymbolResolver } from '../render.js';
import { cDouble } from './spelling.js';
import { KernelArrays, cname, type ArrayTable } from './arrays.js';
import { tempName } from './statements.js';

export interface CSynapseScope extends SymbolResolver {
  arrays: KernelArrays;
  declarations(): string[];
  /** Locals computed once per kernel (delay slot offsets). */
  prologue(): string[];
}

export function synapseScope(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable, options: { dtName: string; temps: Set<string> }): CSynapseScope {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  const attrs = new Map(proj.description.attributes.map((a) => [a.name, a]));
  const arrays = new KernelArrays(table);
  const scalars = new Map<string, string>();
  const prologue = new Map<string, string>();
  const popArray = (p: PopulationPlan, side: 'pre' | 'post', name: string) => arrays.need(cname(side, name), 'pop', p.id, name);
  const delayed = proj.type === 'rate' && proj.delay.kind !== 'none';

  function preValue(name: string): string {
    const a = pre.description.attributes.find((x) => x.name === name);
    const global = a?.locality === 'global';
    if (!delayed) return `${popArray(pre, 'pre', name)}${global ? '[0]' : '[rk_pre]'}`;
    const ring = arrays.need(`pre_${name}_ring`, 'pop', pre.id, `_delayed_${name}`);
    scalars.set('_didx', `const int32_t _didx = ${table.ptr('pop', pre.id, '_delay_idx')}[0];`);
    scalars.set('_D', `const int32_t _D = ${table.ptr('pop', pre.id, '_delay_len')}[0];`);
    const width = global ? 1 : pre.size;
    if (proj.delay.kind === 'uniform') {
      scalars.set('_dsteps', `const int32_t _dsteps = ${table.ptr('proj', proj.id, '_delay_uniform')}[0];`);
      prologue.set('_dslot', 'const int64_t _dslot = ((int64_t)_didx - (_dsteps - 1) + _D) % _D;');
      return global ? `${ring}[_dslot]` : `${ring}[_dslot * ${width} + rk_pre]`;
    }
    arrays.need('_delay', 'proj', proj.id, '_delay');
    const slot = '(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)';
    return global ? `${ring}[${slot}]` : `${ring}[${slot} * ${width} + rk_pre]`;
  }

  return {
    arrays,
    sym(name) {
      if (options.temps.has(name)) return tempName(name);
      const a = attrs.get(name);
      if (a) {
        const arr = arrays.need(cname('a', name), 'proj', proj.id, name);
        if (name === 'w' && proj.singleWeight) return `${arr}[0]`;
        return a.locality === 'local' ? `${arr}[k]` : a.locality === 'semiglobal' ? `${arr}[i]` : `${arr}[0]`;
      }
      switch (name) {
        case 't': return 't';
        case 'dt': return options.dtName;
        case 'pi': return cDouble(Math.PI);
        case 't_pre': return `((double)${popArray(pre, 'pre', '_last_spike')}[rk_pre] * dt)`;
        case 't_post': return `((double)${popArray(post, 'post', '_last_spike')}[rk_post] * dt)`;
      }
      const c = net.constants.indexOf(name);
      if (c >= 0) return `C[${c}]`;
      return name;
    },
    attr(owner, name) {
      if (owner === 'pre') return preValue(name);
      const a = post.description.attributes.find((x) => x.name === name);
      return `${popArray(post, 'post', name)}${a?.locality === 'global' ? '[0]' : '[rk_post]'}`;
    },
    sum(owner, target) {
      const p = owner === 'pre' ? pre : post;
      const idx = owner === 'pre' ? 'rk_pre' : 'rk_post';
      const targets = target === null ? p.sumTargets : [target];
      if (targets.length === 0) return '0.0';
      return `(${targets.map((t) => `${popArray(p, owner === 'pre' ? 'pre' : 'post', `_sum_${t}`)}[${idx}]`).join(' + ')})`;
    },
    globalop(op, owner, variable) {
      const p = owner === 'pre' ? pre : post;
      return `${popArray(p, owner === 'pre' ? 'pre' : 'post', `_${op}_${variable}`)}[0]`;
    },
    rand(id) {
      const use = proj.description.randoms.find((r) => r.id === id)!;
      const arr = arrays.need(`_rand_${id}`, 'proj', proj.id, `_rand_${id}`);
      return use.locality === 'local' ? `${arr}[k]` : use.locality === 'semiglobal' ? `${arr}[i]` : `${arr}[0]`;
    },
    declarations() {
      return [...arrays.declarations(), ...scalars.values()];
    },
    prologue() {
      return [...prologue.values()];
    },
  };
}
