/**
 * Rendering of update statements (assignments and ODE blocks) as JavaScript, shared by the neuron
 * and synapse kernels. What differs between them (how a name is read or written, which writes are
 * masked by refractoriness or by the plasticity switch) comes in through `StatementContext`.
 */
import type { Assignment, OdeBlock, UpdateStep, Attribute } from '../../equations/description.js';
import type { Expr, Owner } from '../../equations/ast.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { jsSpelling } from './spelling.js';
import { ASSIGN_OPS, renderStepsWith } from '../steps.js';

export { indent, tempNames } from '../steps.js';

export interface StatementContext {
  scope: SymbolResolver;
  /** The JS lvalue of an attribute (e.g. `v[i]`, `g_exc_post[rk_post]`). */
  lvalue(owner: Owner, target: string): string;
  /** The attribute written (for bounds and types), if it is one of the model's. */
  attribute(owner: Owner, target: string): Attribute | undefined;
  /** A condition that must hold for the write to happen (refractoriness, plasticity), or undefined. */
  guard(owner: Owner, target: string): string | undefined;
}

/** Code that clamps and types `lv` after a write. */
function afterWrite(lv: string, attr: Attribute | undefined, extra: { min?: Expr; max?: Expr }, ctx: StatementContext): string[] {
  const out: string[] = [];
  const min = extra.min ?? attr?.min;
  const max = extra.max ?? attr?.max;
  if (min) out.push(`{ const _m = ${renderExpr(min, ctx.scope, jsSpelling)}; if (${lv} < _m) ${lv} = _m; }`);
  if (max) out.push(`{ const _m = ${renderExpr(max, ctx.scope, jsSpelling)}; if (${lv} > _m) ${lv} = _m; }`);
  if (attr?.type === 'int') out.push(`${lv} = Math.trunc(${lv});`);
  if (attr?.type === 'bool') out.push(`${lv} = ${lv} ? 1 : 0;`);
  return out;
}

function wrap(guard: string | undefined, lines: string[]): string[] {
  if (!guard || lines.length === 0) return lines;
  return [`if (${guard}) {`, ...lines.map((l) => `  ${l}`), '}'];
}

/** One assignment (`x = e`, `x += e`, …) with its bounds and guard. */
export function renderAssignment(a: Assignment, ctx: StatementContext): string[] {
  const lv = ctx.lvalue(a.owner, a.target);
  const value = renderExpr(a.value, ctx.scope, jsSpelling);
  const op = ASSIGN_OPS[a.op];
  const write = op ? `${lv} = ${lv} ${op} ${value};` : `${lv} = ${value};`;
  return wrap(ctx.guard(a.owner, a.target), [write, ...afterWrite(lv, ctx.attribute(a.owner, a.target), a, ctx)]);
}

/** An ODE block: every temporary first (old values), then every update in order. */
export function renderOdeBlock(block: OdeBlock, ctx: StatementContext): string[] {
  const lines = ['{'];
  for (const t of block.temps) lines.push(`  const ${t.name} = ${renderExpr(t.value, ctx.scope, jsSpelling)};`);
  for (const u of block.updates) {
    const lv = ctx.lvalue('self', u.target);
    const body = [`${lv} = ${renderExpr(u.value, ctx.scope, jsSpelling)};`, ...afterWrite(lv, ctx.attribute('self', u.target), {}, ctx)];
    for (const l of wrap(ctx.guard('self', u.target), body)) lines.push(`  ${l}`);
  }
  lines.push('}');
  return lines;
}

export function renderSteps(steps: readonly UpdateStep[], ctx: StatementContext): string[] {
  return renderStepsWith(steps, ctx, renderOdeBlock, renderAssignment);
}
