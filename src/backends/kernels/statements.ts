/**
 * The one statement printer of every backend: update statements (assignments and ODE blocks) with
 * their bounds, types and guards, written against the `Dialect`. What differs between kernels (how
 * a name is read or written, which writes refractoriness or the plasticity switch masks, which
 * writes several threads share) comes in through `StatementContext`; what differs between
 * languages, through the dialect. Every backend walks the same steps in the same order, which is
 * what keeps js and cpp bit-identical.
 */
import type { Assignment, OdeBlock, UpdateStep, Attribute } from '../../equations/description.js';
import type { Expr, Owner } from '../../equations/ast.js';
import { renderExpr, renderArith, type SymbolResolver } from '../render.js';
import { ASSIGN_OPS, renderStepsWith } from '../steps.js';
import type { Dialect } from './dialect.js';
import { shareRepeats } from './shared-values.js';
import { NetworkError } from '../../errors.js';

/** Where a write goes: how to read it, store into it, and (when shared between threads) add to it atomically. */
export interface Location {
  read: string;
  store(value: string): string;
  /** Present when the location is shared: `+=`/`-=` become an atomic add, anything else is refused. */
  atomicAdd?(value: string): string;
}

/**
 * A condition for a write: `branch` wraps the statements in `if`; `select` computes the new value
 * and keeps the old one when the condition is false (branch-free: the loop stays vectorisable),
 * which stores the same bits.
 */
export type Guard = { kind: 'branch' | 'select'; cond: string };

export interface StatementContext {
  scope: SymbolResolver;
  location(owner: Owner, target: string): Location;
  /** The attribute written (for bounds and types), if it is one of the model's. */
  attribute(owner: Owner, target: string): Attribute | undefined;
  /** A condition that must hold for the write to happen (refractoriness, plasticity), or undefined. */
  guard(owner: Owner, target: string): Guard | undefined;
  /** For error messages: the model and the kernel. */
  where?: string;
}

/** A plain memory location (an lvalue of the language). */
export function plainLocation(lv: string, d: Dialect): Location {
  return { read: lv, store: (v) => d.assign(lv, v) };
}

type Bounds = { min?: Expr; max?: Expr };

/** Bounds and type applied to `v` (a local or an lvalue) after a write. */
function bounds(v: string, attr: Attribute | undefined, extra: Bounds, ctx: StatementContext, d: Dialect): string[] {
  const out: string[] = [];
  const min = extra.min ?? attr?.min;
  const max = extra.max ?? attr?.max;
  const clamp = (e: Expr, op: '<' | '>') => d.inlineBlock([d.declare('_m', renderExpr(e, ctx.scope, d.expr)), d.ifLine(d.cmp(op, v, '_m'), d.assign(v, '_m'))]);
  if (min) out.push(clamp(min, '<'));
  if (max) out.push(clamp(max, '>'));
  if (attr?.type === 'int') out.push(d.assign(v, d.trunc(v)));
  if (attr?.type === 'bool') out.push(d.assign(v, d.expr.cond(v, d.expr.bool(true), d.expr.bool(false))));
  return out;
}

/** `loc = value` followed by its bounds, under an optional guard. */
function write(loc: Location, value: string, attr: Attribute | undefined, extra: Bounds, guard: Guard | undefined, ctx: StatementContext, d: Dialect): string[] {
  if (d.singleStore || guard?.kind === 'select') {
    // The new value in a local: bounds apply to it before it is (conditionally) stored, once.
    const b = bounds('_nv', attr, extra, ctx, d);
    if (!d.singleStore && b.length === 0) return [loc.store(d.select(guard!.cond, value, loc.read))];
    const stored = guard?.kind === 'select' ? d.select(guard.cond, '_nv', loc.read) : '_nv';
    const body = [d.declare('_nv', value, { mutable: b.length > 0 }), ...b, loc.store(stored)];
    return guard?.kind === 'branch' ? d.ifBlock(guard.cond, body) : d.block(body);
  }
  const lines = [loc.store(value), ...bounds(loc.read, attr, extra, ctx, d)];
  return guard ? d.ifBlock(guard.cond, lines) : lines;
}

/** Prefix of the locals of an assignment's repeated subexpressions (`./shared-values.ts`). */
const SHARED_PREFIX = '_rep';

/** One assignment (`x = e`, `x += e`, …) with its bounds and guard; its repeated arithmetic computed once where the language does not. */
export function renderAssignment(a: Assignment, ctx: StatementContext, d: Dialect): string[] {
  const shared = d.sharesRepeats ? undefined : shareRepeats(a.value, SHARED_PREFIX);
  if (!shared) return renderAssignmentOf(a, a.value, ctx, d);
  const names = new Set(shared.locals.map((l) => l.name));
  const base = ctx.scope;
  const scope: SymbolResolver = {
    sym: (name) => (names.has(name) ? d.temp(name) : base.sym(name)),
    attr: (owner, name) => base.attr(owner, name),
    sum: (owner, target) => base.sum(owner, target),
    globalop: (op, owner, variable) => base.globalop(op, owner, variable),
    rand: (id) => base.rand(id),
  };
  const inner: StatementContext = { ...ctx, scope };
  // In a block of its own: the next assignment's locals may take the same names.
  return d.block([
    ...shared.locals.map((l) => d.declare(d.temp(l.name), renderExpr(l.value, scope, d.expr))),
    ...renderAssignmentOf(a, shared.value, inner, d),
  ]);
}

/** `renderAssignment` with the value `value` (the assignment's, or it reading shared locals). */
function renderAssignmentOf(a: Assignment, valueExpr: Expr, ctx: StatementContext, d: Dialect): string[] {
  const loc = ctx.location(a.owner, a.target);
  const value = renderExpr(valueExpr, ctx.scope, d.expr);
  const attr = ctx.attribute(a.owner, a.target);
  const guard = ctx.guard(a.owner, a.target);
  if (loc.atomicAdd) {
    // Shared between threads (a post-synaptic neuron reached by several spikes): only sums commute.
    const bounded = a.min || a.max || attr?.min || attr?.max;
    if ((a.op !== '+=' && a.op !== '-=') || bounded || (attr && attr.type !== 'float')) {
      throw new NetworkError(`${d.name} backend: ${ctx.where ?? ''}: '${a.owner === 'self' ? '' : `${a.owner}.`}${a.target} ${a.op} …'${bounded ? ' with bounds' : ''} writes a neuron shared by concurrent spike events; only '+=' and '-=' (atomic adds) are supported on ${d.name} yet`);
    }
    const line = loc.atomicAdd(a.op === '+=' ? value : `(-${value})`);
    return guard ? [d.ifLine(guard.cond, line)] : [line];
  }
  const op = ASSIGN_OPS[a.op];
  return write(loc, op ? renderArith(d.expr, op as '+' | '-' | '*' | '/', loc.read, value) : value, attr, a, guard, ctx, d);
}

/** An ODE block: every temporary first (old values), then every update in order. */
export function renderOdeBlock(block: OdeBlock, ctx: StatementContext, d: Dialect): string[] {
  const lines = block.temps.map((t) => d.declare(d.temp(t.name), renderExpr(t.value, ctx.scope, d.expr)));
  for (const u of block.updates) {
    lines.push(...write(ctx.location('self', u.target), renderExpr(u.value, ctx.scope, d.expr), ctx.attribute('self', u.target), {}, ctx.guard('self', u.target), ctx, d));
  }
  return d.block(lines);
}

/** Every step in order. */
export function renderSteps(steps: readonly UpdateStep[], ctx: StatementContext, d: Dialect): string[] {
  return renderStepsWith(steps, ctx, (b, c) => renderOdeBlock(b, c, d), (a, c) => renderAssignment(a, c, d));
}

/** The printer bound to one dialect (each backend's `statements.ts`). */
export function statementsFor(d: Dialect) {
  return {
    renderAssignment: (a: Assignment, ctx: StatementContext): string[] => renderAssignment(a, ctx, d),
    renderSteps: (steps: readonly UpdateStep[], ctx: StatementContext): string[] => renderSteps(steps, ctx, d),
    /** A plain lvalue as a write location. */
    plain: (lv: string): Location => plainLocation(lv, d),
  };
}
