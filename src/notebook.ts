/**
 * Rich display in Jupyter notebooks with a JavaScript/TypeScript kernel (Deno's: a cell whose value
 * has a `Symbol.for('Jupyter.display')` method is shown through the MIME bundle it returns).
 * `figure(svg)` shows a plot inline; populations, projections, monitors and networks show a short
 * summary when they are a cell's value. Nothing here runs outside a notebook.
 */
import { Network } from './network/Network.js';
import { Population } from './core/Population.js';
import { Projection } from './core/Projection.js';
import { Monitor } from './core/Monitor.js';
import { esc } from './plot/svg.js';
import { NetworkError } from './errors.js';
import { describeValue } from './core/options.js';

/** The method Deno's Jupyter kernel calls on a cell's value. */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

/** A MIME bundle: MIME type → content. */
export type MimeBundle = Record<string, string>;

/** An SVG plot that a notebook shows inline (and whose `toString()` is the SVG markup). */
export class Figure {
  /** @param svg - the SVG document of a plot, shown as is. */
  constructor(readonly svg: string) {}
  /** The MIME bundle Jupyter shows: the SVG, with a short text for plain-text front ends. */
  [JUPYTER_DISPLAY](): MimeBundle { return { 'image/svg+xml': this.svg, 'text/plain': `Figure (${this.svg.length} bytes of SVG)` }; }
  /** The SVG markup. */
  toString(): string { return this.svg; }
}

/** Wraps the SVG string of a plot function (`rasterPlotSvg`, `tracesSvg`, …) so a notebook cell shows it. */
export function figure(svg: string): Figure {
  if (typeof svg !== 'string' || !/^\s*<svg[\s>]/.test(svg)) {
    throw new NetworkError(`figure(): give the SVG string of a plot function (rasterPlotSvg, tracesSvg, …), got ${describeValue(svg)}`);
  }
  return new Figure(svg);
}

/** A summary as text and as an HTML table. */
function summary(title: string, rows: [string, string][]): MimeBundle {
  const plain = [title, ...rows.map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  const html = `<table><caption style="text-align:left"><b>${esc(title)}</b></caption>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
  return { 'text/plain': plain, 'text/html': html };
}

function define<T>(cls: { prototype: T }, describe: (self: T) => MimeBundle): void {
  Object.defineProperty(cls.prototype, JUPYTER_DISPLAY, { value(this: T) { return describe(this); }, configurable: true });
}

define(Population, (p) => summary(`Population '${p.name}'`, [
  ['neurons', `${p.size} (geometry ${p.geometry.join(' × ')})`],
  ['model', `${p.neuron.name} (${p.isSpiking ? 'spiking' : 'rate-coded'})`],
  ['parameters', p.parameters.join(', ') || '—'],
  ['variables', p.variables.join(', ') || '—'],
]));

define(Projection, (p) => {
  let synapses = 'not connected yet';
  try { synapses = `${p.nbSynapses} on ${p.size} dendrites`; } catch { /* no connector called yet */ }
  return summary(`Projection '${p.name}'`, [
    ['from → to', `${p.pre.name} → ${p.post.name} (target ${p.targets.join(', ')})`],
    ['synapse', p.synapseType.name],
    ['synapses', synapses],
  ]);
});

define(Monitor, (m) => {
  const target = (m.object as { name?: string }).name ?? String(m.object);
  return summary(`Monitor of ${target}`, [
    ['records', m.variables.join(', ')],
    ['period', `${m.period} ms`],
    ['recording', m.recording ? 'yes' : (m.network as { compiled?: boolean }).compiled ? 'paused' : 'from compile()'],
  ]);
});

define(Network, (n) => summary('Network', [
  ['populations', n.populations.map((p) => `${p.name} (${p.size})`).join(', ') || '—'],
  ['projections', String(n.projections.length)],
  ['monitors', String(n.monitors.length)],
  ['dt, backend', `${n.dt} ms, ${n.backend}`],
  ['state', n.compiled ? `compiled, step ${n.currentStep} (t = ${(n.currentStep * n.dt).toFixed(3)} ms)` : 'not compiled'],
]));
