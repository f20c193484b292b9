import { describe, it, expect } from 'vitest';
import {
  parseExpression, integrateBlock, solveForDerivative, relaxation, evaluate, exprToString, analyseNeuron,
  type Expr, type MethodName, type OdeBlock, type OdeEquation,
} from '../../src/equations/index.js';
import { EquationError } from '../../src/errors.js';

const where = { model: 'methods' };
const p = (text: string): Expr => parseExpression(text, where);
const source = { block: 'equations' as const, line: 1, text: '' };

/** The ODE line `lhs = rhs` for `variable`, solved for its derivative. */
function ode(line: string, variable: string, method: MethodName): OdeEquation {
  const [lhs, rhs] = line.split('=');
  const f = solveForDerivative(parseExpression(lhs, where, { derivatives: true }), p(rhs), variable, 'methods', source);
  return { variable, f, method, source: { ...source, text: line } };
}

/** One step of `block` on `state` (the OdeBlock semantics: every temp, then every update). */
function step(block: OdeBlock, state: Record<string, number>): void {
  const env = { ...state };
  for (const t of block.temps) env[t.name] = evaluate(t.value, env);
  const next: Record<string, number> = {};
  for (const u of block.updates) next[u.target] = evaluate(u.value, env);
  Object.assign(state, next);
}

/** Integrates from t = 0 to T with step dt; `t` is step·dt at the start of each step. */
function run(block: OdeBlock, init: Record<string, number>, dt: number, T: number): Record<string, number> {
  const state: Record<string, number> = { ...init, dt };
  const n = Math.round(T / dt);
  for (let k = 0; k < n; k++) { state.t = k * dt; step(block, state); }
  return state;
}

describe('solving an ODE line for its derivative', () => {
  const cases: [string, string][] = [
    ['tau * dmp/dt + mp = baseline + sum(exc)', '(baseline + sum(exc) - mp) / tau'],
    ['dx/dt = -x / tau', '-x / tau'],
    ['tau*dv/dt + v - A = 0', '-((v - A) / tau)'],
    ['tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w', '(pre.r * post.r - alpha * post.r^2 * w) / tau'],
    ['dv/dt * C = I', 'I / C'],
  ];
  for (const [line, expected] of cases) {
    it(line, () => {
      const variable = /d(\w+)\/dt/.exec(line)![1];
      expect(exprToString(ode(line, variable, 'explicit').f)).toBe(expected);
    });
  }
  it('relaxation form keeps tau and the steady state as written', () => {
    const r = relaxation(ode('tau * dmp/dt + mp = baseline + sum(exc)', 'mp', 'explicit').f, 'mp');
    expect(r !== null && r !== 'constant' && [exprToString(r.tau), exprToString(r.steady)]).toEqual(['tau', 'baseline + sum(exc)']);
    const u = relaxation(p('a * (b*v - u)'), 'u');
    expect(u !== null && u !== 'constant' && [exprToString(u.tau), exprToString(u.steady)]).toEqual(['1 / a', 'b * v']);
    expect(relaxation(p('cos(t)'), 'x')).toBe('constant');
    expect(relaxation(p('x^2'), 'x')).toBeNull();
  });
});

describe('one-variable methods', () => {
  const decay = (m: MethodName) => integrateBlock([ode('dx/dt = -x / tau', 'x', m)], 'methods');
  const forced = (m: MethodName) => integrateBlock([ode('dx/dt = cos(t)', 'x', m)], 'methods');

  it('exponential is exact for linear ODEs', () => {
    for (const dt of [0.1, 1, 5]) {
      const end = run(decay('exponential'), { x: 2, tau: 7 }, dt, 35);
      expect(Math.abs(end.x - 2 * Math.exp(-35 / 7)) / (2 * Math.exp(-5))).toBeLessThan(1e-12);
    }
    const relax = integrateBlock([ode('tau * dv/dt + v = E', 'v', 'exponential')], 'methods');
    const end = run(relax, { v: -65, tau: 10, E: -50 }, 0.5, 20);
    expect(end.v).toBeCloseTo(-50 - 15 * Math.exp(-2), 12);
  });

  /** |error(dt)| / |error(dt/2)| at T for the exact solution `exact`. */
  function ratio(block: OdeBlock, init: Record<string, number>, exact: number, dt: number, T: number): number {
    const e1 = Math.abs(run(block, init, dt, T).x - exact);
    const e2 = Math.abs(run(block, init, dt / 2, T).x - exact);
    return e1 / e2;
  }
  const bands: [MethodName, number, number, number][] = [
    ['explicit', 1.8, 2.2, 0.05], ['implicit', 1.8, 2.2, 0.05], ['semiimplicit', 1.8, 2.2, 0.05],
    ['midpoint', 3.6, 4.4, 0.05], ['rk4', 14, 18, 0.1],
  ];
  for (const [method, lo, hi, dt] of bands) {
    it(`${method}: the error shrinks by ${lo}–${hi} when dt halves (dx/dt = -x/tau)`, () => {
      expect(ratio(decay(method), { x: 1, tau: 1 }, Math.exp(-2), dt, 2)).toBeGreaterThan(lo);
      expect(ratio(decay(method), { x: 1, tau: 1 }, Math.exp(-2), dt, 2)).toBeLessThan(hi);
    });
    if (method === 'semiimplicit') continue;
    it(`${method}: the same order on the non-autonomous dx/dt = cos(t) (time evaluated inside the step)`, () => {
      const r = ratio(forced(method), { x: 0 }, Math.sin(2), dt, 2);
      expect(r).toBeGreaterThan(lo);
      expect(r).toBeLessThan(hi);
    });
  }
  it('implicit reads t + dt, midpoint t + dt/2', () => {
    const s1 = run(forced('implicit'), { x: 0 }, 0.5, 0.5);
    expect(s1.x).toBe(0.5 * Math.cos(0.5));
    const s2 = run(forced('midpoint'), { x: 0 }, 0.5, 0.5);
    expect(s2.x).toBe(0.5 * Math.cos(0.25));
  });
});

describe('coupled system tau dv/dt = -v - u + I, tau du/dt = -u + I (dossier §3.4 A15)', () => {
  // v after step index 20 / 30 / 50 / 99 (index s = the state after s + 1 steps; I = 1 from index 20)
  const table: Record<string, number[]> = {
    explicit: [0.1, 0.3835462841, 0.1314125907, 0.0019419956],
    implicit: [0.0826446281, 0.3504938995, 0.1468235663, 0.0035504425],
    midpoint: [0.09, 0.3648555750, 0.1396566369, 0.0027075111],
    exponential: [0.0951625820, 0.3850919322, 0.1468738452, 0.0028224730],
  };
  for (const [method, expected] of Object.entries(table)) {
    it(method, () => {
      const block = integrateBlock([
        ode('tau * dv/dt = -v - u + I', 'v', method as MethodName),
        ode('tau * du/dt = -u + I', 'u', method as MethodName),
      ], 'methods');
      const state: Record<string, number> = { v: 0, u: 0, tau: 10, dt: 1, I: 0 };
      const v: number[] = [];
      for (let s = 0; s < 100; s++) {
        state.t = s;
        state.I = s >= 20 ? 1 : 0;
        step(block, state);
        v.push(state.v);
      }
      [20, 30, 50, 99].forEach((s, k) => expect(Math.abs(v[s] - expected[k]), `v[${s}]`).toBeLessThan(1e-9));
    });
  }
  it('rk4 on the system stays within 1e-3 of the analytic (s/τ)e^{-s/τ}', () => {
    const block = integrateBlock([ode('tau * dv/dt = -v - u + I', 'v', 'rk4'), ode('tau * du/dt = -u + I', 'u', 'rk4')], 'methods');
    const state: Record<string, number> = { v: 0, u: 0, tau: 10, dt: 1, I: 1, t: 0 };
    for (let s = 0; s < 30; s++) step(block, state);
    expect(Math.abs(state.v - 3 * Math.exp(-3))).toBeLessThan(1e-4);
  });
  it('implicit solves three coupled equations exactly as a linear system', () => {
    const block = integrateBlock([
      ode('dx/dt = -2*x + y', 'x', 'implicit'), ode('dy/dt = x - 3*y + z', 'y', 'implicit'), ode('dz/dt = y - z + 1', 'z', 'implicit'),
    ], 'methods');
    const s = { x: 1, y: 2, z: 3, dt: 0.5, t: 0 };
    step(block, s);
    // (I - dt A) X' = X + dt b
    const h = 0.5;
    const residual = [
      s.x - h * (-2 * s.x + s.y) - 1,
      s.y - h * (s.x - 3 * s.y + s.z) - 2,
      s.z - h * (s.y - s.z + 1) - 3,
    ];
    for (const r of residual) expect(Math.abs(r)).toBeLessThan(1e-12);
  });
});

describe('methods that need a linear ODE', () => {
  for (const method of ['implicit', 'semiimplicit', 'exponential']) {
    it(`${method} refuses dv/dt = 0.04*v^2 naming the equation`, () => {
      const spec = { parameters: 'a = 1.0', equations: `r = v\ndv/dt = 0.04 * v^2 - a : ${method}` };
      expect(() => analyseNeuron(spec, { name: 'Quad', defaultMethod: 'explicit', constants: new Set(), globalFunctions: new Map() }))
        .toThrow(expect.objectContaining({ name: 'EquationError', model: 'Quad', line: 2, symbol: 'v' }));
    });
  }
  it('a coupled implicit system refuses a product of two of its variables', () => {
    let err: unknown;
    try {
      integrateBlock([ode('dv/dt = -u * v', 'v', 'implicit'), ode('du/dt = -u', 'u', 'implicit')], 'methods');
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(EquationError);
    expect((err as EquationError).message).toMatch(/not linear in the implicit variables \(v, u\)/);
  });
  it('the same product is fine when only one of them is implicit', () => {
    expect(() => integrateBlock([ode('dv/dt = -u * v', 'v', 'implicit'), ode('du/dt = -u', 'u', 'explicit')], 'methods')).not.toThrow();
  });
  it('an ODE not linear in its derivative is refused', () => {
    expect(() => ode('(dv/dt)^2 = 1', 'v', 'explicit')).toThrow(/not linear in the derivative/);
    expect(() => ode('dv/dt - dv/dt = 1', 'v', 'explicit')).toThrow(/cancels/);
  });
});
