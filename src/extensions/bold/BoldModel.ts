/**
 * `BoldModel`: a rate-coded neuron that turns neural activity into a BOLD signal (ANNarchy's
 * `ANNarchy.extensions.bold.BoldModel`). It is an ordinary {@link Neuron} written in the equation
 * language, plus the names of its inputs (the targets whose `sum(target)` it reads, e.g. `I_CBF`)
 * and of its output variables (recorded by default, e.g. `BOLD`). A {@link BoldMonitor} simulates
 * one neuron of it, fed by the recorded populations.
 */
import { EquationError } from '../../errors.js';
import { Neuron } from '../../core/Neuron.js';
import { checkOptions, optionKeys } from '../../core/options.js';
import type { NeuronSpec } from '../../equations/spec.js';

/** The fields of a {@link BoldModel}: a rate-coded neuron's, plus its inputs and outputs. */
export interface BoldModelSpec {
  /** Parameters, as for a Neuron (multi-line string or dictionary). */
  parameters?: NeuronSpec['parameters'];
  /** Equations, as for a Neuron; each input `X` is read as `sum(X)`. */
  equations: NeuronSpec['equations'];
  /** The input signal(s): targets read as `sum(X)` (`'I_CBF'` or `['I_CBF', 'I_CMRO2']`). */
  inputs: string | readonly string[];
  /** The output variable(s), always recorded by the monitor (default `'BOLD'`). */
  output?: string | readonly string[];
  /** Model-local functions, as for a Neuron. */
  functions?: string;
  name?: string;
  description?: string;
}

/** The keys of {@link BoldModelSpec}. */
export const BOLD_MODEL_KEYS = optionKeys<BoldModelSpec>()(['parameters', 'equations', 'inputs', 'output', 'functions', 'name', 'description']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A BOLD model (Neuron-like, rate-coded). The built-in ones are `balloon_RN` (the default of
 * BoldMonitor), `balloon_RL`, `balloon_CN`, `balloon_CL`, `balloon_two_inputs` and
 * `balloon_maith2021`; a custom one:
 *
 * ```ts
 * const model = new BoldModel({
 *   parameters: 'tau = 1000.0',
 *   equations: `
 *     I_CBF = sum(I_CBF)
 *     tau * dBOLD/dt = I_CBF - BOLD
 *   `,
 *   inputs: 'I_CBF',
 * });
 * ```
 */
export class BoldModel extends Neuron<NeuronSpec, string> {
  /** The input targets (`sum(X)` in the equations). */
  readonly inputs: readonly string[];
  /** The output variables (recorded by every BoldMonitor of this model). */
  readonly outputs: readonly string[];

  constructor(spec: BoldModelSpec) {
    const where = `new BoldModel(${spec && typeof spec === 'object' && typeof spec.name === 'string' ? `'${spec.name}'` : ''})`;
    checkOptions(spec, BOLD_MODEL_KEYS, where, { renamed: { input: 'inputs', outputs: 'output' }, error: modelError('BoldModel') });
    if (spec === undefined || spec === null) throw new EquationError(`${where}: give { parameters, equations, inputs }`, { model: 'BoldModel' });
    const { inputs, output, ...neuron } = spec;
    super({ ...neuron, name: neuron.name ?? 'Custom BOLD model' } as never);
    const model = this.name;
    this.inputs = namesOf(inputs, 'inputs', model, true);
    this.outputs = namesOf(output ?? 'BOLD', 'output', model, false);
    if (this.isSpiking) throw new EquationError(`BoldModel '${model}' is rate-coded: remove the 'spike' field`, { model, field: 'spike' });
    const text = equationText(this.spec.equations);
    for (const input of this.inputs) {
      if (!sumPattern(input).test(text)) {
        throw new EquationError(`BoldModel '${model}': the input '${input}' is never read: the equations must contain sum(${input}) (e.g. '${input} = sum(${input})')`, { model, field: 'equations', symbol: input });
      }
    }
  }
}

/** An EquationError class for checkOptions, whose errors take only a message. */
export function modelError(model: string): new (message: string) => EquationError {
  return class extends EquationError { constructor(message: string) { super(message, { model }); } };
}

/** The equations as one string (the analysis takes either form). */
export function equationText(equations: string | readonly string[] | undefined): string {
  return equations === undefined ? '' : typeof equations === 'string' ? equations : equations.join('\n');
}

/** `sum(X)` with any spacing, as a global regular expression. */
export function sumPattern(input: string): RegExp {
  return new RegExp(`\\bsum\\s*\\(\\s*${input}\\s*\\)`, 'g');
}

function namesOf(value: unknown, field: string, model: string, required: boolean): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? [...value] : undefined;
  if (!list || (required && list.length === 0) || list.some((v) => typeof v !== 'string' || !NAME.test(v))) {
    throw new EquationError(`BoldModel '${model}': '${field}' must be a name or a list of names such as 'I_CBF', got ${JSON.stringify(value)}`, { model, field });
  }
  return list as string[];
}
