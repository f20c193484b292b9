/**
 * The `pruning` and `creating` fields of a Synapse, parsed and checked against the projection that
 * uses it: `'cond : proba = 0.5'` and `'cond : proba = 0.1, w = 0.01, d = 2.0'` (ANNarchy's syntax;
 * `proba` defaults to 1, `w` to 0, `d` to the projection's delay). The condition goes through the
 * equation parser; every name is checked here, so a mistake is reported when the projection is
 * created, naming the model, the field and the symbol.
 *
 * What a condition may read: `pre.x` and `post.x` (attributes of the pre- and post-synaptic
 * neurons), the synapse's parameters and variables (pruning: all; creating: only those of the
 * dendrite or the projection — the synapse does not exist yet), `t`, `dt`, `pi`, Constants, the
 * built-in and user functions, and random distributions (`Uniform(0, 1)`, drawn per candidate
 * synapse from the network's counter-based streams).
 */
import { EquationError } from '../errors.js';
import { parseExpression, BUILTINS, type Expr } from '../equations/index.js';
import { walk } from '../equations/algebra.js';
import type { SynapseDescription } from '../equations/description.js';
import type { NeuronDescription } from '../equations/description.js';

/** Which rule. */
export type RuleKind = 'pruning' | 'creating';

/** Options of `startPruning()` / `startCreating()`. */
export interface StructuralRuleOptions {
  /** How often the rule is evaluated, in ms (default dt: every step); rounded to whole steps. */
  period?: number;
}

/** A parsed rule. */
export interface StructuralRule {
  kind: RuleKind;
  /** The text as written (reports). */
  text: string;
  condition: Expr;
  /** Probability that a candidate satisfying the condition is pruned/created. */
  proba: number;
  /** creating: the weight of a created synapse (default 0). */
  w: number;
  /** creating: the delay in ms of a created synapse (default: the projection's delay). */
  d?: number;
}

/** What the names of a rule are checked against. */
export interface RuleScope {
  synapse: SynapseDescription;
  pre: NeuronDescription;
  post: NeuronDescription;
  /** Whether a Constant of this name exists (at the time of the check). */
  isConstant(name: string): boolean;
  /** Whether a global function (addFunction) of this name exists. */
  isGlobalFunction(name: string): boolean;
}

const FLAGS: Record<RuleKind, readonly string[]> = { pruning: ['proba'], creating: ['proba', 'w', 'd'] };

/** Splits `cond : a = 1, b = 2` at the last colon followed only by `name = number` entries. */
function splitRule(text: string): { condition: string; flags: [string, string][] } {
  for (let at = text.lastIndexOf(':'); at >= 0; at = text.lastIndexOf(':', at - 1)) {
    const items = text.slice(at + 1).split(',').map((s) => /^\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$/.exec(s));
    if (items.every((m) => m !== null)) return { condition: text.slice(0, at), flags: items.map((m) => [m![1], m![2]]) };
  }
  return { condition: text, flags: [] };
}

/** Parses and checks one rule of the synapse `model` (throws an EquationError naming model, field, symbol). */
export function parseRule(kind: RuleKind, text: string, model: string, scope: RuleScope): StructuralRule {
  const where = { model, field: kind, text };
  const fail = (message: string, symbol?: string): never => { throw new EquationError(message, { ...where, symbol }); };
  const { condition, flags } = splitRule(text);
  if (condition.trim() === '') fail(`the ${kind} rule needs a condition before ':' (for example '${kind === 'pruning' ? 'w < 0.0 : proba = 0.5' : 'pre.r * post.r > 0.9 : proba = 0.1, w = 0.01'}')`);
  const rule: StructuralRule = { kind, text, condition: parseExpression(condition, { model, field: kind }), proba: 1, w: 0 };
  for (const [key, value] of flags) {
    if (!FLAGS[kind].includes(key)) fail(`unknown flag '${key}' of the ${kind} rule (accepted: ${FLAGS[kind].join(', ')})`, key);
    const v = Number(value);
    if (!Number.isFinite(v)) fail(`flag '${key}' of the ${kind} rule must be a number, got '${value}'`, key);
    if (key === 'proba' && (v < 0 || v > 1)) fail(`proba must be in [0, 1], got ${v}`, key);
    if (key === 'd' && v < 0) fail(`the delay d must be ≥ 0 ms, got ${v}`, key);
    if (key === 'proba') rule.proba = v;
    else if (key === 'w') rule.w = v;
    else rule.d = v;
  }
  checkNames(rule.condition, kind, scope, fail);
  return rule;
}

/** Every name of the condition must be something the host can read at the rule's evaluation. */
function checkNames(e: Expr, kind: RuleKind, scope: RuleScope, fail: (message: string, symbol?: string) => never): void {
  const attrs = new Map(scope.synapse.attributes.map((a) => [a.name, a]));
  const localFns = new Set(scope.synapse.functions.map((f) => f.name));
  walk(e, (node) => {
    switch (node.kind) {
      case 'sym': {
        if (['t', 'dt', 'pi'].includes(node.name) || scope.isConstant(node.name)) return;
        const a = attrs.get(node.name);
        if (!a) fail(`unknown name '${node.name}' in the ${kind} condition: use a parameter or variable of the synapse (${[...attrs.keys()].join(', ')}), pre.x, post.x, t, dt or a Constant`, node.name);
        else if (kind === 'creating' && a.locality === 'local') {
          fail(`the creating condition cannot read '${node.name}', a variable of each synapse: the synapse does not exist yet (use pre.x, post.x, or a parameter of the projection or dendrite)`, node.name);
        }
        return;
      }
      case 'attr': {
        const side = node.owner === 'pre' ? scope.pre : scope.post;
        if (!side.attributes.some((a) => a.name === node.name)) {
          fail(`the ${node.owner}-synaptic neuron has no attribute '${node.name}' (it has: ${side.attributes.map((a) => a.name).join(', ')})`, `${node.owner}.${node.name}`);
        }
        return;
      }
      case 'sum': return fail(`sum() cannot be read in a ${kind} condition: store it in a variable of the neuron (x = sum(exc)) and read post.x`, 'sum');
      case 'globalop': return fail(`the global operation ${node.op}() cannot be read in a ${kind} condition: compute it in the neuron or the synapse and read that variable`, node.op);
      case 'call':
        if (BUILTINS.has(node.name) || localFns.has(node.name) || scope.isGlobalFunction(node.name)) return;
        return fail(`unknown function '${node.name}' in the ${kind} condition`, node.name);
      default: return;
    }
  });
}
