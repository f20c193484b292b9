/**
 * Update statements (assignments, ODE blocks) as WGSL, in the order of the `js` backend's
 * `statements.ts`: ODE temporaries first (old values), then the writes, each followed by its bounds.
 * A write goes to a {@link Location}: plain memory (`F[…] = v`), or, in the event kernels where
 * several invocations may touch the same neuron, an atomic float add (compare-and-swap loop, see
 * `memory.ts`). Writes that cannot be made atomic there are refused with a `NetworkError`.
 */
import type { Assignment, OdeBlock, UpdateStep, Attribute } from '../../equations/description.js';
import type { Expr, Owner } from '../../equations/ast.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { wgslSpelling } from './spelling.js';
import { NetworkError } from '../../errors.js';
import { ASSIGN_OPS, renderStepsWith, tempName } from '../steps.js';

export { indent, tempNames, tempName } from '../steps.js';

/** Where a write goes: how to read it, store into it, and (when shared between invocations) add to it atomically. */
export interface Location {
  read: string;
  store(value: string): string;
  /** Present when the location is shared: `+=`/`-=` become an atomic add, anything else is refused. */
  atomicAdd?(value: string): string;
}

/** A condition for a write: `branch` wraps it in `if`, `select` keeps the old value when `cond` is false. */
export type Guard = { kind: 'branch' | 'select'; cond: string };

export interface WStatementContext {
  scope: SymbolResolver;
  location(owner: Owner, target: string): Location;
  attribute(owner: Owner, target: string): Attribute | undefined;
  guard(owner: Owner, target: string): Guard | undefined;
  /** For error messages: the model and the kernel. */
  where: string;
}

let counter = 0;

/** Restarts the numbering of generated locals (the source must not depend on earlier networks). */
export function resetLocalNames(): void {
  counter = 0;
}

const r = (e: Expr, ctx: WStatementContext) => renderExpr(e, ctx.scope, wgslSpelling);

/** Bounds and type applied to local `v`. */
function bounds(v: string, attr: Attribute | undefined, extra: { min?: Expr; max?: Expr }, ctx: WStatementContext): string[] {
  const out: string[] = [];
  const min = extra.min ?? attr?.min;
  const max = extra.max ?? attr?.max;
  if (min) out.push(`{ let _m = ${r(min, ctx)}; if (${v} < _m) { ${v} = _m; } }`);
  if (max) out.push(`{ let _m = ${r(max, ctx)}; if (${v} > _m) { ${v} = _m; } }`);
  if (attr?.type === 'int') out.push(`${v} = trunc(${v});`);
  if (attr?.type === 'bool') out.push(`${v} = nx_b(nx_truthy(${v}));`);
  return out;
}

/** `loc = value` with bounds, computed in a local so that the memory is written once. */
function write(loc: Location, value: string, attr: Attribute | undefined, extra: { min?: Expr; max?: Expr }, guard: Guard | undefined, ctx: WStatementContext): string[] {
  const nv = `_nv${counter++}`;
  const b = bounds(nv, attr, extra, ctx);
  const stored = guard?.kind === 'select' ? `select(${loc.read}, ${nv}, ${guard.cond})` : nv;
  const body = [`${b.length ? 'var' : 'let'} ${nv}: f32 = ${value};`, ...b, loc.store(stored)];
  if (guard?.kind === 'branch') return [`if (${guard.cond}) {`, ...body.map((l) => `  ${l}`), '}'];
  return ['{', ...body.map((l) => `  ${l}`), '}'];
}

export function renderAssignment(a: Assignment, ctx: WStatementContext): string[] {
  const loc = ctx.location(a.owner, a.target);
  const value = r(a.value, ctx);
  const attr = ctx.attribute(a.owner, a.target);
  if (loc.atomicAdd) {
    // Shared between invocations (a post-synaptic neuron reached by several spikes): only sums commute.
    if ((a.op !== '+=' && a.op !== '-=') || a.min || a.max || attr?.min || attr?.max || (attr && attr.type !== 'float')) {
      throw new NetworkError(`webgpu backend: ${ctx.where}: '${a.owner === 'self' ? '' : `${a.owner}.`}${a.target} ${a.op} …'${a.min || a.max || attr?.min || attr?.max ? ' with bounds' : ''} writes a neuron shared by concurrent spike events; only '+=' and '-=' (atomic adds) are supported on webgpu yet`);
    }
    const v = a.op === '+=' ? value : `(-${value})`;
    const g = ctx.guard(a.owner, a.target);
    const line = loc.atomicAdd(v);
    return g ? [`if (${g.cond}) { ${line} }`] : [line];
  }
  const op = ASSIGN_OPS[a.op];
  return write(loc, op ? `(${loc.read} ${op} ${value})` : value, attr, a, ctx.guard(a.owner, a.target), ctx);
}

export function renderOdeBlock(block: OdeBlock, ctx: WStatementContext): string[] {
  const lines = ['{'];
  for (const t of block.temps) lines.push(`  let ${tempName(t.name)}: f32 = ${r(t.value, ctx)};`);
  for (const u of block.updates) {
    const loc = ctx.location('self', u.target);
    for (const l of write(loc, r(u.value, ctx), ctx.attribute('self', u.target), {}, ctx.guard('self', u.target), ctx)) lines.push(`  ${l}`);
  }
  lines.push('}');
  return lines;
}

export function renderSteps(steps: readonly UpdateStep[], ctx: WStatementContext): string[] {
  return renderStepsWith(steps, ctx, renderOdeBlock, renderAssignment);
}
