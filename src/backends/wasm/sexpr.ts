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

/** Reads every top-level form of `text`. */
export function readForms(text: string): Node[] {
  const tokens = tokenize(text);
  let k = 0;
  const fail = (why: string): never => { throw new InternalError(`wasm backend: kernel text ${why} at token ${k}: ${tokens.slice(Math.max(0, k - 8), k + 4).join(' ')}`); };

  /** One form, with any `[idx]` suffixes. */
  function form(): Node {
    const tok = tokens[k++];
    if (tok === undefined) return fail('ends early');
    let node: Node;
    if (tok === '(') node = infix(list(')'));
    else if (tok === ')' || tok === ']' || tok === '[') return fail(`has an unexpected '${tok}'`);
    else node = tok;
    while (tokens[k] === '[') {
      k++;
      const idx = list(']');
      node = ['aref', node, idx.length === 1 ? idx[0] : infix(idx)];
    }
    return node;
  }

  function list(close: string): Node[] {
    const items: Node[] = [];
    while (tokens[k] !== close) {
      if (k >= tokens.length) fail(`misses '${close}'`);
      items.push(form());
    }
    k++;
    return items;
  }

  const forms: Node[] = [];
  while (k < tokens.length) forms.push(form());
  return forms;
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
