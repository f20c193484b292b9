/**
 * Update statements (assignments, ODE blocks) as C++, in exactly the order of the js backend's
 * `statements.ts`: same temporaries, same writes, same bounds after each write. What differs
 * between kernels comes in through `CStatementContext`.
 */
import type { Assignment, OdeBlock, UpdateStep, Attribute } from '../../equations/description.js';
import type { Expr, Owner } from '../../equations/ast.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { cppSpelling } from './spelling.js';
import { ASSIGN_OPS, renderStepsWith, tempName } from '../steps.js';

export { indent, tempNames, tempName } from '../steps.js';

/**
 * A condition for a write: `branch` wraps the statements in `if`; `select` (refractoriness inside the
 * vectorised neuron loop) computes the new value and keeps the old one when the mask is 0, which
 * stores the same bits as the js backend's `if` and lets the compiler vectorise the loop.
 */
export type Guard = { kind: 'branch' | 'select'; cond: string };

export interface CStatementContext {
  scope: SymbolResolver;
  lvalue(owner: Owner, target: string): string;
  attribute(owner: Owner, target: string): Attribute | undefined;
  guard(owner: Owner, target: string): Guard | undefined;
}

let counter = 0;

/** Restarts the numbering of generated locals (the source of a network must not depend on earlier ones). */
export function resetLocalNames(): void {
  counter = 0;
}

/** Bounds and type of the value `v` (a local) after a write. */
function afterWrite(v: string, attr: Attribute | undefined, extra: { min?: Expr; max?: Expr }, ctx: CStatementContext): string[] {
  const out: string[] = [];
  const min = extra.min ?? attr?.min;
  const max = extra.max ?? attr?.max;
  if (min) out.push(`{ const double _m = ${renderExpr(min, ctx.scope, cppSpelling)}; if (${v} < _m) ${v} = _m; }`);
  if (max) out.push(`{ const double _m = ${renderExpr(max, ctx.scope, cppSpelling)}; if (${v} > _m) ${v} = _m; }`);
  if (attr?.type === 'int') out.push(`${v} = trunc(${v});`);
  if (attr?.type === 'bool') out.push(`${v} = nx_truthy(${v}) ? 1.0 : 0.0;`);
  return out;
}

/** `lv = value` followed by its bounds, under an optional guard. */
function write(lv: string, value: string, attr: Attribute | undefined, extra: { min?: Expr; max?: Expr }, guard: Guard | undefined, ctx: CStatementContext): string[] {
  const bounds = afterWrite(lv, attr, extra, ctx);
  if (!guard) return [`${lv} = ${value};`, ...bounds];
  if (guard.kind === 'branch') return [`if (${guard.cond}) {`, `  ${lv} = ${value};`, ...bounds.map((l) => `  ${l}`), '}'];
  // select: the bounds are applied to the new value before it is (conditionally) stored.
  const nv = `_nv${counter++}`;
  const b = afterWrite(nv, attr, extra, ctx);
  if (b.length === 0) return [`${lv} = ${guard.cond} ? ${value} : ${lv};`];
  return ['{', `  double ${nv} = ${value};`, ...b.map((l) => `  ${l}`), `  ${lv} = ${guard.cond} ? ${nv} : ${lv};`, '}'];
}

export function renderAssignment(a: Assignment, ctx: CStatementContext): string[] {
  const lv = ctx.lvalue(a.owner, a.target);
  const value = renderExpr(a.value, ctx.scope, cppSpelling);
  const op = ASSIGN_OPS[a.op];
  return write(lv, op ? `(${lv} ${op} ${value})` : value, ctx.attribute(a.owner, a.target), a, ctx.guard(a.owner, a.target), ctx);
}


export function renderOdeBlock(block: OdeBlock, ctx: CStatementContext): string[] {
  const lines = ['{'];
  for (const t of block.temps) lines.push(`  const double ${tempName(t.name)} = ${renderExpr(t.value, ctx.scope, cppSpelling)};`);
  for (const u of block.updates) {
    const lv = ctx.lvalue('self', u.target);
    const body = write(lv, renderExpr(u.value, ctx.scope, cppSpelling), ctx.attribute('self', u.target), {}, ctx.guard('self', u.target), ctx);
    for (const l of body) lines.push(`  ${l}`);
  }
  lines.push('}');
  return lines;
}

export function renderSteps(steps: readonly UpdateStep[], ctx: CStatementContext): string[] {
  return renderStepsWith(steps, ctx, renderOdeBlock, renderAssignment);
}
