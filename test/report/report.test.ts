// report(): Markdown and LaTeX descriptions of a network.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, Neuron, Synapse, Uniform } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'neurarchy-report-'));

function network() {
  const net = new Network({ seed: 3, dt: 0.5 });
  const LIF = new Neuron({
    name: 'LIF',
    parameters: 'tau = 20.0 : population\n v_th = -50.0',
    equations: 'tau * dv/dt = -70.0 - v + g_exc',
    spike: 'v > v_th',
    reset: 'v = -70.0',
    refractory: 2.0,
  });
  const Leaky = new Neuron({ name: 'Leaky', parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = sum(exc)' });
  const Oja = new Synapse({ name: 'Oja', parameters: 'tau = 100.0 : projection\n alpha = 8.0', equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w' });
  const exc = net.create(50, LIF, { name: 'Excitatory' });
  const rate = net.create([4, 5], Leaky, { name: 'RateLayer' });
  net.connect(exc, exc, 'exc', undefined, { name: 'Recurrent' }).connectFixedProbability({ probability: 0.2, weights: new Uniform(0, 1), delays: 2.0 });
  net.connect(rate, rate, 'exc', Oja, { name: 'Hebbian' }).connectAllToAll({ weights: 0.5 });
  return net;
}

describe('report', () => {
  it('writes Markdown with populations, projections, equations as math and parameters', async () => {
    const net = network();
    const file = join(dir, 'model.md');
    await net.report({ filename: file });
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    for (const name of ['Excitatory', 'RateLayer', 'Recurrent', 'Hebbian', 'LIF', 'Leaky', 'Oja']) expect(text).toContain(name);
    expect(text).toContain('Excitatory → Excitatory');
    expect(text).toMatch(/\\tau \\cdot \\frac\{dv\}\{dt\} = /); // tau * dv/dt rendered
    expect(text).toMatch(/\\frac\{dw\}\{dt\}/);
    expect(text).toMatch(/\| \$\\tau\$ \| 20 \| global \|/);
    expect(text).toMatch(/\| Hebbian \| RateLayer → RateLayer \| exc \| Oja \| all-to-all: density [\d.]+ %, delay 1 steps \| 380 \| w = 0.5 \|/); // all-to-all, no self-connections
    expect(text).toContain('$$\nv > v_{\\mathrm{th}}\n$$');
  });

  it('writes LaTeX with the same content', async () => {
    const net = network();
    await net.compile();
    const file = join(dir, 'model.tex');
    const text = await net.report({ filename: file });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(text).toMatch(/^\\documentclass\{article\}/);
    expect(text).toContain('\\end{document}');
    for (const name of ['Excitatory', 'RateLayer', 'Recurrent', 'Hebbian']) expect(text).toContain(name);
    expect(text).toMatch(/\\begin\{equation\*\}\n\\tau \\cdot \\frac\{dv\}\{dt\} = /);
    expect(text).toContain('v > v_{\\mathrm{th}}');
  });
});
