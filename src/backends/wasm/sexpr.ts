/**
 * The reader of the wasm backend's kernel text: the shared kernels (`../kernels/`) write statements
 * and expressions through the wasm dialect as s-expressions (`(set! (aref v i) (+ v_g 1))`), and the
 * shared symbol resolvers add two C-like forms of their own, which are read here too: an element
 * `x[idx]` (read as `(aref x idx)`) and an infix chain `(a + b + c)` (read as `(+ (+ a b) c)`,
 * left to right as JavaScript evaluates it).
 */
import { InternalError } from '../../errors.js';

/** An atom (name or literal) or a list. */
export type Node = string | Node[];

function tokenize(text: string): string[] {
  return text.match(/[()[\]]|[^\s()[\]]+/g) ?? [];
}

/**
 * Reads every top-level form of `text`. Iterative (an explicit stack of open lists): a chain of
 * thousands of terms is as deeply nested as it is long.
 */
export function readForms(text: string): Node[] {
  const tokens = tokenize(text);
  const open: { items: Node[]; close: string }[] = [{ items: [], close: '' }];
  const fail = (why: string, k: number): never => {
    throw new InternalError(`wasm backend: kernel text ${why} at token ${k}: ${tokens.slice(Math.max(0, k - 8), k + 4).join(' ')}`);
  };
  tokens.forEach((tok, k) => {
    if (tok === '(' || tok === '[') {
      if (tok === '[' && open[open.length - 1].items.length === 0) fail("has an index '[' after nothing", k);
      open.push({ items: [], close: tok === '(' ? ')' : ']' });
      return;
    }
    if (tok === ')' || tok === ']') {
      const list = open.pop()!;
      if (list.close !== tok) fail(`has an unexpected '${tok}'`, k);
      const parent = open[open.length - 1].items;
      if (tok === ')') parent.push(infix(list.items));
      else parent.push(['aref', parent.pop()!, list.items.length === 1 ? list.items[0] : infix(list.items)]);
      return;
    }
    open[open.length - 1].items.push(tok);
  });
  if (open.length !== 1) fail(`misses '${open[open.length - 1].close}'`, tokens.length);
  return open[0].items;
}

/** Binding strength of the infix operators the shared code writes (C's, left-associative). */
const PRECEDENCE: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2 };

/** `(a + b * c - d)` → `(- (+ a (* b c)) d)`; any other list unchanged. */
function infix(items: Node[]): Node {
  // `(x)` and `((…))`: parentheses around one value (an empty `(do)` stays a form).
  if (items.length === 1 && items[0] !== 'do') return items[0];
  if (items.length < 3 || items.length % 2 === 0) return items;
  const isOp = (n: Node) => typeof n === 'string' && n in PRECEDENCE;
  if (isOp(items[0])) return items;
  for (let j = 1; j < items.length; j += 2) if (!isOp(items[j]) || isOp(items[j + 1])) return items;
  // Precedence climbing over operand (even) and operator (odd) positions.
  let k = 0;
  const climb = (min: number): Node => {
    let left = items[k++];
    while (k < items.length && PRECEDENCE[items[k] as string] >= min) {
      const op = items[k++] as string;
      left = [op, left, climb(PRECEDENCE[op] + 1)];
    }
    return left;
  };
  return climb(1);
}
