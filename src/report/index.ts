/**
 * `report()`: a description of the model as ANNarchy's `report()` writes it: populations (name,
 * size, neuron type), projections (pre → post, target, synapse, connector, number of synapses,
 * weight statistics), the neuron and synapse equations rendered as math (`exprToTex`), parameters
 * with their values, and constants. Markdown (`.md`, math between `$…$`/`$$…$$`) or LaTeX (`.tex`,
 * a standalone article). `reportMarkdown`/`reportLatex` return strings (browser-safe); `report`
 * writes a file in Node.
 */
import { expectedSynapses, proceduralDensity } from '../connectors/procedural.js';
import { checkOptions } from '../core/options.js';
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import type { Constant } from '../core/Constant.js';
import { exprToTex, nameToTex } from '../equations/printer.js';
import { splitDefinitions, parseDefinition } from '../equations/definitions.js';
import { derivativeSymbol } from '../equations/parser.js';
import type { SourceRef } from '../equations/description.js';
import { writeBytes } from '../io/files.js';

export interface ReportNetwork {
  readonly populations: Population[];
  readonly projections: Projection[];
  readonly dt: number;
  readonly constants?: Constant[];
}

/** Options of `net.report()` (ANNarchy's `report()`). */
export interface ReportOptions {
  /** Output file: `.tex` gives LaTeX, anything else Markdown. */
  filename: string;
  /** Title (default "Network description"). */
  title?: string;
}

interface Eq { tex: string; text: string }

/** Each definition of a field as TeX (falls back to the text when it does not parse). */
function equationsOf(field: string | readonly string[] | undefined, block: SourceRef['block'], model: string): Eq[] {
  const out: Eq[] = [];
  for (const def of splitDefinitions(field as string | string[] | undefined)) {
    const text = def.text.split(':')[0]!.trim();
    try {
      const d = parseDefinition(def, block, model, { next: 0 } as never);
      const st = d.statement;
      if (st.kind === 'ode') {
        const dsym = nameToTex(derivativeSymbol(st.variable));
        const lhs = exprToTex(st.lhs).split(dsym).join(`\\frac{d${nameToTex(st.variable)}}{dt}`);
        out.push({ tex: `${lhs} = ${exprToTex(st.rhs)}`, text });
      } else {
        const op = st.op === '=' ? '=' : st.op === '+=' ? '\\mathrel{+}=' : st.op === '-=' ? '\\mathrel{-}=' : st.op === '*=' ? '\\mathrel{*}=' : '\\mathrel{/}=';
        out.push({ tex: `${exprToTex(st.target)} ${op} ${exprToTex(st.value)}`, text });
      }
    } catch {
      out.push({ tex: `\\text{${tex(text)}}`, text });
    }
  }
  return out;
}

function conditionOf(field: string | undefined, block: SourceRef['block'], model: string): Eq | undefined {
  if (!field) return undefined;
  const text = field.trim();
  try {
    const d = parseDefinition({ text: `__cond = ${text}`, line: 1 }, block, model, { next: 0 } as never);
    if (d.statement.kind === 'assign') return { tex: exprToTex(d.statement.value), text };
  } catch { /* verbatim */ }
  return { tex: `\\text{${tex(text)}}`, text };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4);
}

/** min, max, mean and sd of an attribute's array, or undefined when it is absent or empty. */
function stats(obj: Population | Projection, name: string): { min: number; max: number; mean: number; sd: number } | undefined {
  const a = obj.state.get(name) as Float64Array | undefined;
  if (!a || a.length === 0) return undefined;
  let min = Infinity, max = -Infinity, sum = 0, sq = 0;
  for (const x of a) { min = Math.min(min, x); max = Math.max(max, x); sum += x; sq += x * x; }
  const mean = sum / a.length;
  return { min, max, mean, sd: Math.sqrt(Math.max(0, sq / a.length - mean * mean)) };
}

/** Value(s) of a parameter: the value, or "min … max (mean m)" when it differs between elements. */
function valueOf(obj: Population | Projection, name: string): string {
  const s = stats(obj, name);
  if (!s) return '—';
  return s.min === s.max ? fmt(s.min) : `${fmt(s.min)} … ${fmt(s.max)} (mean ${fmt(s.mean)})`;
}

function weightStats(proj: Projection): string {
  // Procedural weights are drawn at every spike: the distribution is what there is to report.
  const rule = proj.connectivity?.procedural;
  if (rule && typeof rule.weights !== 'number') return `w ~ ${String(rule.weights)}`;
  const s = stats(proj, 'w');
  if (!s) return '—';
  if (s.min === s.max) return `w = ${fmt(s.min)}`;
  return `mean ${fmt(s.mean)}, sd ${fmt(s.sd)}, min ${fmt(s.min)}, max ${fmt(s.max)}`;
}

interface ModelInfo {
  name: string;
  kind: 'neuron' | 'synapse';
  description?: string;
  type: 'rate' | 'spike';
  params: { name: string; value: string; locality: string }[];
  equations: Eq[];
  extra: { label: string; eqs: Eq[] }[];
}

function neuronInfo(pop: Population): ModelInfo {
  const spec = pop.neuron.spec;
  const name = pop.neuron.name;
  const extra: ModelInfo['extra'] = [];
  const spike = conditionOf(spec.spike, 'spike', name);
  if (spike) extra.push({ label: 'Spike condition', eqs: [spike] });
  const reset = equationsOf(spec.reset, 'reset', name);
  if (reset.length) extra.push({ label: 'Reset', eqs: reset });
  if (spec.refractory !== undefined) extra.push({ label: 'Refractory period', eqs: [{ tex: `${typeof spec.refractory === 'number' ? fmt(spec.refractory) : nameToTex(spec.refractory)}\\ \\mathrm{ms}`, text: `${spec.refractory} ms` }] });
  return {
    name, kind: 'neuron', description: spec.description, type: pop.description.type,
    params: pop.description.attributes.filter((a) => a.role === 'parameter').map((a) => ({ name: a.name, value: valueOf(pop, a.name), locality: a.locality })),
    equations: equationsOf(spec.equations, 'equations', name), extra,
  };
}

function synapseInfo(proj: Projection): ModelInfo {
  const spec = proj.synapseType.spec;
  const name = proj.synapseType.name;
  const extra: ModelInfo['extra'] = [];
  if (spec.psp) extra.push({ label: 'PSP', eqs: [conditionOf(spec.psp, 'psp', name)!] });
  const pre = equationsOf(spec.preSpike, 'pre_spike', name);
  if (pre.length) extra.push({ label: 'Pre-synaptic event', eqs: pre });
  const post = equationsOf(spec.postSpike, 'post_spike', name);
  if (post.length) extra.push({ label: 'Post-synaptic event', eqs: post });
  return {
    name, kind: 'synapse', description: spec.description, type: proj.description.type,
    params: proj.description.attributes.filter((a) => a.role === 'parameter' && a.name !== 'w').map((a) => ({ name: a.name, value: valueOf(proj, a.name), locality: a.locality })),
    equations: equationsOf(spec.equations, 'equations', name), extra,
  };
}

function synapseCount(proj: Projection): string {
  const rule = proj.connectivity?.procedural;
  // Not stored: the expected number.
  if (rule) return `≈ ${expectedSynapses(rule)} (procedural)`;
  return String(proj.connectivity ? proj.nbSynapses : 0);
}
/** The connector's name (when the projection was connected by one, not loaded), density and delays. */
function connectorOf(proj: Projection): string {
  const c = proj.connectivity;
  if (!c) return 'not connected';
  const density = c.procedural ? proceduralDensity(c.procedural) : c.preRanks.length / (proj.pre.size * proj.post.size);
  const d = typeof c.delaySteps === 'number' ? `delay ${c.delaySteps} steps` : `delays up to ${c.maxDelay} steps`;
  return `${proj.connector ? `${proj.connector}: ` : ''}density ${fmt(100 * density)} %, ${d}`;
}

/** Models used by the network, each once. */
function models(net: ReportNetwork): ModelInfo[] {
  const seen = new Map<string, ModelInfo>();
  for (const p of net.populations) if (!seen.has(`n:${p.neuron.name}`)) seen.set(`n:${p.neuron.name}`, neuronInfo(p));
  for (const p of net.projections) if (!seen.has(`s:${p.synapseType.name}`)) seen.set(`s:${p.synapseType.name}`, synapseInfo(p));
  return [...seen.values()];
}

const md = (s: string) => s.replace(/\|/g, '\\|');

/** The report as Markdown. */
export function reportMarkdown(net: ReportNetwork, options: { title?: string } = {}): string {
  checkOptions(options, ['title'], 'reportMarkdown()');
  const L: string[] = [`# ${options.title ?? 'Network description'}`, '', `Step size: dt = ${fmt(net.dt)} ms.`, ''];
  L.push('## Populations', '', '| Population | Size | Neuron type | Kind |', '|---|---|---|---|');
  for (const p of net.populations) L.push(`| ${md(p.name)} | ${p.size} (${p.geometry.join('×')}) | ${md(p.neuron.name)} | ${p.description.type === 'spike' ? 'spiking' : 'rate-coded'} |`);
  L.push('', '## Projections', '', '| Projection | Pre → post | Target | Synapse type | Connectivity | Synapses | Weights |', '|---|---|---|---|---|---|---|');
  for (const p of net.projections) {
    L.push(`| ${md(p.name)} | ${md(p.pre.population.name)} → ${md(p.post.population.name)} | ${p.targets.join(', ')} | ${md(p.synapseType.name)} | ${md(connectorOf(p))} | ${synapseCount(p)} | ${weightStats(p)} |`);
  }
  const consts = net.constants ?? [];
  if (consts.length) {
    L.push('', '## Constants', '', '| Constant | Value |', '|---|---|');
    for (const c of consts) L.push(`| ${md(c.name)} | ${fmt(c.value)} |`);
  }
  for (const m of models(net)) {
    L.push('', `## ${m.kind === 'neuron' ? 'Neuron' : 'Synapse'} ${m.name}`, '');
    if (m.description) L.push(m.description, '');
    if (m.params.length) {
      L.push('Parameters:', '', '| Parameter | Value | Locality |', '|---|---|---|');
      for (const p of m.params) L.push(`| $${nameToTex(p.name)}$ | ${p.value} | ${p.locality} |`);
      L.push('');
    }
    if (m.equations.length) {
      L.push('Equations:', '');
      for (const e of m.equations) L.push('$$', e.tex, '$$', '');
    }
    for (const x of m.extra) {
      L.push(`${x.label}:`, '');
      for (const e of x.eqs) L.push('$$', e.tex, '$$', '');
    }
  }
  return L.join('\n') + '\n';
}

const tex = (s: string) => s.replace(/[\\{}_^&%$#]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`));

/** The report as a standalone LaTeX document. */
export function reportLatex(net: ReportNetwork, options: { title?: string } = {}): string {
  checkOptions(options, ['title'], 'reportLatex()');
  const L: string[] = [
    '\\documentclass{article}', '\\usepackage{amsmath}', '\\usepackage[utf8]{inputenc}', '\\usepackage{longtable}',
    `\\title{${tex(options.title ?? 'Network description')}}`, '\\date{}', '\\begin{document}', '\\maketitle', '',
    `Step size: $dt = ${fmt(net.dt)}$ ms.`, '', '\\section{Populations}',
    '\\begin{longtable}{llll}', '\\hline Population & Size & Neuron type & Kind \\\\ \\hline',
  ];
  for (const p of net.populations) L.push(`${tex(p.name)} & ${p.size} & ${tex(p.neuron.name)} & ${p.description.type === 'spike' ? 'spiking' : 'rate-coded'} \\\\`);
  L.push('\\hline', '\\end{longtable}', '', '\\section{Projections}', '\\begin{longtable}{lllllll}',
    '\\hline Projection & Pre $\\rightarrow$ post & Target & Synapse & Connectivity & Synapses & Weights \\\\ \\hline');
  for (const p of net.projections) {
    L.push(`${tex(p.name)} & ${tex(p.pre.population.name)} $\\rightarrow$ ${tex(p.post.population.name)} & ${tex(p.targets.join(', '))} & ${tex(p.synapseType.name)} & ${tex(connectorOf(p))} & ${synapseCount(p)} & ${tex(weightStats(p))} \\\\`);
  }
  L.push('\\hline', '\\end{longtable}');
  const consts = net.constants ?? [];
  if (consts.length) {
    L.push('', '\\section{Constants}', '\\begin{tabular}{ll}', '\\hline Constant & Value \\\\ \\hline');
    for (const c of consts) L.push(`${tex(c.name)} & ${fmt(c.value)} \\\\`);
    L.push('\\hline', '\\end{tabular}');
  }
  for (const m of models(net)) {
    L.push('', `\\section{${m.kind === 'neuron' ? 'Neuron' : 'Synapse'} ${tex(m.name)}}`);
    if (m.description) L.push(tex(m.description), '');
    if (m.params.length) {
      L.push('\\subsection*{Parameters}', '\\begin{tabular}{lll}', '\\hline Parameter & Value & Locality \\\\ \\hline');
      for (const p of m.params) L.push(`$${nameToTex(p.name)}$ & ${tex(p.value)} & ${p.locality} \\\\`);
      L.push('\\hline', '\\end{tabular}');
    }
    if (m.equations.length) {
      L.push('\\subsection*{Equations}');
      for (const e of m.equations) L.push('\\begin{equation*}', e.tex, '\\end{equation*}');
    }
    for (const x of m.extra) {
      L.push(`\\subsection*{${tex(x.label)}}`);
      for (const e of x.eqs) L.push('\\begin{equation*}', e.tex, '\\end{equation*}');
    }
  }
  L.push('', '\\end{document}');
  return L.join('\n') + '\n';
}

/** Writes the report (Node): LaTeX for `.tex`, Markdown otherwise. Returns the text written. */
export async function report(net: ReportNetwork, options: ReportOptions): Promise<string> {
  const text = options.filename.toLowerCase().endsWith('.tex') ? reportLatex(net, { title: options.title }) : reportMarkdown(net, { title: options.title });
  await writeBytes(options.filename, text);
  return text;
}
