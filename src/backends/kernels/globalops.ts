/**
 * Global operations (`mean(r)`, `max(v)`, `min`, `norm1`, `norm2`), written once as a reduction
 * recipe — initial value, term of an element, combination, final value — that the backends' strategies
 * lay out: one sequential loop in element order (js, cpp: the same sums, so the same bits) or a
 * workgroup tree (webgpu: another order of the same sums, float32).
 */
import type { GlobalOpName } from '../../equations/ast.js';
import { renderArith } from '../render.js';
import type { Dialect } from './dialect.js';

/** The parts of a reduction, as values of the dialect's language. */
export interface Reduction {
  init: string;
  /** The term of element value `v`. */
  term(v: string): string;
  /** `a` combined with term `t`: a sum, or the larger (smaller) one; a NaN term is skipped by max/min. */
  combine(a: string, t: string): string;
  /** The result from the combined value `a` of `n` elements. */
  finish(a: string, n: string): string;
}

export function reduction(op: GlobalOpName, d: Dialect): Reduction {
  const sp = d.expr;
  const sum = (a: string, t: string) => renderArith(sp, '+', a, t);
  switch (op) {
    case 'mean': return { init: sp.number(0), term: (v) => v, combine: sum, finish: (a, n) => renderArith(sp, '/', a, d.toFloat(n)) };
    case 'max': return { init: sp.number(-Infinity), term: (v) => v, combine: (a, t) => d.select(d.cmp('>', t, a), t, a), finish: (a) => a };
    case 'min': return { init: sp.number(Infinity), term: (v) => v, combine: (a, t) => d.select(d.cmp('<', t, a), t, a), finish: (a) => a };
    case 'norm1': return { init: sp.number(0), term: (v) => sp.call('abs', [v]), combine: sum, finish: (a) => a };
    case 'norm2': return { init: sp.number(0), term: (v) => renderArith(sp, '*', v, v), combine: sum, finish: (a) => sp.call('sqrt', [a]) };
  }
}

/** The sequential strategy: one loop in element order into the local `a`, then `result = finish(a)`. */
export function sequentialReduction(op: GlobalOpName, d: Dialect, element: (i: string) => string, n: string, result: string): string[] {
  const r = reduction(op, d);
  return d.block([
    d.declare('a', r.init, { mutable: true }),
    ...d.forRange('i', n, [d.assign('a', r.combine('a', r.term(element('i'))))]),
    d.assign(result, r.finish('a', n)),
  ]);
}
