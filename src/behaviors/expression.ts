/**
 * Recorder expressions: parsed by neurarchy's equation-language parser (`parseExpression` of
 * `src/equations/parser.ts`) into an {@link Expr} tree and evaluated here over typed arrays,
 * elementwise, with the equation language's own built-in functions (`BUILTINS` of
 * `src/equations/builtins.ts`) — never `eval`ed (PymoNNto compiles them as Python code, dossier
 * §2.10).
 *
 * Names resolve to the host's state (`host.lookupVar`: a neuron group's `vars`, `id`, `size`,
 * `iteration`); `pre.x`/`post.x` on a synapse group read its src/dst group. Reductions give one
 * number per step: `mean(x)`, `max(x)`, `min(x)`, `sum(x)`, `norm1(x)`, `norm2(x)`; unlike the
 * equation language's global operations, their argument may be any expression (`mean(v > 0.5)`).
 * Elementwise: every built-in of the equation language (`exp log sqrt abs sin … clip pos neg
 * modulo pow`, two-argument `max(a, b)`/`min(a, b)`), `ite(c, a, b)` and `if c: a else: b`,
 * arithmetic, comparisons (1/0), `and or not`.
 *
 * PymoNNto spellings are translated before parsing (the recorded data keep the key as written):
 * a `np.`/`numpy.` prefix of a function is dropped (`np.mean(voltage)` → `mean(voltage)`),
 * `np.average` is `mean`, and the `n.`/`neurons.`/`s.`/`synapse.` prefixes of attributes are
 * dropped (`n.voltage` → `voltage`; PymoNNto's docs look data up by `'n.voltage'` and find nothing).
 */
import type { Expr } from '../equations/ast.js';
import { BUILTINS } from '../equations/builtins.js';
import { parseExpression } from '../equations/parser.js';
import { NeurarchyError } from '../errors.js';
import type { BehaviorHost } from './host.js';

/** The value of an expression: a number (scalar or reduction) or one value per element. */
export type Value = number | ArrayLike<number>;

/** Rewrites PymoNNto spellings into the equation language (see the module comment). */
export function translatePymonnto(text: string): string {
  return text
    .replace(/\b(?:np|numpy)\.(?=[A-Za-z_]\w*\s*\()/g, '')
    .replace(/\baverage\s*\(/g, 'mean(')
    .replace(/(^|[^\w.])(?:n|neurons|s|synapse|synapses)\.(?=[A-Za-z_])/g, '$1');
}

/** The form under which recorded data are matched: translated, without spaces. */
export function normalizeKey(text: string): string {
  return translatePymonnto(text).replace(/\s+/g, '');
}

/**
 * Reductions are renamed to plain calls before parsing (`mean(` → `reduce_mean(`), so that the
 * parser does not read them as the equation language's global operations (which take a variable
 * name only); the evaluator gives them back their meaning. Error messages use the names as written.
 */
const REDUCTIONS = /(?<![.\w])(mean|sum|max|min|norm1|norm2)\s*\(/g;
const REDUCE_PREFIX = 'reduce_';

/** Parses a recorder expression; errors name the recorder, the expression and the symbol. */
export function parseRecorderExpression(text: string, owner: string): Expr {
  const source = translatePymonnto(text).replace(REDUCTIONS, `${REDUCE_PREFIX}$1(`);
  try {
    return parseExpression(source, { model: owner, field: 'Recorder', line: 1, text });
  } catch (e) {
    const why = (e as Error).message.split(REDUCE_PREFIX).join('');
    throw new NeurarchyError(`${owner}: cannot parse the recorded expression '${text}': ${why}`);
  }
}

const REDUCE: Record<string, (a: ArrayLike<number>) => number> = {
  mean: (a) => (a.length ? reduceSum(a) / a.length : NaN),
  sum: reduceSum,
  max: (a) => { let m = -Infinity; for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!; return m; },
  min: (a) => { let m = Infinity; for (let i = 0; i < a.length; i++) if (a[i]! < m) m = a[i]!; return m; },
  norm1: (a) => { let s = 0; for (let i = 0; i < a.length; i++) s += Math.abs(a[i]!); return s; },
  norm2: (a) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!; return Math.sqrt(s); },
};

function reduceSum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

const BINARY: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b,
  '^': (a, b) => a ** b, '**': (a, b) => a ** b,
  '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b), '<': (a, b) => +(a < b), '<=': (a, b) => +(a <= b),
  '>': (a, b) => +(a > b), '>=': (a, b) => +(a >= b),
  and: (a, b) => +(a !== 0 && b !== 0), or: (a, b) => +(a !== 0 || b !== 0),
};

/** Applies `fn` elementwise over numbers and equal-length arrays (numbers broadcast). */
function map(args: Value[], fn: (...xs: number[]) => number, what: string): Value {
  let n = -1;
  for (const a of args) {
    if (typeof a === 'number') continue;
    if (n >= 0 && a.length !== n) throw new NeurarchyError(`${what}: operands have different lengths (${n} and ${a.length})`);
    n = a.length;
  }
  if (n < 0) return fn(...(args as number[]));
  const out = new Float64Array(n);
  const xs = new Array<number>(args.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < args.length; k++) { const a = args[k]!; xs[k] = typeof a === 'number' ? a : a[i]!; }
    out[i] = fn(...xs);
  }
  return out;
}

function asArray(v: Value): ArrayLike<number> {
  return typeof v === 'number' ? [v] : v;
}

function lookup(host: BehaviorHost, name: string, owner: 'self' | 'pre' | 'post', text: string): Value {
  let target: BehaviorHost = host;
  if (owner !== 'self') {
    const g = (host as unknown as Record<string, unknown>)[owner === 'pre' ? 'src' : 'dst'];
    if (!g) throw new NeurarchyError(`'${text}': ${owner}.${name} only exists in expressions recorded on a synapse group`);
    target = g as BehaviorHost;
  }
  const v: unknown = target.lookupVar(name);
  if (v === undefined) {
    throw new NeurarchyError(`'${text}': '${target.tag}' has no variable '${name}' (it has: ${target.varNames().join(', ') || 'nothing'})`);
  }
  return recordable(v, name, target.tag, text);
}

/**
 * A state attribute as a recordable value: numbers and numeric arrays as they are, booleans as
 * 0/1, matrices by their data; anything else (a string, an object) is an error naming it, since
 * attributes hold whatever behaviours write.
 */
function recordable(v: unknown, name: string, owner: string, text: string): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return v as unknown as ArrayLike<number>;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  if (typeof v === 'object' && v !== null && 'data' in v && ArrayBuffer.isView((v as { data: unknown }).data)) return (v as { data: ArrayLike<number> }).data;
  if (typeof v === 'object' && v !== null && 'toDense' in v) return (v as { toDense(): { data: ArrayLike<number> } }).toDense().data;
  throw new NeurarchyError(`'${text}': '${owner}'.${name} holds ${typeof v === 'object' ? (v === null ? 'null' : `a ${(v as object).constructor?.name ?? 'object'}`) : `a ${typeof v}`}, which cannot be recorded (record numbers, arrays or matrices)`);
}

/** Evaluates a parsed expression on a host. Arrays returned may be the host's own (copy before keeping). */
export function evaluateOnHost(expr: Expr, host: BehaviorHost, text: string): Value {
  const ev = (e: Expr): Value => {
    switch (e.kind) {
      case 'num': return e.value;
      case 'bool': return e.value ? 1 : 0;
      case 'sym': return lookup(host, e.name, 'self', text);
      case 'attr': return lookup(host, e.name, e.owner, text);
      case 'sum': {
        if (e.target === null) throw new NeurarchyError(`'${text}': sum() needs a variable`);
        return REDUCE.sum!(asArray(lookup(host, e.target, e.owner, text)));
      }
      case 'globalop': return REDUCE[e.op]!(asArray(lookup(host, e.variable, e.owner, text)));
      case 'rand': throw new NeurarchyError(`'${text}': random draws (${e.dist}) cannot be recorded`);
      case 'unary': {
        const f = e.op === '-' ? (x: number) => -x : e.op === 'not' ? (x: number) => +(x === 0) : (x: number) => x;
        return map([ev(e.arg)], f, text);
      }
      case 'binary': return map([ev(e.left), ev(e.right)], BINARY[e.op]!, text);
      case 'cond': return map([ev(e.test), ev(e.then), ev(e.else)], (c, a, b) => (c !== 0 ? a : b), text);
      case 'call': {
        let name = e.name;
        if (name.startsWith(REDUCE_PREFIX)) {
          name = name.slice(REDUCE_PREFIX.length);
          if (e.args.length === 1) return REDUCE[name]!(asArray(ev(e.args[0]!)));
          if (name !== 'max' && name !== 'min') {
            throw new NeurarchyError(`'${text}': ${name}() takes one argument (got ${e.args.length})`);
          }
        }
        const f = BUILTINS.get(name);
        if (!f) {
          throw new NeurarchyError(`'${text}': unknown function '${name}' in a recorded expression (known: ${['mean', 'sum', 'norm1', 'norm2', ...BUILTINS.keys()].join(', ')})`);
        }
        if (!f.arity.includes(e.args.length)) {
          throw new NeurarchyError(`'${text}': ${name}() takes ${f.arity.join(' or ')} argument(s), got ${e.args.length}`);
        }
        return map(e.args.map(ev), f.fn, text);
      }
    }
  };
  return ev(expr);
}
