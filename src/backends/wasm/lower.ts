/**
 * Kernel text (`./sexpr.ts`) → WebAssembly instructions. Types are inferred: locals carry the type
 * they were declared with, array elements the type of their array, integer literals take the type
 * of what they meet, and every operation that mixes an int32 with a float64 converts the int32
 * (exact), as JavaScript does with every number. Integer arithmetic stays int32 only where
 * JavaScript's float64 arithmetic gives the same value (indices, steps: `+ - *` of integers below
 * 2^31, `%` of int32s); division and anything touching a float64 is float64. That is what keeps
 * wasm bit-identical to js: the same IEEE operations in the same order.
 *
 * Forms (the wasm dialect, `./spelling.ts`): statements `let var set! += when if do for vfor gfor while exec fill`
 * (`let`/`var` of type `i32`, `f64`, or `ptr.i32`/`ptr.f64`: a local holding an element's address,
 * usable as an array); expressions `aref addr length + - * / % neg cmp ? not and or truthy trunc
 * float fround int period-steps call`;
 * atoms are names, integer literals, and float64 literals written `f:<number>`.
 */
import { Code, type OpName, type ValType } from './encoder.js';
import type { Node } from './sexpr.js';
import { InternalError } from '../../errors.js';
import { anyLane, isTwo, vectorLoop } from './vector.js';
import { pairedGroupLoop } from './dense-sum.js';

/**
 * An array a kernel reads: its slot in the pointer table and its element type. A float32 array
 * (precision 'float32') is computed with in float64: an element is loaded and promoted (exact), a
 * value stored is demoted (rounded to nearest even: what a JavaScript Float32Array's store and
 * C++'s `(float)x` do), so js, cpp and wasm keep the same bits.
 */
export interface ArrayRef {
  slot: number;
  type: 'i32' | 'f32' | 'f64';
}

/** A function a kernel may call: `imported` Math functions and user functions (float64 in, float64 out). */
export interface Callee {
  index: number;
  arity: number;
}

/** What the kernels of one module share. */
export interface LowerEnv {
  /** The array a kernel names `name` (its local), or undefined when `name` is not an array. */
  array(name: string): ArrayRef | undefined;
  /** Functions by the name the kernels call them (`exp`, `F_myfunc`). */
  callee(name: string): Callee | undefined;
  /** Functions without a result (kernels, imported js kernels and hooks: float64 arguments) by name, for `exec`. */
  procedure?(name: string): Callee | undefined;
  /** `dt` (a literal: the same bits as js's `dt`). */
  dt: number;
  /** Address of the array table (slot k's address at `table + 8k`, its length at `table + 8k + 4`). */
  table: number;
  /** Whether `vfor` loops may use 128-bit SIMD (false where the engine refuses it: scalar loops). */
  simd: boolean;
  /**
   * Whether `pow(x, 2)` may be `x · x` (no call): true where this engine's `Math.pow` gives those
   * bits (`./libm.ts` `squareMatchesPow`, asked when a kernel first squares).
   */
  square?(): boolean;
  /**
   * The random module's fills (`./random.ts`, imported by the module) for `(fill …)`: their
   * function indices, the network's seed (`NetworkPlan.seed`) and the address of their scratch
   * memory (`NORMAL_SCRATCH_BYTES`).
   */
  fills?: { uniform: number; normal: number; seed: number; scratch: number };
}

type Ty = 'i32' | 'f64' | 'flex';

/** A local; `points` when it holds the address of an array's element (a `ptr.i32` / `ptr.f64` local). */
export interface Local { index: number; type: 'i32' | 'f64'; points?: 'i32' | 'f64' }

const CMP: Record<string, [OpName, OpName]> = {
  '<': ['i32.lt_s', 'f64.lt'], '<=': ['i32.le_s', 'f64.le'], '>': ['i32.gt_s', 'f64.gt'],
  '>=': ['i32.ge_s', 'f64.ge'], '==': ['i32.eq', 'f64.eq'], '!=': ['i32.ne', 'f64.ne'],
};
const ARITH: Record<string, [OpName | undefined, OpName]> = {
  '+': ['i32.add', 'f64.add'], '-': ['i32.sub', 'f64.sub'], '*': ['i32.mul', 'f64.mul'], '/': [undefined, 'f64.div'],
};
/** Calls spelled inline: their JavaScript definitions (`../js/spelling.ts`) are selects and IEEE operations. */
const UNARY_INLINE: Record<string, OpName> = { abs: 'f64.abs', fabs: 'f64.abs', floor: 'f64.floor', ceil: 'f64.ceil', sqrt: 'f64.sqrt' };

const isIntLiteral = (s: string) => /^-?\d+$/.test(s);

/**
 * How many elements a `gfor` tests at once: two pairs (one test and branch per four elements) where
 * the elements not run count down (`(countdown A)` on four int32s at once), else four pairs (one
 * test and branch per eight: the Poisson inputs' loop, ≈ 20 % fewer nanoseconds per neuron and step
 * than four at 15 Hz and dt = 0.1 ms, measured alternately in one process; sixteen gained nothing).
 */
const guardLanes = (skipped: Node): 4 | 8 => (skipped === '-' ? 8 : 4);

/** The number of arguments of each fixed form (a misread form fails here instead of dropping a term). */
const ARITY: Record<string, number> = {
  let: 3, var: 3, 'set!': 2, '+=': 2, if: 3, aref: 2, addr: 2, length: 1, '+': 2, '-': 2, '*': 2, '/': 2, '%': 2,
  neg: 1, cmp: 3, '?': 3, not: 1, and: 2, or: 2, truthy: 1, trunc: 1, float: 1, fround: 1, int: 1, 'period-steps': 1,
};

/** Lowers the statements of one function whose parameters are `params` (each already a local). */
export class Lowerer {
  /** How many `vfor` loops were laid out two elements at a time. */
  vectorised = 0;
  /** How many group loops of dense rows' weighted sums were laid out on f64x2 pairs (`./dense-sum.ts`). */
  pairedSums = 0;
  /** Where instructions go (a vector loop swaps in its own buffer while it tries a body). */
  code = new Code();
  readonly locals: ValType[] = [];
  readonly env: LowerEnv;
  readonly #where: string;
  readonly #nParams: number;
  readonly #scopes: Map<string, Local>[] = [new Map()];
  readonly #arrays = new Map<string, { local: number; ref: ArrayRef }>();

  constructor(env: LowerEnv, where: string, params: { name: string; type: 'i32' | 'f64' }[]) {
    this.env = env;
    this.#where = where;
    this.#nParams = params.length;
    params.forEach((p, k) => this.#scopes[0].set(p.name, { index: k, type: p.type }));
  }

  fail(why: string, node?: Node): never {
    throw new InternalError(`wasm backend, ${this.#where}: ${why}${node === undefined ? '' : ` in ${show(node)}`}`);
  }

  /** A new local of `type`. */
  newLocal(type: 'i32' | 'i64' | 'f64' | 'v128'): number {
    this.locals.push(type);
    return this.#nParams + this.locals.length - 1;
  }

  /** Declares `name` in the innermost scope and returns its local. */
  declare(name: string, type: 'i32' | 'f64'): number {
    const index = this.newLocal(type);
    this.#scopes[this.#scopes.length - 1].set(name, { index, type });
    return index;
  }

  /** The innermost local named `name`, if any. */
  lookup(name: string): Local | undefined {
    for (let s = this.#scopes.length - 1; s >= 0; s--) {
      const l = this.#scopes[s].get(name);
      if (l) return l;
    }
    return undefined;
  }

  /** The local holding the base address of array `name` (loaded on entry), and the array. */
  array(name: Node): { local: number; ref: ArrayRef } {
    if (typeof name !== 'string') return this.fail('an array must be a name', name);
    const l = this.lookup(name);
    if (l?.points) return { local: l.index, ref: { slot: -1, type: l.points } };
    let a = this.#arrays.get(name);
    if (!a) {
      const ref = this.env.array(name);
      if (!ref) return this.fail(`unknown array '${name}'`);
      a = { local: this.newLocal('i32'), ref };
      this.#arrays.set(name, a);
    }
    return a;
  }

  /** The prologue: every array's base address loaded once from the pointer table. */
  prologue(): Code {
    const c = new Code();
    for (const { local, ref } of this.#arrays.values()) if (ref.slot >= 0) c.i32(0).load('i32', this.env.table + 8 * ref.slot).set(local);
    return c;
  }

  // ---- types ----

  readonly #types = new WeakMap<Node[], Ty>();

  /** The type of `n` (memoised: a chain asks for its parts' types at every level). */
  typeOf(n: Node): Ty {
    if (!Array.isArray(n)) return this.#typeOf(n);
    let t = this.#types.get(n);
    if (t === undefined) {
      // A long left-nested chain (`(+ (+ (+ a b) c) d)`): its inner links first, bottom up, so that
      // the recursion below is one level deep for each.
      const spine: Node[][] = [];
      for (let x: Node = n; Array.isArray(x) && (x[0] as string) in ARITH && !this.#types.has(x); x = x[1]) spine.push(x);
      for (let j = spine.length - 1; j > 0; j--) this.#types.set(spine[j], this.#typeOf(spine[j]));
      t = this.#typeOf(n);
      this.#types.set(n, t);
    }
    return t;
  }

  #typeOf(n: Node): Ty {
    if (Array.isArray(n)) {
      const arity = ARITY[n[0] as string];
      // `if` takes an optional else branch.
      if (arity !== undefined && n.length - 1 !== arity && !(n[0] === 'if' && n.length === 3)) this.fail(`'${String(n[0])}' takes ${arity} arguments`, n);
    }
    if (typeof n === 'string') {
      if (n.startsWith('f:')) return 'f64';
      if (isIntLiteral(n)) return 'flex';
      if (n === 'dt') return 'f64';
      const l = this.lookup(n);
      if (!l) return this.fail(`unknown name '${n}'`);
      return l.type;
    }
    const [head, ...args] = n;
    switch (head) {
      case 'aref': { const t = this.array(args[0]).ref.type; return t === 'f32' ? 'f64' : t; }
      case 'addr': case 'length': return 'i32';
      case '+': case '-': case '*': return join(this.typeOf(args[0]), this.typeOf(args[1]));
      case '/': return 'f64';
      case '%': return join(this.typeOf(args[0]), this.typeOf(args[1])) === 'f64' ? 'f64' : 'i32';
      case 'neg': return this.typeOf(args[0]);
      case '?': return join(this.typeOf(args[1]), this.typeOf(args[2]));
      case 'cmp': case 'not': case 'and': case 'or': case 'truthy': case 'int': case 'period-steps': return 'i32';
      case 'call': return args[0] === 'isnan' || args[0] === 'isfinite' ? 'i32' : 'f64';
      case 'trunc': case 'float': case 'fround': return 'f64';
    }
    return this.fail('unknown expression', n);
  }

  // ---- expressions ----

  /** Emits `n` as a value of type `want`. */
  expr(n: Node, want: 'i32' | 'f64'): void {
    const c = this.code;
    const t = this.typeOf(n);
    if (t !== 'flex' && t !== want) {
      this.expr(n, t);
      if (want === 'f64') c.op('f64.convert_i32_s'); else c.toInt32();
      return;
    }
    if (typeof n === 'string') {
      if (n.startsWith('f:')) { c.f64(Number(n.slice(2))); return; }
      if (isIntLiteral(n)) { if (want === 'i32') c.i32(Number(n)); else c.f64(Number(n)); return; }
      if (n === 'dt') { c.f64(this.env.dt); return; }
      c.get(this.lookup(n)!.index);
      return;
    }
    const [head, ...a] = n;
    switch (head) {
      case 'aref': {
        this.#address(a[0], a[1]);
        const type = this.array(a[0]).ref.type;
        c.load(type);
        if (type === 'f32') c.op('f64.promote_f32');
        return;
      }
      case 'addr': this.#address(a[0], a[1]); return;
      case 'length': {
        const { ref } = this.array(a[0]);
        if (ref.slot < 0) return this.fail('the length of a pointer', n);
        c.i32(0).load('i32', this.env.table + 8 * ref.slot + 4);
        return;
      }
      case '+': case '-': case '*': case '/': {
        // The left spine of a chain iteratively (chains of thousands of terms), in the type wanted:
        // float64 is JavaScript's arithmetic itself, and an int32 chain holds no float64 part.
        const spine: Node[][] = [];
        let x: Node = n;
        for (; Array.isArray(x) && (x[0] as string) in ARITH && (want === 'f64' || this.typeOf(x) !== 'f64'); x = x[1]) spine.push(x);
        this.expr(x, want);
        for (let j = spine.length - 1; j >= 0; j--) {
          const [i32op, f64op] = ARITH[spine[j][0] as string];
          const op = want === 'i32' ? i32op : f64op;
          if (!op) return this.fail('an int division', spine[j]);
          this.expr(spine[j][2], want);
          c.op(op);
        }
        return;
      }
      case '%': {
        if (want === 'f64') return this.#callNamed('fmod', a, n);
        this.expr(a[0], 'i32'); this.expr(a[1], 'i32'); c.op('i32.rem_s');
        return;
      }
      case 'neg':
        if (want === 'i32') { c.i32(0); this.expr(a[0], 'i32'); c.op('i32.sub'); } else { this.expr(a[0], 'f64'); c.op('f64.neg'); }
        return;
      case '?': {
        this.cond(a[0]);
        c.begin('if', want); this.expr(a[1], want); c.op('else'); this.expr(a[2], want); c.op('end');
        return;
      }
      case 'cmp': case 'not': case 'and': case 'or': case 'truthy': this.cond(n); return;
      case 'trunc': this.expr(a[0], 'f64'); c.op('f64.trunc'); return;
      case 'float': this.expr(a[0], 'f64'); return;
      // The nearest float32 (what a float32 array stores), as a float64.
      case 'fround': this.expr(a[0], 'f64'); c.op('f32.demote_f64').op('f64.promote_f32'); return;
      case 'int': this.expr(a[0], 'i32'); return;
      case 'period-steps': {
        // Math.max(0, Math.min(Math.round(x), 2^31 - 1)) stored into an int32 (NaN → 0).
        const x = this.newLocal('i32');
        this.#callNamed('round_half_up', [a[0]], n);
        c.truncSat().tee(x).i32(0).get(x).i32(0).op('i32.gt_s').op('select');
        return;
      }
      case 'call': {
        const [fn, ...args] = a;
        if (typeof fn !== 'string') return this.fail('a call of a non-name', n);
        this.#call(fn, args, n);
        return;
      }
    }
    this.fail('unknown expression', n);
  }

  /** Emits `n` as an int32 truth value (0 or 1): JavaScript's truthiness of a number (0, -0 and NaN are false). */
  cond(n: Node): void {
    const c = this.code;
    if (Array.isArray(n)) {
      const [head, ...a] = n;
      switch (head) {
        case 'cmp': {
          const op = a[0] as string;
          const t = join(this.typeOf(a[1]), this.typeOf(a[2]));
          const ty = t === 'f64' ? 'f64' : 'i32';
          this.expr(a[1], ty); this.expr(a[2], ty);
          c.op(CMP[op][ty === 'f64' ? 1 : 0]);
          return;
        }
        case 'not': this.cond(a[0]); c.op('i32.eqz'); return;
        case 'and': this.cond(a[0]); c.begin('if', 'i32'); this.cond(a[1]); c.op('else').i32(0).op('end'); return;
        case 'or': this.cond(a[0]); c.begin('if', 'i32').i32(1).op('else'); this.cond(a[1]); c.op('end'); return;
        case 'truthy': this.cond(a[0]); return;
      }
    }
    const t = this.typeOf(n);
    if (t === 'f64') { this.expr(n, 'f64'); c.op('f64.abs').f64(0).op('f64.gt'); return; }
    this.expr(n, 'i32'); c.i32(0).op('i32.ne');
  }

  /** The byte address of element `idx` of array `name`. */
  #address(name: Node, idx: Node): void {
    const { local, ref } = this.array(name);
    this.code.get(local);
    this.expr(idx, 'i32');
    this.code.i32(ref.type === 'f64' ? 3 : 2).op('i32.shl').op('i32.add');
  }

  #call(fn: string, args: Node[], n: Node): void {
    const c = this.code;
    const inline = UNARY_INLINE[fn];
    if (inline && args.length === 1) { this.expr(args[0], 'f64'); c.op(inline); return; }
    switch (fn) {
      case 'pos': case 'positive': case 'neg': case 'negative': {
        // (x > 0 ? x : 0) / (x < 0 ? x : 0)
        const x = this.newLocal('f64');
        this.expr(args[0], 'f64'); c.tee(x).f64(0).get(x).f64(0).op(fn.startsWith('pos') ? 'f64.gt' : 'f64.lt').op('select');
        return;
      }
      case 'min': case 'max': {
        // (a < b ? a : b) / (a > b ? a : b): not f64.min/max, whose NaN and -0 rules differ.
        const x = this.newLocal('f64');
        const y = this.newLocal('f64');
        this.expr(args[0], 'f64'); c.set(x); this.expr(args[1], 'f64'); c.set(y);
        c.get(x).get(y).get(x).get(y).op(fn === 'min' ? 'f64.lt' : 'f64.gt').op('select');
        return;
      }
      case 'clip': {
        // x < a ? a : x > b ? b : x
        const [x, lo, hi] = [this.newLocal('f64'), this.newLocal('f64'), this.newLocal('f64')];
        this.expr(args[0], 'f64'); c.set(x); this.expr(args[1], 'f64'); c.set(lo); this.expr(args[2], 'f64'); c.set(hi);
        c.get(lo).get(hi).get(x).get(x).get(hi).op('f64.gt').op('select').get(x).get(lo).op('f64.lt').op('select');
        return;
      }
      case 'isnan': { const x = this.newLocal('f64'); this.expr(args[0], 'f64'); c.tee(x).get(x).op('f64.ne'); return; }
      case 'isfinite': { const x = this.newLocal('f64'); this.expr(args[0], 'f64'); c.tee(x).get(x).op('f64.sub').f64(0).op('f64.eq'); return; }
      case 'pow': case 'power':
        // x² as x·x: V8's Math.pow (fdlibm's) returns x·x for y = 2, and a call costs ≈ 12 ns.
        if (args.length === 2 && isTwo(args[1]) && this.env.square?.()) {
          const x = this.newLocal('f64');
          this.expr(args[0], 'f64'); c.tee(x).get(x).op('f64.mul');
          return;
        }
        break;
    }
    this.#callNamed(fn, args, n);
  }

  #callNamed(fn: string, args: Node[], n: Node): void {
    const callee = this.env.callee(fn);
    if (!callee) return this.fail(`unknown function '${fn}'`, n);
    if (callee.arity !== args.length) return this.fail(`'${fn}' takes ${callee.arity} arguments`, n);
    for (const x of args) this.expr(x, 'f64');
    this.code.call(callee.index);
  }

  // ---- statements ----

  stmts(nodes: Node[]): void {
    // An immutable local never read (the walks declare `k` and `i` for every event; the derived
    // arrays leave them unused): not computed. Expressions have no effects, and a load that is
    // not needed is a memory access saved. From the last statement back, so that a local read
    // only by locals not computed is not computed either (`k`, read by `i` alone: a load per synapse).
    const unused = new Set<number>();
    for (let j = nodes.length - 1; j >= 0; j--) {
      const s = nodes[j];
      if (Array.isArray(s) && s[0] === 'let' && !mentions(nodes, j + 1, s[1] as string, unused)) unused.add(j);
    }
    nodes.forEach((s, j) => { if (!unused.has(j)) this.stmt(s); });
  }

  #scoped(body: () => void): void {
    this.#scopes.push(new Map());
    body();
    this.#scopes.pop();
  }

  stmt(n: Node): void {
    const c = this.code;
    if (!Array.isArray(n)) return this.fail('a statement must be a form', n);
    const arity = ARITY[n[0] as string];
    if (arity !== undefined && n.length - 1 !== arity && !(n[0] === 'if' && n.length === 3)) this.fail(`'${String(n[0])}' takes ${arity} arguments`, n);
    const [head, ...a] = n;
    switch (head) {
      case 'let': case 'var': {
        const [name, declared, value] = a as [string, string, Node];
        if (declared === 'ptr.i32' || declared === 'ptr.f64') {
          this.expr(value, 'i32');
          const index = this.newLocal('i32');
          this.#scopes[this.#scopes.length - 1].set(name, { index, type: 'i32', points: declared.slice(4) as 'i32' | 'f64' });
          c.set(index);
          return;
        }
        if (declared !== 'i32' && declared !== 'f64') return this.fail(`unknown type '${declared}'`, n);
        this.expr(value, declared);
        c.set(this.declare(name, declared));
        return;
      }
      case 'set!': this.#store(a[0], () => this.expr(a[1], this.#lvType(a[0]))); return;
      case '+=': {
        const ty = this.#lvType(a[0]);
        const sum: Node = ['+', a[0], a[1]];
        if (join(ty, this.typeOf(a[1])) === 'f64' && ty === 'i32') return this.fail('+= of a float64 into an int32', n);
        this.#store(a[0], () => this.expr(sum, ty));
        return;
      }
      case 'do': this.#scoped(() => this.stmts(a)); return;
      case 'when':
        this.cond(a[0]);
        c.begin('if'); this.#scoped(() => this.stmts(a.slice(1))); c.op('end');
        return;
      case 'if':
        this.cond(a[0]);
        c.begin('if'); this.#scoped(() => this.stmt(a[1]));
        if (a[2] !== undefined) { c.op('else'); this.#scoped(() => this.stmt(a[2])); }
        c.op('end');
        return;
      case 'for': {
        const [i, from, to, ...body] = a;
        this.#scoped(() => {
          const iv = this.declare(i as string, 'i32');
          const end = this.newLocal('i32');
          this.expr(from, 'i32'); c.set(iv);
          this.expr(to, 'i32'); c.set(end);
          c.begin('block').begin('loop');
          c.get(iv).get(end).op('i32.ge_s').brIf(1);
          this.#scoped(() => this.stmts(body));
          c.get(iv).i32(1).op('i32.add').set(iv).br(0);
          c.op('end').op('end');
        });
        return;
      }
      case 'vfor': {
        // A loop whose iterations are independent, two at a time with float64 pairs where its body
        // allows (`./vector.ts`), the rest (or all of it) one at a time.
        const [i, from, to, ...body] = a;
        if (typeof from === 'string' && typeof to === 'string' && !isIntLiteral(to) && this.lookup(from) && this.lookup(to)) return this.#rangedVfor(i as string, from, to, body);
        if (typeof to !== 'string' || !isIntLiteral(to) || from !== '0') return this.fail('vfor runs from 0 to a literal, or between two int32 locals', n);
        const pairs = Number(to) - (Number(to) % 2);
        if (pairs > 0 && this.env.simd && vectorLoop(this, i as string, pairs, body)) {
          this.vectorised++;
          this.stmt(['for', i, String(pairs), to, ...body]);
        } else {
          this.stmt(['for', i, from, to, ...body]);
        }
        return;
      }
      case 'gfor': {
        // (gfor i from to guard skipped body…), elements [from, to): the body does nothing where the guard is false, except
        // what `skipped` says (`-`: nothing; `(countdown A)`: A[i] = A[i] > 0 ? A[i] - 1 : A[i], an
        // int32 array: the refractory countdown of neurons that do not spike). The guards of four
        // or eight elements (`guardLanes`) are tested at once (`./vector.ts` anyLane): the body runs
        // one element at a time for them when any guard is true, else `skipped` runs on the four at
        // once. Without SIMD, or with a guard the test cannot take: a plain loop.
        const [i, from, to, guard, skipped, ...body] = a;
        const lanes = guardLanes(skipped);
        this.#scoped(() => {
          const pair = `_pair_${i as string}`;
          const iv = this.declare(pair, 'i32');
          const end = this.newLocal('i32');
          const pairTest = this.env.simd ? anyLane(this, i as string, iv, guard, lanes / 2) : undefined;
          if (!pairTest) { this.stmt(['for', i, from, to, ...body]); return; }
          for (const b of pairTest.prelude.bytes) c.bytes.push(b);
          this.expr(from, 'i32'); c.set(iv);
          this.expr(to, 'i32'); c.set(end);
          c.begin('block').begin('loop');
          c.get(iv).i32(lanes - 1).op('i32.add').get(end).op('i32.ge_s').brIf(1);
          for (const b of pairTest.test.bytes) c.bytes.push(b);
          c.begin('if');
          this.stmt(['for', i, pair, ['+', pair, String(lanes)], ...body]);
          if (skipped !== '-') { c.op('else'); this.#countdown(skipped, iv); }
          c.op('end');
          c.get(iv).i32(lanes).op('i32.add').set(iv).br(0);
          c.op('end').op('end');
          this.stmt(['for', i, pair, to, ...body]);
        });
        return;
      }
      case 'fill': {
        // (fill uniform|normal ARRAY a b STREAM DRAWID): ARRAY[i] = a + b · draw_i for every element,
        // the random module's fill called with what the js engine's `randomFill` passes it: the
        // step's words (step mod 2^32, floor(step / 2^32): exact below 2^53) and ToInt32 of the
        // seed, stream and draw id (`./random-kernel.ts`).
        const [dist, array, aArg, bArg, stream, drawId] = a as [string, string, Node, Node, string, string];
        const fills = this.env.fills;
        if (!fills || (dist !== 'uniform' && dist !== 'normal') || n.length !== 7) return this.fail('a fill needs the random module\'s fills and 6 arguments', n);
        const { ref } = this.array(array);
        if (ref.type !== 'f64' || ref.slot < 0) return this.fail('a fill writes a float64 array', n);
        const step = this.lookup('step');
        if (!step || step.type !== 'f64') return this.fail('a fill needs the float64 step', n);
        const s = this.newLocal('i64');
        c.get(step.index).truncSatI64().set(s);
        this.#address(array, '0');
        c.i32(0).load('i32', this.env.table + 8 * ref.slot + 4);
        c.i32(fills.seed | 0).i32(Number(stream) | 0);
        c.get(s).op('i32.wrap_i64');
        c.get(s).i64(32n).op('i64.shr_s').op('i32.wrap_i64');
        c.i32(Number(drawId) | 0);
        this.expr(aArg, 'f64');
        this.expr(bArg, 'f64');
        c.i32(fills.scratch).i32(0);
        c.call(dist === 'uniform' ? fills.uniform : fills.normal);
        return;
      }
      case 'exec': {
        // (exec NAME args…): a call of a function without a result (the step loop's kernels and hooks).
        const [fn, ...args] = a;
        const callee = typeof fn === 'string' ? this.env.procedure?.(fn) : undefined;
        if (!callee) return this.fail('unknown procedure', n);
        if (callee.arity !== args.length) return this.fail(`'${fn as string}' takes ${callee.arity} arguments`, n);
        for (const x of args) this.expr(x, 'f64');
        c.call(callee.index);
        return;
      }
      case 'while': {
        // The whole groups of a dense row's weighted sum: two float64 pairs of partials where the psp allows.
        if (this.env.simd && pairedGroupLoop(this, a)) { this.pairedSums++; return; }
        c.begin('block').begin('loop');
        this.cond(a[0]); c.op('i32.eqz').brIf(1);
        this.#scoped(() => this.stmts(a.slice(1)));
        c.br(0).op('end').op('end');
        return;
      }
    }
    this.fail('unknown statement', n);
  }

  /**
   * `(vfor i from to body…)` between two int32 locals (a thread's share of the elements,
   * `./threads.ts`): pairs of lanes from `from` while two elements are left, then the remainder one
   * at a time (every element's bits are the same either way: `./vector.ts`).
   */
  #rangedVfor(i: string, from: string, to: string, body: Node[]): void {
    const c = this.code;
    this.#scoped(() => {
      const lo = this.lookup(from)!.index, hi = this.lookup(to)!.index;
      const end = this.declare(`_pairs_end_${i}`, 'i32');
      // end = from + ((to − from) & ~1)
      c.get(lo).get(hi).get(lo).op('i32.sub').i32(-2).op('i32.and').op('i32.add').set(end);
      if (this.env.simd && vectorLoop(this, i, { from: lo, end }, body)) {
        this.vectorised++;
        this.stmt(['for', i, `_pairs_end_${i}`, to, ...body]);
      } else {
        this.stmt(['for', i, from, to, ...body]);
      }
    });
  }

  /** `(countdown A)` on the four int32 elements from the index in local `iv`: each positive one less by one. */
  #countdown(n: Node, iv: number): void {
    if (!Array.isArray(n) || n[0] !== 'countdown' || n.length !== 2) return this.fail('a gfor skips nothing (-) or counts down (countdown A)', n);
    const { local, ref } = this.array(n[1]);
    if (ref.type !== 'i32') return this.fail('countdown takes four int32 elements', n);
    const c = this.code;
    const x = this.newLocal('v128');
    const address = () => c.get(local).get(iv).i32(2).op('i32.shl').op('i32.add');
    // x + (x > 0 ? -1 : 0): a lane's comparison is all ones (−1) where true.
    address();
    address(); c.vmem('v128.load').tee(x).get(x).i32(0).simd('i32x4.splat').simd('i32x4.gt_s').simd('i32x4.add');
    c.vmem('v128.store');
  }

  #lvType(lv: Node): 'i32' | 'f64' {
    const t = this.typeOf(lv);
    return t === 'flex' ? this.fail('a literal assigned to', lv) : t;
  }

  /** `lv = <value emitted by value()>`. */
  #store(lv: Node, value: () => void): void {
    const c = this.code;
    if (typeof lv === 'string') {
      const l = this.lookup(lv);
      if (!l) return this.fail(`assignment to unknown '${lv}'`);
      value();
      c.set(l.index);
      return;
    }
    if (lv[0] !== 'aref') return this.fail('assignment to a non-lvalue', lv);
    this.#address(lv[1], lv[2]);
    value();
    const type = this.array(lv[1]).ref.type;
    if (type === 'f32') c.op('f32.demote_f64');
    c.store(type);
  }
}

function join(a: Ty, b: Ty): Ty {
  if (a === 'f64' || b === 'f64') return 'f64';
  if (a === 'i32' || b === 'i32') return 'i32';
  return 'flex';
}

/** Whether atom `name` occurs in `nodes[from…]`, statements `skip` left out (iterative: chains nest thousands deep). */
function mentions(nodes: Node[], from: number, name: string, skip: ReadonlySet<number> = new Set()): boolean {
  const stack: Node[] = nodes.slice(from).filter((_n, j) => !skip.has(from + j));
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === name) return true;
    if (Array.isArray(n)) for (const x of n) stack.push(x);
  }
  return false;
}

function show(n: Node): string {
  return typeof n === 'string' ? n : `(${n.map(show).join(' ')})`;
}
