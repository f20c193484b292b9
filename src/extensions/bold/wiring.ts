/**
 * How a BoldMonitor feeds its BOLD model with the public API only (so that it runs on every
 * backend with no code of its own): the model's `sum(X)` for each input `X` is rewritten into an
 * expression of ordinary targets, and the recorded populations reach those targets through
 * all-to-all projections whose psp reads the mapped variable (`w * pre.syn`). With weights
 * `scale / size`, a projection gives `scale × mean(variable)` over the population, which is what
 * ANNarchy's `AccProjection` computes.
 *
 * - Rate-coded populations: `sum(X)` stays `sum(X)` (one target shared by every population).
 * - Spiking populations: a synapse cannot carry a spiking population's variable into a rate-coded
 *   neuron, so the BOLD neuron becomes a spiking neuron that never spikes, and its input is the
 *   continuous transmission `g_X` (Σ psp of the step, cleared after the neuron update).
 * - A population with a baseline (`normalizeInput` > 0 ms) gets its own target `X__n<k>`; the
 *   BOLD neuron averages that input over the baseline period that follows `start()` (input 0
 *   meanwhile), then receives `scale × (x − mean) / (|mean| + 1e-7)`, ANNarchy's relative deviation.
 */
import { NetworkError } from '../../errors.js';
import { Neuron } from '../../core/Neuron.js';
import type { NeuronFields } from '../../equations/spec.js';
import { equationText, sumPattern, type BoldModel } from './BoldModel.js';

/** One recorded population as the wiring sees it. */
export interface BoldSource {
  /** Index of the population in the monitor's list (names the baseline variables). */
  index: number;
  /** Weight of its signal. */
  scale: number;
  /** Baseline period in ms (0: none). */
  baseline: number;
}

/** One projection to create: from source `index` to `target`, with all-to-all weights `weight`. */
export interface BoldLink {
  index: number;
  input: string;
  variable: string;
  target: string;
  weight: number;
}

/** The neuron to instantiate and the projections that feed it. */
export interface BoldWiring {
  neuron: Neuron;
  links: BoldLink[];
  /** Source index → name of the parameter holding the end of its baseline period (ms). */
  baselineEnds: Map<number, string>;
  /** Variables to zero when a baseline period starts again. */
  baselineSums: string[];
  /** Model variables stored under another name (`r` of a model simulated as a spiking neuron). */
  renamed: Map<string, string>;
}

/** The parameter that ends the baseline of source `index`. */
export const baselineEnd = (index: number): string => `bl_end_${index}`;

/**
 * Rewrites `model` for the given sources (`kind`: what the recorded populations are) and lists the
 * projections. `sizes[i]` is the size of source i.
 */
export function wireBoldModel(model: BoldModel, mapping: Record<string, string>, sources: BoldSource[], sizes: number[], kind: 'rate' | 'spike'): BoldWiring {
  const where = `BoldMonitor (model '${model.name}')`;
  const spec = model.spec as NeuronFields;
  let equations = equationText(spec.equations);
  const extraParameters: string[] = [];
  const extraEquations: string[] = [];
  const links: BoldLink[] = [];
  const baselineEnds = new Map<number, string>();
  const baselineSums: string[] = [];
  const read = (target: string) => (kind === 'rate' ? `sum(${target})` : `g_${target}`);

  for (const input of model.inputs) {
    const variable = mapping[input];
    const terms: string[] = [];
    if (variable !== undefined) {
      const plain = sources.filter((s) => s.baseline === 0);
      if (plain.length > 0) terms.push(read(input));
      for (const s of plain) links.push({ index: s.index, input, variable, target: input, weight: s.scale / sizes[s.index] });
      for (const s of sources.filter((x) => x.baseline > 0)) {
        const target = `${input}__n${s.index}`;
        const [x, sum, n, mean, out] = ['in', 'sum', 'n', 'mean', 'out'].map((p) => `bl_${p}_${input}_${s.index}`);
        const end = baselineEnd(s.index);
        if (!baselineEnds.has(s.index)) { baselineEnds.set(s.index, end); extraParameters.push(`${end} = -1.0 : population`); }
        extraEquations.push(
          `${x} = ${read(target)}`,
          `${sum} = if t < ${end}: ${sum} + ${x} else: ${sum} : init=0`,
          `${n} = if t < ${end}: ${n} + 1 else: ${n} : init=0`,
          `${mean} = ${sum} / max(${n}, 1)`,
          `${out} = if t < ${end}: 0.0 else: ${s.scale} * (${x} - ${mean}) / (fabs(${mean}) + 1e-7)`,
        );
        baselineSums.push(sum, n);
        terms.push(out);
        links.push({ index: s.index, input, variable, target, weight: 1 / sizes[s.index] });
      }
    }
    const expression = terms.length === 0 ? '0.0' : terms.length === 1 ? terms[0] : `(${terms.join(' + ')})`;
    equations = equations.replace(sumPattern(input), expression);
  }

  const definesR = /^\s*r\s*(=|:)|^\s*(\w+\s*\*\s*)?dr\s*\/\s*dt/m.test(equationText(spec.equations));
  // The equation language wants a rate-coded neuron to define r (what projections read by default);
  // BOLD models have none and nothing reads it, so a constant stands in.
  const placeholder = kind === 'rate' && !definesR ? ['r = 0.0'] : [];
  const fields: NeuronFields = { ...spec, equations: [...extraEquations, equations, ...placeholder].join('\n') };
  if (extraParameters.length > 0) fields.parameters = joinParameters(spec.parameters, extraParameters, where);
  const renamed = new Map<string, string>();
  if (kind === 'spike') {
    if (definesR || hasParameter(spec.parameters, 'r')) {
      // Spiking neurons reserve 'r' (their firing rate); balloon_two_inputs calls its oxygen
      // metabolism r. The model's r becomes r_bold, and BoldMonitor translates the name back.
      const inModel = `${equationText(spec.equations)}\n${typeof spec.parameters === 'string' ? spec.parameters : ''}`;
      if (/\br_bold\b/.test(inModel) || (spec.parameters && typeof spec.parameters === 'object')) {
        throw new NetworkError(`${where}: the recorded populations are spiking, so the BOLD neuron is simulated as a spiking neuron that never spikes, `
          + `and spiking neurons reserve 'r' for their firing rate; rename the model's variable 'r'`);
      }
      const rename = (text: string) => text.replace(/\bdr(\s*\/\s*dt)\b/g, 'dr_bold$1').replace(/\br\b(?!\s*\()/g, 'r_bold');
      fields.equations = rename(fields.equations as string);
      if (typeof fields.parameters === 'string') fields.parameters = rename(fields.parameters);
      renamed.set('r', 'r_bold');
    }
    // A spiking neuron that never spikes: its input arrives as continuous transmission into g_X.
    fields.spike = 't < -1.0';
  }
  return { neuron: new Neuron({ ...fields, name: model.name } as never), links, baselineEnds, baselineSums, renamed };
}

function hasParameter(parameters: NeuronFields['parameters'], name: string): boolean {
  if (parameters === undefined) return false;
  if (typeof parameters === 'string') return new RegExp(`^\\s*${name}\\s*=`, 'm').test(parameters);
  return Object.prototype.hasOwnProperty.call(parameters, name);
}

function joinParameters(parameters: NeuronFields['parameters'], extra: string[], where: string): NeuronFields['parameters'] {
  if (parameters === undefined) return extra.join('\n');
  if (typeof parameters === 'string') return `${parameters}\n${extra.join('\n')}`;
  const out: Record<string, number | boolean> = { ...parameters };
  for (const line of extra) {
    const [name, value] = line.split('=').map((s) => s.trim());
    if (name in out) throw new NetworkError(`${where}: the model already has a parameter '${name}', which the baseline normalisation needs`);
    out[name] = Number.parseFloat(value);
  }
  return out;
}
