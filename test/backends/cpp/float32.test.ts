// The cpp backend with precision 'float32' (ANNarchy's precision='float') against js: the float
// attributes and the weights are float32 on both (`nx_f32` elements in C: read as doubles, rounded to
// the nearest float when written; Float32Arrays in js), every expression computed in float64, so the
// two hold the same bits — every array of every network of the shared conformance suite, after each
// chunk, on 1 and 2 threads. Plain `float` elements would compute float × float in float32 and differ.
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Uniform } from '../../../src/index.js';
import {
  conform, rateNetwork, spikingNetwork, timedNetwork, drawsNetwork, axonNetwork, lateNetwork, poissonNetwork, type Builder,
} from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

/** `build` with precision 'float32'. */
const float32 = (build: Builder): Builder => (backend) => {
  const b = build(backend);
  b.net.config({ precision: 'float32' });
  return b;
};

/** The float attributes are Float32Arrays on both sides (int and bool attributes keep float64). */
function expectFloat32(...nets: Network[]): void {
  for (const net of nets) {
    for (const p of net.projections) if (p.state.has('w')) expect(p.state.get('w'), `${p.name}.w`).toBeInstanceOf(Float32Array);
    for (const p of net.populations) {
      for (const a of p.description.attributes) {
        expect(p.state.get(a.name), `${p.name}.${a.name}`).toBeInstanceOf(a.type === 'float' ? Float32Array : Float64Array);
      }
    }
  }
}

const NETWORKS: [string, Builder, number, number][] = [
  ['random draws of every distribution, logic, mean operation', drawsNetwork, 25, 2],
  ['rate-coded: Oja, delays (uniform, per synapse, changed), global operations, functions', rateNetwork, 40, 3],
  ['Poisson inputs (four at a time: nx_v4 of float32 rates)', poissonNetwork, 30, 2],
  ['spiking: refractory, noise, spike delays, STDP from Poisson input, SpikeSourceArray', spikingNetwork, 30, 2],
  ['TimedArray and TimedPoissonPopulation', timedNetwork, 30, 2],
  ['axonal spikes', axonNetwork, 30, 2],
  ['projections created and delays changed late', lateNetwork, 30, 2],
];

describe.skipIf(!compiler)("cpp with precision 'float32': bit-identical to js", () => {
  it.each(NETWORKS)('%s (1 thread)', async (_what, build, ms, chunks) => {
    const { js, other } = await conform('cpp', { directory }, float32(build), ms, chunks);
    expectFloat32(js.net, other.net);
    expect(other.net.source).toContain('nx_f32');
  });

  it.each(NETWORKS.slice(1, 4))('%s (2 threads)', async (_what, build, ms, chunks) => {
    await conform('cpp', { directory, numThreads: 2 }, float32(build), ms, chunks);
  });
});

describe.skipIf(!compiler)('cpp dense rows: groups of four as one nx_v4d step', () => {
  it.each(['float64', 'float32'] as const)('%s: the lanes are the four partial sums (js bits), and the source shows the step', async (precision) => {
    // 14 neurons, all-to-all without self: whole groups on both sides of the own rank, and tails.
    const build: Builder = (backend) => {
      const net = new Network({ seed: 3, backend, dt: 1, precision });
      const pop = net.create(14, new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dx/dt + x = sum(exc) + 0.3\n r = tanh(x)' }));
      pop.x = Array.from({ length: 14 }, (_, i) => Math.sin(i + 0.5));
      net.connect(pop, pop, 'exc').connectAllToAll({ weights: new Uniform(-0.4, 0.4) });
      return { net };
    };
    const { other } = await conform('cpp', { directory }, build, 20, 2);
    expect(other.net.plan!.projections[0].denseRows).toBe('all-but-self');
    expect(other.net.source).toContain('_sv += nx_v4(&');
  });
});
