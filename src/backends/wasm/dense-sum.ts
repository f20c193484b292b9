/**
 * The whole groups of a dense row's weighted sum (`../kernels/synapse-loops.ts` `dendriteSumLoop`,
 * `ir/dense-rows.ts`) on pairs of float64 lanes. A group loop sums synapses `_kq + j` (j < 4) into
 * the partials `_sj`, each reading `rk_pre = k − _k0` (or `+ 1` past the own rank of an
 * `'all-but-self'` row): the pre-synaptic elements are contiguous, as the synapses' are. Here the
 * four partials are two f64x2 accumulators, A = (`_s0`, `_s1`) and B = (`_s2`, `_s3`), and per group
 * A += x[k..k+1] · y[p..p+1], B += x[k+2..k+3] · y[p+2..p+3]: a multiplication then an addition
 * per lane, the operands in the scalar code's order (no fused multiply-add), so every partial takes
 * the same IEEE operations on the same values in the same order: the same bits. The partials are
 * packed before the loop and unpacked after it, so the group across the own rank, the tail and the
 * combination `(_s0 + _s1) + (_s2 + _s3)` stay the scalar code.
 *
 * Only the form written by `dendriteSumLoop` for a psp `(* a b)` whose factors are each an element
 * of a float array at `k` or at `rk_pre` (`w * pre.r`) is taken; any other loop is left to the
 * scalar lowering (`pairedGroupLoop` emits nothing and says so).
 */
import type { Code } from './encoder.js';
import type { Node } from './sexpr.js';

/** What the paired loop asks of the scalar lowering (`./lower.ts` `Lowerer`, which calls it). */
export interface GroupLowering {
  code: Code;
  newLocal(type: 'i32' | 'f64' | 'v128'): number;
  /** The local holding array `name`'s base address, and its element type. */
  array(name: Node): { local: number; ref: { type: 'i32' | 'f32' | 'f64' } };
  /** The local named `name`, if any. */
  lookup(name: string): { index: number; type: 'i32' | 'f64'; points?: 'i32' | 'f64' } | undefined;
  /** A scalar truth value (int32 0 or 1). */
  cond(n: Node): void;
}

/** A factor of the psp: an element of `array` at the synapse (`k`) or at its pre rank (`rk_pre`). */
interface Factor { array: string; at: 'k' | 'rk_pre' }

/** A recognised group loop: its condition, the pre rank's offset from the position, the psp's factors. */
interface GroupLoop { cond: Node; offset: 0 | 1; factors: [Factor, Factor] }

const PARTIALS = ['_s0', '_s1', '_s2', '_s3'];

const same = (a: Node, b: Node): boolean => (typeof a === 'string' || typeof b === 'string' ? a === b : a.length === b.length && a.every((x, j) => same(x, b[j])));

/** Whether atom `name` occurs in `n`. */
function mentions(n: Node, name: string): boolean {
  return typeof n === 'string' ? n === name : n.some((x) => mentions(x, name));
}

/** `(aref NAME k)` or `(aref NAME rk_pre)` with NAME an atom, else undefined. */
function factor(n: Node): Factor | undefined {
  if (!Array.isArray(n) || n.length !== 3 || n[0] !== 'aref' || typeof n[1] !== 'string') return undefined;
  return n[2] === 'k' || n[2] === 'rk_pre' ? { array: n[1], at: n[2] } : undefined;
}

/** Synapse `_kq + j`'s block, `(do (let k i32 K) (let rk_pre i32 R) (+= _sj (* a b)))`: its offset and factors. */
function groupSynapse(n: Node, j: number): { offset: 0 | 1; factors: [Factor, Factor]; psp: Node } | undefined {
  if (!Array.isArray(n) || n.length !== 4 || n[0] !== 'do') return undefined;
  const [, letK, letRank, add] = n;
  if (!same(letK, ['let', 'k', 'i32', j === 0 ? '_kq' : ['+', '_kq', String(j)]])) return undefined;
  const position: Node = ['-', 'k', '_k0'];
  const offset = same(letRank, ['let', 'rk_pre', 'i32', position]) ? 0 : same(letRank, ['let', 'rk_pre', 'i32', ['+', position, '1']]) ? 1 : undefined;
  if (offset === undefined || !Array.isArray(add) || add.length !== 3 || add[0] !== '+=' || add[1] !== PARTIALS[j]) return undefined;
  const psp = add[2];
  if (!Array.isArray(psp) || psp.length !== 3 || psp[0] !== '*') return undefined;
  const a = factor(psp[1]), b = factor(psp[2]);
  return a && b ? { offset, factors: [a, b], psp } : undefined;
}

/** The body of `(while cond …)` if it is a dense row's group loop, else undefined. */
function recognise(args: Node[]): GroupLoop | undefined {
  const [cond, ...body] = args;
  if (body.length !== 5 || !same(body[4], ['set!', '_kq', ['+', '_kq', '4']])) return undefined;
  // The condition is evaluated as scalar code between groups: it must not read the partials (packed then).
  if (PARTIALS.some((s) => mentions(cond, s))) return undefined;
  const synapses = body.slice(0, 4).map(groupSynapse);
  const first = synapses[0];
  if (!first || synapses.some((s) => !s || s.offset !== first.offset || !same(s.psp, first.psp))) return undefined;
  return { cond, offset: first.offset, factors: first.factors };
}

/**
 * Emits the `while` loop of `args` (its condition and body) as a paired group loop into `low`, if it
 * is one (`recognise`) and its locals and arrays allow it; returns whether it did (nothing is
 * emitted otherwise).
 */
export function pairedGroupLoop(low: GroupLowering, args: Node[]): boolean {
  const loop = recognise(args);
  if (!loop) return false;
  const locals = ['_kq', '_k0', ...PARTIALS].map((name) => low.lookup(name));
  if (locals.some((l) => !l || l.points) || locals[0]!.type !== 'i32' || locals[1]!.type !== 'i32' || locals.slice(2).some((l) => l!.type !== 'f64')) return false;
  const arrays = loop.factors.map((f) => low.array(f.array));
  if (arrays.some((a) => a.ref.type === 'i32')) return false;
  const [kq, k0, ...s] = locals.map((l) => l!.index);
  const c = low.code;
  const acc = [low.newLocal('v128'), low.newLocal('v128')];
  const address = loop.factors.map(() => low.newLocal('i32'));
  // A = (_s0, _s1), B = (_s2, _s3).
  acc.forEach((v, h) => { c.get(s[2 * h]).simd('f64x2.splat').get(s[2 * h + 1]).lane('f64x2.replace_lane', 1).set(v); });
  c.begin('block').begin('loop');
  low.cond(loop.cond); c.op('i32.eqz').brIf(1);
  loop.factors.forEach((f, j) => {
    // The element's address: x + 8k (4k for float32), or y + 8·(k − _k0 + offset).
    const { local, ref } = arrays[j];
    c.get(local).get(kq);
    if (f.at === 'rk_pre') {
      c.get(k0).op('i32.sub');
      if (loop.offset === 1) c.i32(1).op('i32.add');
    }
    c.i32(ref.type === 'f64' ? 3 : 2).op('i32.shl').op('i32.add').set(address[j]);
  });
  acc.forEach((v, h) => {
    // v + a·b on the elements 2h and 2h + 1 of the group, the factors in the psp's order.
    c.get(v);
    loop.factors.forEach((_f, j) => {
      c.get(address[j]);
      if (arrays[j].ref.type === 'f64') c.vmem('v128.load', 16 * h);
      else c.vmem('v128.load64_zero', 8 * h).simd('f64x2.promote_low_f32x4');
    });
    c.simd('f64x2.mul').simd('f64x2.add').set(v);
  });
  c.get(kq).i32(4).op('i32.add').set(kq).br(0);
  c.op('end').op('end');
  acc.forEach((v, h) => { for (const lane of [0, 1] as const) c.get(v).lane('f64x2.extract_lane', lane).set(s[2 * h + lane]); });
  return true;
}
