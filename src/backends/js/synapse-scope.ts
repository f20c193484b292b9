/**
 * How the code of a projection reads names: its own attributes (per synapse `k`, per dendrite `i`,
 * or global), `pre.x`/`post.x` (through the pre-synaptic delay ring when the projection has a
 * delay), `pre.sum(t)`, global operations of the pre/post populations, `t_pre`/`t_post`. The resolver
 * records every array it hands out so the kernel declares exactly those.
 */
import type { NetworkPlan, ProjectionPlan, PopulationPlan } from '../../ir/plan.js';
import type { SymbolResolver } from '../render.js';
import { js } from './names.js';

export interface SynapseScope extends SymbolResolver {
  /** `const` declarations of the arrays handed out so far. */
  declarations(): string[];
  /** Locals that must be computed once per kernel (delay slot offsets). */
  prologue(): string[];
}

export function synapseScope(proj: ProjectionPlan, net: NetworkPlan, options: { dtName: string; temps: Set<string> }): SynapseScope {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  const attrs = new Map(proj.description.attributes.map((a) => [a.name, a]));
  const decl = new Map<string, string>();
  const prologue = new Map<string, string>();
  const need = (local: string, expr: string) => { decl.set(local, expr); return local; };
  const popArray = (p: PopulationPlan, side: 'pre' | 'post', name: string) => need(`${side}_${js(name)}`, `P[${p.id}].get('${name}')`);
  const delayed = proj.type === 'rate' && proj.delay.kind !== 'none';

  function preValue(name: string): string {
    const a = pre.description.attributes.find((x) => x.name === name);
    const global = a?.locality === 'global';
    if (!delayed) return `${popArray(pre, 'pre', name)}${global ? '[0]' : '[rk_pre]'}`;
    const ring = need(`pre_${js(name)}_ring`, `P[${pre.id}].get('_delayed_${name}')`);
    need('_didx', `P[${pre.id}].get('_delay_idx')[0]`);
    need('_D', `P[${pre.id}].get('_delay_len')[0]`);
    const width = global ? 1 : pre.size;
    if (proj.delay.kind === 'uniform') {
      need('_dsteps', `J[${proj.id}].get('_delay_uniform')[0]`);
      prologue.set('_dslot', 'const _dslot = (_didx - (_dsteps - 1) + _D) % _D;');
      return global ? `${ring}[_dslot]` : `${ring}[_dslot * ${width} + rk_pre]`;
    }
    need('_delay', `J[${proj.id}].get('_delay')`);
    const slot = '((_didx - (_delay[k] - 1) + _D) % _D)';
    return global ? `${ring}[${slot}]` : `${ring}[${slot} * ${width} + rk_pre]`;
  }

  return {
    sym(name) {
      if (options.temps.has(name)) return name;
      const a = attrs.get(name);
      if (a) {
        const arr = need(js(name), `J[${proj.id}].get('${name}')`);
        if (name === 'w' && proj.singleWeight) return `${arr}[0]`;
        return a.locality === 'local' ? `${arr}[k]` : a.locality === 'semiglobal' ? `${arr}[i]` : `${arr}[0]`;
      }
      switch (name) {
        case 't': return 't';
        case 'dt': return options.dtName;
        case 'pi': return 'Math.PI';
        case 't_pre': return `(${popArray(pre, 'pre', '_last_spike')}[rk_pre] * dt)`;
        case 't_post': return `(${popArray(post, 'post', '_last_spike')}[rk_post] * dt)`;
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
      if (targets.length === 0) return '0';
      return `(${targets.map((t) => `${popArray(p, owner === 'pre' ? 'pre' : 'post', `_sum_${t}`)}[${idx}]`).join(' + ')})`;
    },
    globalop(op, owner, variable) {
      const p = owner === 'pre' ? pre : post;
      return `${popArray(p, owner === 'pre' ? 'pre' : 'post', `_${op}_${variable}`)}[0]`;
    },
    rand(id) {
      const use = proj.description.randoms.find((r) => r.id === id)!;
      const arr = need(`_rand_${id}`, `J[${proj.id}].get('_rand_${id}')`);
      return use.locality === 'local' ? `${arr}[k]` : use.locality === 'semiglobal' ? `${arr}[i]` : `${arr}[0]`;
    },
    declarations() {
      return [...decl].map(([local, expr]) => `const ${local} = ${expr};`);
    },
    prologue() {
      return [...prologue.values()];
    },
  };
}
