// What a Jupyter kernel (Deno's) shows for neurarchy's objects: the MIME bundle of Symbol.for('Jupyter.display').
import { describe, it, expect } from 'vitest';
import { Network, Neuron, figure, rasterPlotSvg, JUPYTER_DISPLAY } from '../../src/index.js';

type Shown = { [JUPYTER_DISPLAY](): Record<string, string> };
const show = (x: unknown): Record<string, string> => (x as Shown)[JUPYTER_DISPLAY]();

describe('notebook display', () => {
  it('figure() shows an SVG plot inline', () => {
    const svg = rasterPlotSvg({ times: [1, 2], ranks: [0, 1] });
    const bundle = show(figure(svg));
    expect(bundle['image/svg+xml']).toBe(svg);
    expect(String(figure(svg))).toBe(svg);
    expect(() => figure(5 as never)).toThrow(/figure\(\): give the SVG string .*got number 5/);
    expect(() => figure('hello')).toThrow(/got the string "hello"/);
  });

  it('populations, projections, monitors and networks show a summary', async () => {
    const net = new Network({ dt: 0.5, seed: 1 });
    const pop = net.create([4, 5], new Neuron({ name: 'Leaky', parameters: 'tau = 10.0', equations: 'tau * dr/dt = -r + sum(exc)' }), { name: 'layer' });
    const proj = net.connect(pop, pop, 'exc');
    expect(show(proj)['text/plain']).toMatch(/not connected yet/);
    proj.connectOneToOne({ weights: 1 });
    const m = net.monitor(pop, 'r');
    expect(show(pop)['text/plain']).toBe("Population 'layer'\n  neurons: 20 (geometry 4 × 5)\n  model: Leaky (rate-coded)\n  parameters: tau\n  variables: r");
    expect(show(pop)['text/html']).toContain('<td>20 (geometry 4 × 5)</td>');
    expect(show(proj)['text/plain']).toMatch(/layer → layer \(target exc\)[^]*20 on 20 dendrites/);
    expect(show(m)['text/plain']).toMatch(/Monitor of layer\n  records: r\n  period: 0.5 ms/);
    await net.compile();
    await net.simulate(2);
    expect(show(net)['text/plain']).toMatch(/populations: layer \(20\)[^]*compiled, step 4 \(t = 2\.000 ms\)/);
  });
});
