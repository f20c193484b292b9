/**
 * Loop-invariant values of a model's per-element equations, computed once per step instead of once
 * per element (Brian2's "loop-invariant optimisations"): per neuron for a population, per synapse
 * and per dendrite for a projection.
 *
 * In a population's local section, and in a projection's semiglobal and local sections, a
 * sub-expression that reads only values that are the same for every element of the step (the
 * model's own global attributes, `dt`, `t`, `pi`, constants, literals — never `pre.x`/`post.x`,
 * sums, global operations or draws) and costs something (a division, `exp`, `log`, …) becomes a
 * named value (`_li<n>`) that every backend evaluates once, after the global equations, and reads
 * inside the loop: the same operations on the same values, so the same bits. One rewrite changes
 * bits, on purpose and identically on every backend: `a / b` with `b` invariant and `a` not becomes
 * `a * (1 / b)` — one multiplication an element instead of one division (a division costs 4–8× a
 * multiplication and does not pipeline), at most one rounding apart from the quotient. Both are
 * plain arithmetic: the numerical method of the model is unchanged.
 */
import type { Expr } from '../equations/ast.js';
import type { ModelDescription, UpdateSection, UpdateStep } from '../equations/description.js';
import { foldExpr, withChildren } from '../equations/algebra.js';

/** A value computed once per step before the loop over the neurons or dendrites: `name = value` (value in the local scope). */
export interface InvariantValue {
  name: string;
  value: Expr;
}

/** Built-in functions whose result is a float and costs more than an arithmetic operation. */
const COSTLY_CALLS = new Set(['exp', 'log', 'sqrt', 'power', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh']);
/** Arithmetic roots: an invariant value with one of these at its root is a float when it contains a costly node. */
const ARITHMETIC = new Set(['+', '-', '*', '/']);

/** Whether `e` contains a division or a costly call. */
function costly(e: Expr): boolean {
  return foldExpr<boolean>(e, (n, kids) => kids.some(Boolean)
    || (n.kind === 'binary' && n.op === '/') || (n.kind === 'call' && COSTLY_CALLS.has(n.name)));
}

/** Whether computing `e` once saves work and gives a float (the type every backend declares it with). */
function worthHoisting(e: Expr): boolean {
  const arithmetic = (e.kind === 'binary' && ARITHMETIC.has(e.op)) || (e.kind === 'unary' && e.op === '-') || (e.kind === 'call' && COSTLY_CALLS.has(e.name));
  return arithmetic && costly(e);
}

/** A text equal for equal expressions of at most 64 nodes (undefined for larger ones, which are not shared). */
function keyOf(e: Expr): string | undefined {
  if (foldExpr<number>(e, (_n, kids) => 1 + kids.reduce((x, y) => x + y, 0)) > 64) return undefined;
  return foldExpr<string>(e, (n, kids) => {
    switch (n.kind) {
      case 'num': return `${Object.is(n.value, -0) ? '-0' : String(n.value)}${n.isInt ? 'i' : ''}`;
      case 'bool': return String(n.value);
      case 'sym': return n.name;
      case 'unary': case 'binary': return `(${n.op} ${kids.join(' ')})`;
      case 'call': return `(${n.name} ${kids.join(' ')})`;
      case 'cond': return `(? ${kids.join(' ')})`;
      default: return `(${n.kind} ${JSON.stringify(n)})`;
    }
  });
}

/** Collects the invariant values of one description; `invariantName` says which names are the same for every element. */
class Hoister {
  readonly values: InvariantValue[] = [];
  readonly #byKey = new Map<string, string>();
  constructor(private readonly invariantName: (name: string) => boolean) {}

  /** The name of invariant value `e` (one name for equal small values). */
  #name(e: Expr): Expr {
    const key = keyOf(e);
    let name = key === undefined ? undefined : this.#byKey.get(key);
    if (name === undefined) {
      name = `_li${this.values.length}`;
      if (key !== undefined) this.#byKey.set(key, name);
      this.values.push({ name, value: e });
    }
    return { kind: 'sym', name };
  }

  /** `e` with its costly invariant parts read from named values. */
  rewrite(e: Expr): Expr {
    type Node = { expr: Expr; invariant: boolean };
    const top = foldExpr<Node>(e, (n, kids) => {
      // A draw's arguments are read where the draws are made, not here.
      if (n.kind === 'rand') return { expr: n, invariant: false };
      const invariant = n.kind === 'num' || n.kind === 'bool' || (n.kind === 'sym' && this.invariantName(n.name))
        || (kids.length > 0 && kids.every((k) => k.invariant) && (n.kind === 'unary' || n.kind === 'binary' || n.kind === 'cond' || (n.kind === 'call' && COSTLY_CALLS.has(n.name))));
      if (invariant) return { expr: withChildren(n, kids.map((k) => k.expr)), invariant };
      // The boundary: this node varies, its invariant children are computed once.
      if (n.kind === 'binary' && n.op === '/' && kids[1].invariant && !kids[0].invariant) {
        const reciprocal: Expr = { kind: 'binary', op: '/', left: { kind: 'num', value: 1, isInt: false }, right: kids[1].expr };
        return { expr: { kind: 'binary', op: '*', left: kids[0].expr, right: this.#name(reciprocal) }, invariant };
      }
      return { expr: withChildren(n, kids.map((k) => (k.invariant && worthHoisting(k.expr) ? this.#name(k.expr) : k.expr))), invariant };
    });
    return top.invariant && worthHoisting(top.expr) ? this.#name(top.expr) : top.expr;
  }

  step(s: UpdateStep): UpdateStep {
    if (s.kind === 'assign') return { ...s, value: this.rewrite(s.value) };
    return {
      kind: 'ode',
      temps: s.temps.map((t) => ({ name: t.name, value: this.rewrite(t.value) })),
      updates: s.updates.map((u) => ({ ...u, value: this.rewrite(u.value) })),
    };
  }
}

let hoisting = true;

/**
 * Switches the hoisting off (or back on) for plans built from now on, and returns the previous
 * setting: for benchmarks comparing both in one process (`bench/invariants-pair.ts`).
 * @internal
 */
export function setInvariantHoisting(on: boolean): boolean {
  const was = hoisting;
  hoisting = on;
  return was;
}

/**
 * The sections whose equations run once per element (neuron, dendrite, synapse), after the global
 * section: those whose invariant parts are computed once.
 */
const PER_ELEMENT: Record<ModelDescription['kind'], ReadonlySet<UpdateSection['locality']>> = {
  neuron: new Set(['local']),
  synapse: new Set(['semiglobal', 'local']),
};

/**
 * Names that the scopes of a projection's code resolve before constants (`backends/synapse-symbols.ts`,
 * `webgpu/scope.ts`): the last spikes of the pre- and post-synaptic neurons, different per synapse.
 */
const SYNAPSE_NAMES = new Set(['t_pre', 't_post']);

/**
 * The description of a population or projection with the costly invariant parts of its
 * per-element equations (a population's local section; a projection's semiglobal and local
 * sections) read from named values, and those values. `constants` are the network's constants;
 * the model's global attributes, `dt`, `t` and `pi` are invariant too — unless the scope resolves
 * the name to something per element first (an attribute, a method temporary, `t_pre`). The
 * description is returned unchanged (the same object) when nothing is worth computing once.
 */
export function hoistInvariants<D extends ModelDescription>(d: D, constants: readonly string[]): { description: D; invariants: InvariantValue[] } {
  if (!hoisting) return { description: d, invariants: [] };
  const globals = new Set(d.attributes.filter((a) => a.locality === 'global').map((a) => a.name));
  const fixed = new Set(['dt', 't', 'pi', ...constants]);
  // The scopes resolve a method temporary, then an attribute, then (synapses) `t_pre`/`t_post`, then
  // dt, t, pi and the constants: a name resolved before them is not theirs.
  const shadowing = new Set([
    ...d.sections.flatMap((s) => s.steps.flatMap((st) => (st.kind === 'ode' ? st.temps.map((t) => t.name) : []))),
    ...d.attributes.filter((a) => a.locality !== 'global').map((a) => a.name),
    ...(d.kind === 'synapse' ? SYNAPSE_NAMES : []),
  ]);
  const hoister = new Hoister((name) => !shadowing.has(name) && (globals.has(name) || fixed.has(name)));
  const rewritten = PER_ELEMENT[d.kind];
  const sections: UpdateSection[] = d.sections.map((s) => (rewritten.has(s.locality) ? { ...s, steps: s.steps.map((st) => hoister.step(st)) } : s));
  if (hoister.values.length === 0) return { description: d, invariants: [] };
  return { description: { ...d, sections }, invariants: hoister.values };
}
