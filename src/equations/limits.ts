/**
 * The last resort against expressions too large for a stack: the parser refuses nesting beyond
 * `MAX_NESTING`, and flat chains are handled without recursion, but a `RangeError` (stack
 * exhausted) from anything recursive that remains — the analysis, the code generators, V8's
 * `new Function`, a compiler — is turned into an EquationError that names the model, never
 * passed on raw.
 */
import { EquationError } from '../errors.js';
import type { Expr } from './ast.js';
import type { ModelDescription } from './description.js';
import { children } from './algebra.js';
import { MAX_NESTING } from './parser.js';

/** Whether `e` is V8's "Maximum call stack size exceeded". */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function overflowError(model: string): EquationError {
  return new EquationError(
    `an expression of this model is too large or too deeply nested to be compiled (the stack was exhausted); `
    + `split it with intermediate variables (nesting is limited to ${MAX_NESTING} levels; flat sums and products may have any length)`,
    { model });
}

/** Runs the analysis of model `model`, turning a stack overflow into an EquationError naming it. */
export function guardStack<T>(model: string, analyse: () => T): T {
  try {
    return analyse();
  } catch (e) {
    if (isStackOverflow(e)) throw overflowError(model);
    throw e;
  }
}

/** Depth of `e` (a leaf is 1), computed without recursion. */
export function exprDepth(e: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[e, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (const c of children(node)) stack.push([c, depth + 1]);
  }
  return max;
}

/** Every expression of a description (update steps, events, conditions, bounds, psp). */
function expressionsOf(d: ModelDescription): Expr[] {
  const out: Expr[] = [];
  for (const a of d.attributes) { if (a.min) out.push(a.min); if (a.max) out.push(a.max); }
  for (const s of d.sections) {
    for (const st of s.steps) {
      if (st.kind === 'assign') out.push(st.value);
      else out.push(...st.temps.map((t) => t.value), ...st.updates.map((u) => u.value));
    }
  }
  for (const f of d.functions) out.push(f.body);
  if (d.kind === 'neuron') {
    if (d.spike) out.push(d.spike.condition);
    if (d.axonSpike) out.push(d.axonSpike.condition);
    out.push(...d.reset.map((a) => a.value), ...d.axonReset.map((a) => a.value));
  } else {
    if (d.psp) out.push(d.psp);
    out.push(...[...d.transmission, ...d.preSpike, ...d.postSpike, ...d.preAxonSpike].map((a) => a.value));
  }
  return out;
}

/**
 * At the compile boundary: `e` unchanged unless it is a stack overflow, which becomes an
 * EquationError naming the model with the deepest expression among `descriptions`.
 */
export function compileError(e: unknown, descriptions: readonly ModelDescription[]): unknown {
  const shader = isShaderDepthLimit(e);
  if (!shader && !isStackOverflow(e)) return e;
  let model = descriptions[0]?.name ?? 'the network';
  let deepest = -1;
  for (const d of descriptions) {
    for (const x of expressionsOf(d)) {
      const depth = exprDepth(x);
      if (depth > deepest) { deepest = depth; model = d.name; }
    }
  }
  if (shader) {
    return new EquationError(
      `an expression of this model is too deep for the webgpu backend's shader compiler (WGSL compilers limit expressions to a `
      + `depth of 512: a flat sum of more than about 500 terms); split it with intermediate variables, or use the js or cpp backend`,
      { model });
  }
  return overflowError(model);
}

/** Whether `e` is the WGSL compiler's refusal of an expression nested too deeply (Tint: depth 512). */
function isShaderDepthLimit(e: unknown): boolean {
  return e instanceof Error && /webgpu/.test(e.message) && /max(imum)? (parser recursive |expression )depth/i.test(e.message);
}

/** Runs a step of compilation (plan, code generation, loading), through `compileError`. */
export async function guardCompile<T>(descriptions: () => readonly ModelDescription[], step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw compileError(e, descriptions());
  }
}
