/**
 * The numerical methods as rewrites of ODEs into `OdeBlock`s (temporaries computed from the values
 * of the previous step, then updates), and the algebra they share: solving an ODE line for its
 * derivative and writing a linear ODE as a relaxation `dx/dt = (steady - x)/tau`.
 *
 * Differences from ANNarchy, on purpose: time-dependent terms are evaluated where the method says
 * (`t + dt/2` in the middle stages of midpoint and rk4, `t + dt` in their last stage and in
 * implicit steps), so non-autonomous ODEs keep the method's order; an ODE that is not linear in
 * its variable(s) is an error with `implicit`, `semiimplicit` and `exponential` (ANNarchy falls
 * back to explicit or linearises silently).
 */
import type { Expr } from './ast.js';
import type { MethodName, OdeBlock, SourceRef } from './description.js';
import { EquationError } from '../errors.js';
import { dependsOn, linearIn, mk, negate, simplify, substitute } from './algebra.js';
import { derivativeSymbol } from './parser.js';
import { exprToString } from './printer.js';

/** One ODE, already solved for its derivative: `d variable/dt = f`. */
export interface OdeEquation {
  variable: string;
  f: Expr;
  method: MethodName;
  source: SourceRef;
}

const sym = (name: string): Expr => ({ kind: 'sym', name });
const num = (value: number): Expr => ({ kind: 'num', value, isInt: Number.isInteger(value) && !String(value).includes('.') });
const float = (value: number): Expr => ({ kind: 'num', value, isInt: false });
const ONE = num(1);
const DT = sym('dt');
const T = sym('t');

function odeError(message: string, model: string, source: SourceRef, symbol?: string): never {
  throw new EquationError(message, { model, field: source.block, line: source.line, symbol, text: source.text });
}

/**
 * Solves an ODE line `lhs = rhs` for the derivative of `variable`: `tau*dv/dt + v = E` gives
 * `(E - v)/tau`. The line must be linear in the derivative, which must not cancel out.
 */
export function solveForDerivative(lhs: Expr, rhs: Expr, variable: string, model: string, source: SourceRef): Expr {
  const d = derivativeSymbol(variable);
  if (lhs.kind === 'sym' && lhs.name === d) return rhs;
  const form = linearIn(lhs, d);
  if (!form) odeError(`the ODE of '${variable}' is not linear in the derivative d${variable}/dt`, model, source, `d${variable}/dt`);
  if (form.a.kind === 'num' && form.a.value === 0) odeError(`the derivative d${variable}/dt cancels out`, model, source, `d${variable}/dt`);
  return mk('/', mk('-', rhs, form.b), form.a);
}

/** A linear ODE `dx/dt = f` written as `dx/dt = (steady - x)/tau`. */
export interface Relaxation {
  tau: Expr;
  steady: Expr;
}

/**
 * `f` as a relaxation towards `steady` with time constant `tau`; `'constant'` when `f` does not
 * depend on `x`; null when `f` is not linear in `x`. An outer factor or divisor free of `x` is
 * kept whole, so `(E - x)/tau` gives exactly `tau` and `E`.
 */
export function relaxation(f: Expr, x: string): Relaxation | 'constant' | null {
  if (!dependsOn(f, x)) return 'constant';
  const negative = f.kind === 'unary' && f.op === '-';
  const g = negative ? f.arg : f;
  let inner = g;
  let divisor: Expr | undefined;
  let factor: Expr | undefined;
  if (g.kind === 'binary' && g.op === '/' && !dependsOn(g.right, x)) { inner = g.left; divisor = g.right; }
  else if (g.kind === 'binary' && g.op === '*' && !dependsOn(g.left, x)) { inner = g.right; factor = g.left; }
  else if (g.kind === 'binary' && g.op === '*' && !dependsOn(g.right, x)) { inner = g.left; factor = g.right; }
  const lin = linearIn(inner, x);
  if (!lin) return null;
  const form = negative ? { a: negate(lin.a), b: negate(lin.b) } : lin;
  if (form.a.kind === 'num' && form.a.value === 0) return 'constant';
  // f = s*(a*x + b) with s = factor or 1/divisor: tau = -1/(s*a), steady = -b/a.
  const tau = divisor ? mk('/', negate(divisor), form.a)
    : factor ? mk('/', num(-1), mk('*', factor, form.a))
      : mk('/', num(-1), form.a);
  return { tau, steady: mk('/', negate(form.b), form.a) };
}

/** Allocates temporary names unique within one block. */
class Temps {
  readonly list: { name: string; value: Expr }[] = [];
  private readonly used = new Set<string>();

  /**
   * A name no attribute and no backend array can have: attributes never start with `_`, and the
   * backends' own arrays (`_delay`, `_pre_rank`, `_spiked`, …) never start with `_m` — a temporary
   * named `_delay` for a synaptic variable `delay` collided with the delays array in generated js.
   */
  fresh(base: string): string {
    base = `_m${base}`;
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }

  add(base: string, value: Expr): Expr {
    const name = this.fresh(base);
    this.list.push({ name, value });
    return sym(name);
  }

  /** `value` itself when it is a literal or a name, else a new temporary holding it. */
  hoist(base: string, value: Expr): Expr {
    return value.kind === 'num' || value.kind === 'sym' || value.kind === 'bool' ? value : this.add(base, value);
  }
}

const atTime = (f: Expr, time: Expr): Expr => substitute(f, new Map([['t', time]]));

/**
 * Integrates the ODEs of one block. Each ODE uses its own method; the ODEs of a block that share
 * `implicit`, `midpoint` or `rk4` are integrated as one coupled system. Every temporary reads the
 * previous step's values; the updates follow in the ODEs' order.
 */
export function integrateBlock(odes: readonly OdeEquation[], model: string): OdeBlock {
  const temps = new Temps();
  const values = new Map<string, Expr>();
  const coupled: Record<'implicit' | 'midpoint' | 'rk4', OdeEquation[]> = { implicit: [], midpoint: [], rk4: [] };
  for (const ode of odes) {
    const x = sym(ode.variable);
    switch (ode.method) {
      case 'explicit':
        values.set(ode.variable, mk('+', x, mk('*', DT, temps.add(`_${ode.variable}`, simplify(ode.f)))));
        break;
      case 'exponential':
      case 'semiimplicit':
        values.set(ode.variable, mk('+', x, temps.add(`_${ode.variable}`, relaxedIncrement(ode, model))));
        break;
      case 'implicit': case 'midpoint': case 'rk4':
        coupled[ode.method].push(ode);
        break;
      case 'event-driven':
        odeError(`'${ode.variable}' is event-driven and cannot be integrated every step`, model, ode.source, ode.variable);
    }
  }
  if (coupled.implicit.length) implicitSystem(coupled.implicit, temps, values, model);
  if (coupled.midpoint.length) rungeKutta(coupled.midpoint, 2, temps, values);
  if (coupled.rk4.length) rungeKutta(coupled.rk4, 4, temps, values);
  return {
    kind: 'ode',
    temps: temps.list,
    updates: odes.map((o) => ({ target: o.variable, value: values.get(o.variable)!, method: o.method, source: o.source })),
  };
}

/** `_x` of the exponential and semi-implicit methods: a fraction of the way to the steady state. */
function relaxedIncrement(ode: OdeEquation, model: string): Expr {
  const r = relaxation(ode.f, ode.variable);
  if (r === null) {
    odeError(`the ODE of '${ode.variable}' is not linear in '${ode.variable}' (d${ode.variable}/dt = ${exprToString(ode.f)}); `
      + `the ${ode.method} method needs dx/dt = (steady - x)/tau: use explicit, midpoint or rk4`, model, ode.source, ode.variable);
  }
  // dx/dt does not depend on x: both methods reduce to their limit tau → ∞, x + dt*f.
  if (r === 'constant') return mk('*', DT, simplify(ode.f));
  const x = sym(ode.variable);
  const h = mk('/', DT, r.tau);
  const fraction = ode.method === 'exponential'
    ? mk('-', ONE, { kind: 'call', name: 'exp', args: [negate(h)] })
    : mk('/', h, mk('+', h, ONE));
  return mk('*', fraction, mk('-', r.steady, x));
}

/**
 * Backward Euler on a coupled linear system: (I - dt·A) x' = x + dt·b with A and b evaluated at
 * t + dt, solved by Gaussian elimination on the symbolic matrix (structural zeros skipped).
 */
function implicitSystem(odes: OdeEquation[], temps: Temps, values: Map<string, Expr>, model: string): void {
  const names = odes.map((o) => o.variable);
  const n = names.length;
  const M: (Expr | null)[][] = [];
  const rhs: Expr[] = [];
  odes.forEach((ode, i) => {
    let rest = atTime(simplify(ode.f), mk('+', T, DT));
    const row: (Expr | null)[] = [];
    for (let j = 0; j < n; j++) {
      const form = linearIn(rest, names[j]);
      const bad = form ? names.find((y) => dependsOn(form.a, y)) : names[j];
      if (!form || bad !== undefined) {
        odeError(`the ODE of '${ode.variable}' is not linear in ${n > 1 ? `the implicit variables (${names.join(', ')})` : `'${ode.variable}'`}`
          + ` (d${ode.variable}/dt = ${exprToString(ode.f)}): the implicit method needs a linear ODE; use explicit, midpoint or rk4`,
        model, ode.source, bad ?? names[j]);
      }
      rest = form.b;
      const diagonal = i === j ? ONE : num(0);
      const entry = simplify(mk('-', diagonal, mk('*', DT, form.a)));
      row.push(entry.kind === 'num' && entry.value === 0 ? null : entry);
    }
    M.push(row);
    rhs.push(mk('+', sym(ode.variable), mk('*', DT, rest)));
  });
  const order = names.map((_, i) => i); // row permutation
  for (let k = 0; k < n; k++) {
    const p = order.findIndex((r, idx) => idx >= k && M[r][k] !== null);
    if (p < 0) odeError(`the implicit system of (${names.join(', ')}) is singular`, model, odes[k].source, names[k]);
    [order[k], order[p]] = [order[p], order[k]];
    const pr = order[k];
    for (let idx = k + 1; idx < n; idx++) {
      const r = order[idx];
      if (M[r][k] === null) continue;
      const factor = temps.hoist('_f', mk('/', M[r][k]!, M[pr][k]!));
      for (let j = k + 1; j < n; j++) {
        if (M[pr][j] === null) continue;
        const updated = mk('-', M[r][j] ?? num(0), mk('*', factor, M[pr][j]!));
        M[r][j] = temps.hoist('_m', updated);
      }
      rhs[r] = temps.hoist('_r', mk('-', rhs[r], mk('*', factor, rhs[pr])));
      M[r][k] = null;
    }
  }
  const solution: Expr[] = new Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const r = order[k];
    let acc = rhs[r];
    for (let j = k + 1; j < n; j++) if (M[r][j] !== null) acc = mk('-', acc, mk('*', M[r][j]!, solution[j]));
    solution[k] = temps.add(`_${names[k]}`, mk('/', acc, M[r][k]!));
  }
  names.forEach((x, k) => values.set(x, solution[k]));
}

/**
 * Midpoint (`stages` = 2) or classical Runge–Kutta (4) on the coupled system of `odes`: every
 * stage of every variable is computed before the next stage, each stage shifting every variable
 * of the system and the time.
 */
function rungeKutta(odes: OdeEquation[], stages: 2 | 4, temps: Temps, values: Map<string, Expr>): void {
  const fs = odes.map((o) => simplify(o.f));
  const k: Expr[][] = [];
  const shifted = (weight: Expr | null, previous: Expr[] | null): Map<string, Expr> => {
    const map = new Map<string, Expr>();
    if (!previous || !weight) return map;
    odes.forEach((o, i) => map.set(o.variable, mk('+', sym(o.variable), mk('*', weight, previous[i]))));
    map.set('t', mk('+', T, weight));
    return map;
  };
  const half = mk('*', float(0.5), DT);
  const plan: { weight: Expr | null; from: number }[] = stages === 2
    ? [{ weight: null, from: -1 }, { weight: half, from: 0 }]
    : [{ weight: null, from: -1 }, { weight: half, from: 0 }, { weight: half, from: 1 }, { weight: DT, from: 2 }];
  plan.forEach((stage, s) => {
    const map = shifted(stage.weight, stage.from >= 0 ? k[stage.from] : null);
    k.push(odes.map((o, i) => temps.add(`_k${s + 1}_${o.variable}`, map.size ? substitute(fs[i], map) : fs[i])));
  });
  odes.forEach((o, i) => {
    const x = sym(o.variable);
    const increment = stages === 2
      ? k[1][i]
      : mk('/', mk('+', mk('+', mk('+', k[0][i], mk('*', num(2), k[1][i])), mk('*', num(2), k[2][i])), k[3][i]), float(6));
    values.set(o.variable, mk('+', x, mk('*', DT, increment)));
  });
}
