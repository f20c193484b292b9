/**
 * Repeated arithmetic in one expression, computed once. A model may write the same subexpression
 * several times (the microcircuit's Poisson count repeats each partial sum of its CDF in the next
 * one: O(k²) operations written, O(k) distinct). C++ and WGSL compilers share such repeats
 * themselves; JavaScript engines and our WebAssembly do not, so for those dialects
 * (`Dialect.sharesRepeats` unset) an assignment declares each repeated subexpression once as a
 * local before it and reads the local where it was written.
 *
 * Why no result changes: a shared subexpression is made only of `+ - *`, negation, numbers and
 * plain reads (no draw, no call, no condition), so computing it earlier, once, gives the same value
 * bit for bit (the same operations on the same operands, in the same order inside it); in the
 * languages concerned every number is a float64 (js) or computed as one (wasm keeps JavaScript's
 * semantics), so the local holds exactly what the expression held.
 */
import type { Expr } from '../../equations/ast.js';

/** An expression rewritten to read its repeated subexpressions from locals, and those locals in dependency order. */
export interface SharedValues {
  value: Expr;
  locals: { name: string; value: Expr }[];
}

/** Expressions larger than this are left alone (a generated flat sum of thousands of terms has no repeats worth the walk). */
const MAX_NODES = 20_000;
/** A repeat is shared when it has at least this many operations (`a * b` written twice is left as written). */
const MIN_OPERATIONS = 2;

/**
 * `e` with every subexpression of at least two operations that occurs at least twice read from a
 * local named `<prefix><k>` (the locals' values may read earlier locals); `undefined` when
 * nothing repeats.
 */
export function shareRepeats(e: Expr, prefix: string): SharedValues | undefined {
  // Hash-consing: equal subtrees get one id; a node's id follows from its operator and its children's ids.
  const ids = new Map<Expr, number>();
  const idOf = new Map<string, number>();
  const operations = new Map<number, number>();
  const count = new Map<number, number>();
  let nodes = 0;
  const visit = (x: Expr): number => {
    if (++nodes > MAX_NODES) return -1;
    let key: string | undefined;
    let ops = 0;
    switch (x.kind) {
      case 'num': key = `n${Object.is(x.value, -0) ? '-0' : x.value}:${x.isInt}`; break;
      case 'sym': key = `s${x.name}`; break;
      case 'attr': key = `a${x.owner}.${x.name}`; break;
      case 'unary': {
        const a = visit(x.arg);
        if (x.op === '-' && a >= 0) { key = `-${a}`; ops = (operations.get(a) ?? 0) + 1; }
        break;
      }
      case 'binary': {
        const l = visit(x.left), r = visit(x.right);
        if ((x.op === '+' || x.op === '-' || x.op === '*') && l >= 0 && r >= 0) {
          key = `${x.op}${l},${r}`;
          ops = (operations.get(l) ?? 0) + (operations.get(r) ?? 0) + 1;
        }
        break;
      }
      case 'call': x.args.forEach(visit); break;
      case 'cond': visit(x.test); visit(x.then); visit(x.else); break;
      default: break;
    }
    if (key === undefined) return -1;
    let id = idOf.get(key);
    if (id === undefined) { id = idOf.size; idOf.set(key, id); operations.set(id, ops); }
    ids.set(x, id);
    count.set(id, (count.get(id) ?? 0) + 1);
    return id;
  };
  visit(e);
  if (nodes > MAX_NODES) return undefined;
  const shared = (x: Expr): boolean => {
    const id = ids.get(x);
    return id !== undefined && (count.get(id) ?? 0) >= 2 && (operations.get(id) ?? 0) >= MIN_OPERATIONS;
  };
  const locals: SharedValues['locals'] = [];
  const names = new Map<number, string>();
  // Rewrites x: a shared subtree becomes its local (declared after the locals it reads).
  const rewrite = (x: Expr): Expr => {
    if (shared(x)) {
      const id = ids.get(x)!;
      let name = names.get(id);
      if (name === undefined) {
        const value = rebuild(x);
        name = `${prefix}${locals.length}`;
        names.set(id, name);
        locals.push({ name, value });
      }
      return { kind: 'sym', name };
    }
    return rebuild(x);
  };
  const rebuild = (x: Expr): Expr => {
    switch (x.kind) {
      case 'unary': return { ...x, arg: rewrite(x.arg) };
      case 'binary': return { ...x, left: rewrite(x.left), right: rewrite(x.right) };
      case 'call': return { ...x, args: x.args.map(rewrite) };
      case 'cond': return { ...x, test: rewrite(x.test), then: rewrite(x.then), else: rewrite(x.else) };
      default: return x;
    }
  };
  const value = rewrite(e);
  return locals.length ? { value, locals } : undefined;
}
