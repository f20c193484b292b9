/**
 * A loop over independent elements (a population's equations: `vfor`) two at a time, each float64
 * operation on a pair of lanes (`f64x2`): V8 does not vectorise WebAssembly itself. The bits are
 * the scalar loop's: every lane runs the same IEEE operations in the same order; what differs is
 * only how a branch is spelled: a condition becomes a mask, and an assignment under it keeps the old
 * value where the mask is off (the scalar code would not have run it; computing a discarded value
 * has no effect, expressions being pure). Calls (`exp`, user functions) are made lane by lane.
 *
 * A body with anything else (integer locals, loads at other indices than the loop's, `%`, loops)
 * is not vectorised: `vectorLoop` then emits nothing and says so, and the caller emits the scalar
 * loop. Values that do not depend on the element (globals, constants, `dt`, `t`) are computed once
 * per pair by the scalar lowering and splat.
 */
import { Code } from './encoder.js';
import type { SimdName } from './encoder.js';
import type { Node } from './sexpr.js';

/**
 * What the pair loop asks of the scalar lowering (`./lower.ts` `Lowerer`, which calls it: an
 * interface here keeps the import one-way).
 */
export interface ScalarLowering {
  /** Where instructions go (swapped while a body is tried). */
  code: Code;
  newLocal(type: 'i32' | 'f64' | 'v128'): number;
  /** The local holding array `name`'s base address, and its element type. */
  array(name: Node): { local: number; ref: { type: 'i32' | 'f32' | 'f64' } };
  /** A scalar value (splat by the caller). */
  expr(n: Node, want: 'i32' | 'f64'): void;
  /** A scalar truth value (int32 0 or 1). */
  cond(n: Node): void;
  readonly env: { callee(name: string): { index: number; arity: number } | undefined; square?(): boolean };
}

/**
 * The most nodes the two branches of a conditional may have together in a pair loop, which computes
 * both (`ite(x > 0, x, 0)`: 2; a clipped expression: tens; a chain of 20 `ite`s: hundreds).
 */
const SELECT_NODES = 64;

/** The number of nodes of `n` (iterative: expressions nest thousands deep). */
function nodeCount(n: Node): number {
  let count = 0;
  const stack: Node[] = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    count++;
    if (Array.isArray(x)) for (const y of x) stack.push(y);
  }
  return count;
}

/** Thrown inside a try: the body has a form the pair loop does not take. */
class NotVectorisable {
  constructor(readonly why: string) {}
}

type Kind = 'v' | 'm';
interface VLocal { index: number; kind: Kind }

const ARITH: Record<string, SimdName> = { '+': 'f64x2.add', '-': 'f64x2.sub', '*': 'f64x2.mul', '/': 'f64x2.div' };
const CMP: Record<string, SimdName> = { '<': 'f64x2.lt', '<=': 'f64x2.le', '>': 'f64x2.gt', '>=': 'f64x2.ge', '==': 'f64x2.eq', '!=': 'f64x2.ne' };
const UNARY: Record<string, SimdName> = { abs: 'f64x2.abs', fabs: 'f64x2.abs', floor: 'f64x2.floor', ceil: 'f64x2.ceil', sqrt: 'f64x2.sqrt' };
const MASK_FORMS = new Set(['cmp', 'not', 'and', 'or', 'truthy']);

/**
 * Whether `n` is the literal 2 (`2`, `f:2`, `f:2.0`): the exponent for which `pow` is a
 * multiplication (here and in `./lower.ts`).
 */
export const isTwo = (n: Node): boolean => typeof n === 'string' && /^(f:)?[0-9.e+-]+$/.test(n) && Number(n.replace(/^f:/, '')) === 2;

/** Where a pair loop runs: from 0 to a literal, or between two int32 locals (a thread's range, `./threads.ts`). */
export type PairBounds = number | { from: number; end: number };

/**
 * Emits `for (i = 0; i < pairs; i += 2) body` on pairs of lanes into `low` (from local `from` to
 * local `end` when `pairs` says so), if the body allows it; returns whether it did (nothing is
 * emitted otherwise).
 */
export function vectorLoop(low: ScalarLowering, i: string, pairs: PairBounds, body: Node[]): boolean {
  const outer = low.code;
  const code = new Code();
  if (!attempt(low, () => { low.code = code; new PairLoop(low, i).emit(pairs, body); })) return false;
  for (const b of code.bytes) outer.bytes.push(b);
  return true;
}

/**
 * The test whether the pure condition `guard` holds for element `i` or `i + 1`, the index held in
 * local `iv` (both lanes at once), as an int32: `prelude` (the constants it uses, once before the
 * loop) and `test`; undefined when `guard` has a form the pair test does not take.
 */
export function anyLane(low: ScalarLowering, i: string, iv: number, guard: Node, pairs: number): { prelude: Code; test: Code } | undefined {
  const prelude = new Code(), test = new Code();
  const pair = new PairLoop(low, i);
  const done = attempt(low, () => {
    low.code = prelude;
    pair.constants(iv);
    low.code = test;
    pair.any(guard, pairs);
  });
  return done ? { prelude, test } : undefined;
}

/** Runs `emit` (which writes into buffers of its own), then puts `low`'s buffer back; whether the body allowed pairs. */
function attempt(low: ScalarLowering, emit: () => void): boolean {
  const outer = low.code;
  try {
    emit();
    return true;
  } catch (e) {
    if (e instanceof NotVectorisable) return false;
    throw e;
  } finally {
    low.code = outer;
  }
}

class PairLoop {
  readonly #low: ScalarLowering;
  readonly #i: string;
  /** The loop index (a scalar int32 local). */
  #iv = -1;
  readonly #scopes: Map<string, VLocal>[] = [new Map()];
  #one = -1;
  #zero = -1;
  /** Which pair past the index the loads read (`any` tests several pairs). */
  #pair = 0;

  constructor(low: ScalarLowering, i: string) {
    this.#low = low;
    this.#i = i;
  }

  get #c(): Code { return this.#low.code; }

  emit(pairs: PairBounds, body: Node[]): void {
    const c = this.#c;
    this.constants(this.#low.newLocal('i32'));
    if (typeof pairs === 'number') c.i32(0); else c.get(pairs.from);
    c.set(this.#iv);
    c.begin('block').begin('loop');
    c.get(this.#iv);
    if (typeof pairs === 'number') c.i32(pairs); else c.get(pairs.end);
    c.op('i32.ge_s').brIf(1);
    this.#stmts(body, undefined);
    c.get(this.#iv).i32(2).op('i32.add').set(this.#iv).br(0);
    c.op('end').op('end');
  }

  /** The pair at local `iv`: the constant pairs set. */
  constants(iv: number): void {
    this.#iv = iv;
    this.#one = this.#low.newLocal('v128');
    this.#zero = this.#low.newLocal('v128');
    this.#c.f64(1).simd('f64x2.splat').set(this.#one).f64(0).simd('f64x2.splat').set(this.#zero);
  }

  /** Whether `cond` holds in any lane of `pairs` pairs from the index (one mask, or-ed, tested once). */
  any(cond: Node, pairs: number): void {
    for (this.#pair = 0; this.#pair < pairs; this.#pair++) {
      this.#value(cond, 'm');
      if (this.#pair > 0) this.#c.simd('v128.or');
    }
    this.#pair = 0;
    this.#c.simd('v128.any_true');
  }

  // ---- statements: `mask`, when given, is the local holding the lanes where they run ----

  #stmts(nodes: Node[], mask: number | undefined): void {
    this.#scopes.push(new Map());
    for (const s of nodes) this.#stmt(s, mask);
    this.#scopes.pop();
  }

  #stmt(n: Node, mask: number | undefined): void {
    if (!Array.isArray(n)) throw new NotVectorisable('a statement that is not a form');
    const [head, ...a] = n;
    const c = this.#c;
    switch (head) {
      case 'let': case 'var': {
        const [name, type, value] = a as [string, string, Node];
        const kind: Kind = type === 'f64' ? 'v' : type === 'i32' && this.#isMask(value) ? 'm' : this.#no(`a local of type ${type}`);
        this.#value(value, kind);
        const index = this.#low.newLocal('v128');
        c.set(index);
        this.#scopes[this.#scopes.length - 1].set(name, { index, kind });
        return;
      }
      case 'set!': case '+=': {
        const lv = a[0];
        const value: Node = head === '+=' ? ['+', lv, a[1]] : a[1];
        if (typeof lv === 'string') {
          const l = this.#local(lv) ?? this.#no(`an assignment to '${lv}' outside the loop`);
          this.#masked(value, l.kind, mask, () => c.get(l.index));
          c.set(l.index);
          return;
        }
        if (lv[0] !== 'aref' || lv[2] !== this.#i) return this.#no('a store at another index than the loop\'s');
        const { local, ref } = this.#low.array(lv[1]);
        if (ref.type === 'i32') return this.#no('a store into an int32 array');
        const address = () => c.get(local).get(this.#iv).i32(ref.type === 'f64' ? 3 : 2).op('i32.shl').op('i32.add');
        address();
        this.#masked(value, 'v', mask, () => { address(); this.#load(ref.type, 0); });
        // A float32 pair: both lanes rounded (as two scalar stores would), written as the low 8 bytes alone.
        if (ref.type === 'f32') c.simd('f32x4.demote_f64x2_zero').storeLow64(); else c.vmem('v128.store');
        return;
      }
      case 'do': this.#stmts(a, mask); return;
      case 'when': this.#stmts(a.slice(1), this.#and(mask, a[0], false)); return;
      case 'if': {
        this.#stmts([a[1]], this.#and(mask, a[0], false));
        if (a[2] !== undefined) this.#stmts([a[2]], this.#and(mask, a[0], true));
        return;
      }
    }
    this.#no(`the statement '${String(head)}'`);
  }

  /** `value` where `mask` is on, `old()` elsewhere (no mask: `value`). */
  #masked(value: Node, kind: Kind, mask: number | undefined, old: () => void): void {
    this.#value(value, kind);
    if (mask === undefined) return;
    old();
    this.#c.get(mask).simd('v128.bitselect');
  }

  /** A new mask local: `mask` and the truth of `cond` (negated when `negate`). */
  #and(mask: number | undefined, cond: Node, negate: boolean): number {
    const c = this.#c;
    this.#value(cond, 'm');
    if (negate) c.simd('v128.not');
    if (mask !== undefined) c.get(mask).simd('v128.and');
    const m = this.#low.newLocal('v128');
    c.set(m);
    return m;
  }

  // ---- expressions ----

  #local(name: string): VLocal | undefined {
    for (let s = this.#scopes.length - 1; s >= 0; s--) {
      const l = this.#scopes[s].get(name);
      if (l) return l;
    }
    return undefined;
  }

  #no(why: string): never {
    throw new NotVectorisable(why);
  }

  #isMask(n: Node): boolean {
    if (typeof n === 'string') return this.#local(n)?.kind === 'm';
    return MASK_FORMS.has(n[0] as string) || (n[0] === 'call' && (n[1] === 'isnan' || n[1] === 'isfinite'));
  }

  /** Whether `n` is the same for both lanes: it names neither the loop index nor a pair local. */
  #uniform(n: Node): boolean {
    const stack: Node[] = [n];
    while (stack.length) {
      const x = stack.pop()!;
      if (typeof x === 'string') { if (x === this.#i || this.#local(x)) return false; } else stack.push(...x);
    }
    return true;
  }

  /** Emits `n` as a pair of `kind`: float64 values (`v`) or a mask (`m`: lanes all ones where true). */
  #value(n: Node, kind: Kind): void {
    const c = this.#c;
    if (this.#uniform(n)) {
      // Computed once by the scalar lowering, then the same in both lanes.
      if (kind === 'v') { this.#low.expr(n, 'f64'); c.simd('f64x2.splat'); return; }
      this.#low.cond(n);
      c.op('f64.convert_i32_s').simd('f64x2.splat').get(this.#zero).simd('f64x2.ne');
      return;
    }
    const own = this.#isMask(n) ? 'm' : 'v';
    if (own !== kind) {
      if (kind === 'v') { c.get(this.#one).get(this.#zero); this.#value(n, 'm'); c.simd('v128.bitselect'); return; }
      // JavaScript's truthiness of a number: |x| > 0 (0, −0 and NaN are false).
      this.#value(n, 'v'); c.simd('f64x2.abs').get(this.#zero).simd('f64x2.gt');
      return;
    }
    if (typeof n === 'string') { c.get(this.#local(n)?.index ?? this.#no(`the index '${n}' as a value`)); return; }
    const [head, ...a] = n;
    switch (head) {
      case 'aref': {
        if (a[1] !== this.#i) return this.#no('a load at another index than the loop\'s');
        const { local, ref } = this.#low.array(a[0]);
        c.get(local).get(this.#iv).i32(ref.type === 'f64' ? 3 : 2).op('i32.shl').op('i32.add');
        // A later pair of the same test (`any`) by the load's offset: elements 2·pair and 2·pair + 1 past the index.
        this.#load(ref.type, this.#pair);
        return;
      }
      case '+': case '-': case '*': case '/': this.#value(a[0], 'v'); this.#value(a[1], 'v'); c.simd(ARITH[head]); return;
      case 'neg': this.#value(a[0], 'v'); c.simd('f64x2.neg'); return;
      case 'float': this.#value(a[0], 'v'); return;
      case 'fround': this.#value(a[0], 'v'); c.simd('f32x4.demote_f64x2_zero').simd('f64x2.promote_low_f32x4'); return;
      case 'trunc': this.#value(a[0], 'v'); c.simd('f64x2.trunc'); return;
      case '?':
        // Both branches are computed in lanes: a long one (a chain of `ite`s, evaluated up to the
        // first true condition one element at a time) would cost more than the scalar loop.
        if (nodeCount(a[1]) + nodeCount(a[2]) > SELECT_NODES) return this.#no('a conditional with long branches');
        this.#value(a[1], 'v'); this.#value(a[2], 'v'); this.#value(a[0], 'm'); c.simd('v128.bitselect');
        return;
      case 'cmp': this.#value(a[1], 'v'); this.#value(a[2], 'v'); c.simd(CMP[a[0] as string]); return;
      case 'not': this.#value(a[0], 'm'); c.simd('v128.not'); return;
      case 'and': this.#value(a[0], 'm'); this.#value(a[1], 'm'); c.simd('v128.and'); return;
      case 'or': this.#value(a[0], 'm'); this.#value(a[1], 'm'); c.simd('v128.or'); return;
      case 'truthy': this.#value(a[0], 'm'); return;
      case 'call': this.#call(a[0] as string, a.slice(1)); return;
    }
    this.#no(`the expression '${String(head)}'`);
  }

  /**
   * Two elements from the address on the stack, `pair` pairs further, as float64 lanes: float64s
   * as they are, float32s promoted and int32s converted (both exact).
   */
  #load(type: 'i32' | 'f32' | 'f64', pair: number): void {
    const c = this.#c;
    if (type === 'f64') c.vmem('v128.load', 16 * pair);
    else c.vmem('v128.load64_zero', 8 * pair).simd(type === 'f32' ? 'f64x2.promote_low_f32x4' : 'f64x2.convert_low_i32x4_s');
  }

  #call(fn: string, args: Node[]): void {
    const c = this.#c;
    const unary = UNARY[fn];
    if (unary && args.length === 1) { this.#value(args[0], 'v'); c.simd(unary); return; }
    // The selects of `../js/spelling.ts` jsBuiltins, lane-wise: (x > 0 ? x : 0), (a < b ? a : b), …
    const pick = (cmp: SimdName, x: number, y: number) => { c.get(x).get(y).get(x).get(y).simd(cmp).simd('v128.bitselect'); };
    const held = (n: Node) => { this.#value(n, 'v'); const l = this.#low.newLocal('v128'); c.set(l); return l; };
    switch (fn) {
      case 'pos': case 'positive': case 'neg': case 'negative': { const x = held(args[0]); pick(fn.startsWith('pos') ? 'f64x2.gt' : 'f64x2.lt', x, this.#zero); return; }
      case 'min': case 'max': { const x = held(args[0]), y = held(args[1]); pick(fn === 'min' ? 'f64x2.lt' : 'f64x2.gt', x, y); return; }
      case 'clip': {
        const [x, lo, hi] = [held(args[0]), held(args[1]), held(args[2])];
        // x < lo ? lo : (x > hi ? hi : x)
        c.get(lo).get(hi).get(x).get(x).get(hi).simd('f64x2.gt').simd('v128.bitselect').get(x).get(lo).simd('f64x2.lt').simd('v128.bitselect');
        return;
      }
      case 'isnan': { const x = held(args[0]); c.get(x).get(x).simd('f64x2.ne'); return; }
      case 'isfinite': { const x = held(args[0]); c.get(x).get(x).simd('f64x2.sub').get(this.#zero).simd('f64x2.eq'); return; }
      case 'pow': case 'power':
        // x² as x·x in both lanes (`./lower.ts`: the bits of this engine's Math.pow, checked).
        if (args.length === 2 && isTwo(args[1]) && this.#low.env.square?.()) { const x = held(args[0]); c.get(x).get(x).simd('f64x2.mul'); return; }
        break;
    }
    // Anything else is a call per lane (imported Math functions, user functions: float64 in and out).
    const callee = this.#low.env.callee(fn) ?? this.#no(`the function '${fn}'`);
    if (callee.arity !== args.length) return this.#no(`'${fn}' with ${args.length} arguments`);
    const locals = args.map(held);
    for (const lane of [0, 1] as const) {
      for (const l of locals) c.get(l).lane('f64x2.extract_lane', lane);
      c.call(callee.index);
      if (lane === 0) c.simd('f64x2.splat'); else c.lane('f64x2.replace_lane', 1);
    }
  }
}
