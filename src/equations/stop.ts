/**
 * Stop conditions of `simulateUntil` (`pop.stopCondition = 'r > 1.0 : all'`): a condition on the
 * neurons of one population, true when any (default) or all of them satisfy it.
 */
import type { Expr } from './ast.js';
import type { NeuronDescription } from './description.js';
import { parseExpression } from './parser.js';
import { splitTopLevel } from './flags.js';
import { fail } from './lexer.js';
import { walk } from './algebra.js';
import { BUILTINS } from './builtins.js';

const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTINS.keys());

/** Parses and checks `text` against the attributes of `neuron`. */
export function parseStopCondition(text: string, neuron: NeuronDescription): { condition: Expr; mode: 'any' | 'all' } {
  const where = { model: neuron.name, field: 'stop_condition', line: 1, text };
  const parts = splitTopLevel(text, ':');
  let body = text;
  let mode: 'any' | 'all' = 'any';
  const last = parts[parts.length - 1].trim();
  if (parts.length > 1 && (last === 'any' || last === 'all')) {
    mode = last;
    body = parts.slice(0, -1).join(':');
  } else if (parts.length > 1 && !/\bif\b/.test(text)) {
    fail(`unknown stop-condition flag '${last}' (use ': any' or ': all')`, where, text, last);
  }
  const condition = parseExpression(body, where);
  const names = new Set(neuron.attributes.map((a) => a.name));
  const special = new Set(['t', 'dt', 'pi', ...(neuron.type === 'spike' ? ['t_last'] : []), ...neuron.constants]);
  walk(condition, (n) => {
    switch (n.kind) {
      case 'sym':
        if (!names.has(n.name) && !special.has(n.name)) fail(`unknown symbol '${n.name}' in the stop condition of ${neuron.name}`, where, text, n.name);
        return;
      case 'globalop': fail('global operations are not allowed in stop conditions', where, text, n.op); return;
      case 'rand': fail('random draws are not allowed in stop conditions', where, text, n.dist); return;
      case 'attr': fail(`'${n.owner}.${n.name}' is only meaningful in a synapse`, where, text, `${n.owner}.${n.name}`); return;
      case 'sum':
        if (n.owner !== 'self' || neuron.type === 'spike' || (n.target !== null && !neuron.targets.includes(n.target))) {
          fail(`'sum(${n.target ?? ''})' is not an input of ${neuron.name}`, where, text, `sum(${n.target ?? ''})`);
        }
        return;
      case 'call':
        if (!neuron.functions.some((f) => f.name === n.name) && !neuron.globalFunctions.includes(n.name) && !BUILTIN_NAMES.has(n.name)) {
          fail(`unknown function '${n.name}'`, where, text, n.name);
        }
        return;
      default:
        return;
    }
  });
  return { condition, mode };
}
