/**
 * The parts of update-statement rendering that do not depend on the language: the order of the
 * steps (assignments and ODE blocks, as listed), the operator of compound assignments, the names of
 * method temporaries and indentation. Each backend's `statements.ts` renders one step its own way
 * and uses these, so the js, C++ and WGSL kernels walk the same steps in the same order.
 */
import type { Assignment, OdeBlock, UpdateStep } from '../equations/description.js';

/** The binary operator of a compound assignment (`''` for a plain `=`). */
export const ASSIGN_OPS: Record<Assignment['op'], string> = { '=': '', '+=': '+', '-=': '-', '*=': '*', '/=': '/' };

/** Every step in order, ODE blocks and assignments each rendered by the backend's own function. */
export function renderStepsWith<C>(
  steps: readonly UpdateStep[], ctx: C,
  ode: (block: OdeBlock, ctx: C) => string[], assignment: (a: Assignment, ctx: C) => string[],
): string[] {
  const out: string[] = [];
  for (const s of steps) out.push(...(s.kind === 'ode' ? ode(s, ctx) : assignment(s, ctx)));
  return out;
}

/** Indents every line by `n` levels. */
export function indent(lines: string[], n = 1): string[] {
  const pad = '  '.repeat(n);
  return lines.map((l) => pad + l);
}

/** Names of method temporaries (they must resolve to themselves, not to attributes). */
export function tempNames(steps: readonly UpdateStep[]): Set<string> {
  const s = new Set<string>();
  for (const st of steps) if (st.kind === 'ode') for (const t of st.temps) s.add(t.name);
  return s;
}

/** The C and WGSL local of method temporary `name`, kept apart from every other local (js keeps the bare name). */
export function tempName(name: string): string {
  return `T${name}`;
}
