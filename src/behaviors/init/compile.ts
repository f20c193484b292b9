/**
 * Turns a parsed initial-value spec into a per-element function `at(i)`, drawing from a random
 * source in a fixed order (left to right, one element after the other), so a seed always gives the
 * same values. Subtrees without draws or `same(…)` are folded to constants once.
 *
 * Names that can be called (NumPy's, as PymoNNto's `eval` scope has them):
 * - `zeros`, `ones`, `empty` (= zeros): constants; the constants `pi`, `e`, `inf`;
 * - every distribution of `distributions.ts`, with constant arguments (`uniform(0, 2*pi)` is fine,
 *   `normal(uniform(), 1)` is not: one parameter value for all elements, as NumPy's scalars);
 * - elementwise math: `abs exp log log2 log10 sqrt sin cos tan tanh arctan floor ceil round rint
 *   around sign`, `clip(x, lo, hi)`, `maximum(a, b)`, `minimum(a, b)`, `power(x, y)`, `where(c, a, b)`;
 * - casts: `int(x)` (truncation toward 0, NumPy's `astype(int)`), `bool(x)` (0/1), `float(x)`;
 * - `same(tag, attribute)`: the values of an attribute of another object (PymoNNto's diversity
 *   string), found by tag from the host (its behaviours), then in the whole network; a number is
 *   used for every element, an array must have one value per element.
 *
 * The result's element type is `float`, unless the whole spec is `int`/`bool` (zeros of that type,
 * PymoNNto's `vector(int)`, `vector(bool)`) or an `int(…)`/`bool(…)` cast.
 */
import { DISTRIBUTIONS, OPTIONAL_WITHOUT_DEFAULT, roundHalfEven, type Distribution } from './distributions.js';
import { specFail, type SpecArg, type SpecNode } from './parse.js';
import type { RandomSource } from '../../random/types.js';

/** The element type of a spec's values. */
export type SpecDtype = 'float' | 'int' | 'bool';

/** What `same(tag, attribute)` needs: the value of an attribute of the object tagged `tag`. */
export type SameResolver = (tag: string, attribute: string) => unknown;

/** A compiled spec. */
export interface CompiledSpec {
  /** The value of element `i` (draws happen here, in element order). */
  at: (i: number) => number;
  /** The element type. */
  dtype: SpecDtype;
  /** Set when every element has this value (no draws). */
  constant: number | undefined;
}

type Fn = ((i: number) => number) & { constant?: number };

const constant = (v: number): Fn => Object.assign(() => v, { constant: v });

const MATH1: Record<string, (x: number) => number> = {
  abs: Math.abs, exp: Math.exp, log: Math.log, log2: Math.log2, log10: Math.log10, sqrt: Math.sqrt,
  sin: Math.sin, cos: Math.cos, tan: Math.tan, tanh: Math.tanh, arctan: Math.atan, floor: Math.floor, ceil: Math.ceil,
  round: roundHalfEven, rint: roundHalfEven, around: roundHalfEven, sign: Math.sign,
  int: Math.trunc, float: (x) => x, bool: (x) => (x !== 0 ? 1 : 0),
};
const MATH2: Record<string, (a: number, b: number) => number> = {
  maximum: Math.max, minimum: Math.min, power: Math.pow,
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E, inf: Infinity };
const ZERO_ARG: Record<string, number> = { zeros: 0, empty: 0, ones: 1 };

const BINARY: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b,
  '//': (a, b) => Math.floor(a / b), '%': (a, b) => a - Math.floor(a / b) * b, '**': (a, b) => a ** b,
  '<': (a, b) => +(a < b), '<=': (a, b) => +(a <= b), '>': (a, b) => +(a > b), '>=': (a, b) => +(a >= b),
  '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b),
};

/** Every name a spec may call, for error messages. */
export function knownNames(): string[] {
  return [...Object.keys(ZERO_ARG), ...DISTRIBUTIONS.keys(), ...Object.keys(MATH1), ...Object.keys(MATH2), 'clip', 'where', 'same', ...Object.keys(CONSTANTS)];
}

/**
 * Compiles `tree` (parsed from `spec`) for `n` elements. `rng` is drawn from by `at`; `same`
 * resolves `same(…)` (absent: `same` is an error naming where it can be used).
 */
export function compileSpec(spec: string, tree: SpecNode, n: number, rng: RandomSource, same?: SameResolver): CompiledSpec {
  const fail = (pos: number, why: string): never => specFail(spec, pos, why);

  const argValues = (node: Extract<SpecNode, { kind: 'call' }>, d: Distribution): number[] => {
    const vals: (number | undefined)[] = d.params.map(() => undefined);
    let sawNamed = false;
    node.args.forEach((a: SpecArg, k) => {
      let slot: number;
      if (a.name !== undefined) {
        sawNamed = true;
        slot = d.params.findIndex((q) => q.names.includes(a.name!));
        if (slot < 0 && (a.name === 'size' || a.name === 'shape' || a.name === 'dtype')) {
          fail(a.pos, `'${a.name}' is set by vector()/matrix() (one value per element; use the dtype option for types); remove it`);
        }
        if (slot < 0) fail(a.pos, `${node.written}() has no parameter '${a.name}' (parameters: ${d.params.map((q) => q.names.join('|')).join(', ') || 'none'})`);
      } else {
        if (sawNamed) fail(a.pos, `a positional argument after a named one in ${node.written}(…)`);
        slot = k;
        if (slot >= d.params.length) fail(a.pos, `${node.written}() takes at most ${d.params.length} argument(s), got ${node.args.length}`);
      }
      if (vals[slot] !== undefined) fail(a.pos, `parameter '${d.params[slot]!.names[0]}' of ${node.written}() given twice`);
      if (a.value.kind === 'str') fail(a.value.pos, `a string is only an argument of same(tag, attribute); ${node.written}() takes numbers`);
      const f = build(a.value);
      if (f.constant === undefined) {
        fail(a.value.pos, `the arguments of ${node.written}() must be constants (one value for every element), not draws or same(…)`);
      }
      vals[slot] = f.constant;
    });
    return vals.map((v, k) => {
      if (v !== undefined) return v;
      const q = d.params[k]!;
      if (q.dflt !== undefined) return q.dflt;
      if (OPTIONAL_WITHOUT_DEFAULT.has(node.name) && k > 0) return NaN;
      return fail(node.pos, `${node.written}() needs its parameter '${q.names[0]}' (parameters: ${d.params.map((x) => `${x.names.join('|')}${x.dflt === undefined ? '' : `=${x.dflt}`}`).join(', ')})`);
    });
  };

  const args = (node: Extract<SpecNode, { kind: 'call' }>, count: number): Fn[] => {
    if (node.args.length !== count) fail(node.pos, `${node.written}() takes ${count} argument(s), got ${node.args.length}`);
    for (const a of node.args) {
      if (a.name !== undefined) fail(a.pos, `${node.written}() takes positional arguments only (got '${a.name}=')`);
      if (a.value.kind === 'str') fail(a.value.pos, `a string is only an argument of same(tag, attribute)`);
    }
    return node.args.map((a) => build(a.value));
  };

  const fold = (f: Fn, parts: Fn[]): Fn => (parts.every((q) => q.constant !== undefined) ? constant(f(0)) : f);

  const sameOf = (node: Extract<SpecNode, { kind: 'call' }>): Fn => {
    if (node.args.length !== 2 || node.args.some((a) => a.name !== undefined)) {
      fail(node.pos, "same() takes two arguments, a tag and an attribute name: same('exc', 'threshold')");
    }
    const names = node.args.map((a) => {
      if (a.value.kind === 'str') return a.value.value;
      if (a.value.kind === 'call' && !a.value.parens && a.value.written === a.value.name) return a.value.name;
      return fail(a.pos, 'the arguments of same() are names (a tag, an attribute), bare or quoted');
    });
    if (!same) fail(node.pos, 'same(tag, attribute) needs a host to search from: use it in vector()/matrix() or a behaviour parameter, not in fillSpec without a context');
    const value = same!(names[0]!, names[1]!);
    if (typeof value === 'number' || typeof value === 'boolean') return constant(Number(value));
    const arr = (value && typeof value === 'object' && 'data' in value && ArrayBuffer.isView((value as { data: unknown }).data))
      ? (value as { data: ArrayLike<number> }).data : value as ArrayLike<number>;
    if (!arr || typeof arr !== 'object' || typeof arr.length !== 'number') {
      return fail(node.pos, `same(${names.join(', ')}): the attribute is ${value === undefined ? 'undefined' : `a ${typeof value}`}, not a number or an array`);
    }
    if (arr.length !== n) fail(node.pos, `same(${names.join(', ')}): the attribute has ${arr.length} values, this spec fills ${n}`);
    return (i: number) => Number(arr[i]);
  };

  const build = (node: SpecNode): Fn => {
    switch (node.kind) {
      case 'num': return constant(node.value);
      case 'str': return fail(node.pos, 'a string is only an argument of same(tag, attribute)');
      case 'unary': {
        const a = build(node.arg);
        const f: Fn = node.op === '-' ? (i) => -a(i) : a;
        return fold(f, [a]);
      }
      case 'binary': {
        const l = build(node.left);
        const r = build(node.right);
        const op = BINARY[node.op]!;
        return fold((i) => op(l(i), r(i)), [l, r]);
      }
      case 'call': {
        const name = node.name;
        if (Object.hasOwn(CONSTANTS, name) && !node.parens) return constant(CONSTANTS[name]!);
        if (Object.hasOwn(ZERO_ARG, name)) {
          if (node.args.length) fail(node.args[0]!.pos, `${node.written}() takes no arguments here (the size is the group's)`);
          return constant(ZERO_ARG[name]!);
        }
        if (name === 'same') return sameOf(node);
        if (name === 'int' || name === 'bool' || name === 'float') {
          if (!node.parens) fail(node.pos, `'${name}' alone is only a whole spec (zeros of that type): use ${name}(…) to convert values`);
        }
        const d = DISTRIBUTIONS.get(name);
        if (d) {
          const v = argValues(node, d);
          const why = d.check?.(v);
          if (why) fail(node.pos, `${node.written}(…): ${why}`);
          return (() => d.draw(rng, v)) as Fn;
        }
        if (Object.hasOwn(MATH1, name)) { const [a] = args(node, 1); const f = MATH1[name]!; return fold((i) => f(a!(i)), [a!]); }
        if (Object.hasOwn(MATH2, name)) { const [a, b] = args(node, 2); const f = MATH2[name]!; return fold((i) => f(a!(i), b!(i)), [a!, b!]); }
        if (name === 'clip') {
          const [x, lo, hi] = args(node, 3);
          return fold((i) => Math.min(Math.max(x!(i), lo!(i)), hi!(i)), [x!, lo!, hi!]);
        }
        if (name === 'where') {
          const [c, a, b] = args(node, 3);
          // Both branches are evaluated for every element, as NumPy does, so the draw order does not depend on c.
          return fold((i) => { const cv = c!(i); const av = a!(i); const bv = b!(i); return cv !== 0 ? av : bv; }, [c!, a!, b!]);
        }
        return fail(node.pos, `unknown name '${node.written}'; known: ${knownNames().join(', ')}`);
      }
    }
  };

  // The whole spec `int` / `bool` (no parentheses): zeros of that type (PymoNNto `vector(int)`).
  if (tree.kind === 'call' && !tree.parens && (tree.name === 'int' || tree.name === 'bool')) {
    return { at: () => 0, dtype: tree.name, constant: 0 };
  }
  const f = build(tree);
  const dtype: SpecDtype = tree.kind === 'call' && tree.parens && (tree.name === 'int' || tree.name === 'bool') ? tree.name : 'float';
  return { at: f, dtype, constant: f.constant };
}
