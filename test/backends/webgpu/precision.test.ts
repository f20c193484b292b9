// precision 'float32' on webgpu, which computes in float32 in any precision: the host keeps the
// float attributes and the weights as Float32Arrays (what the device holds, uploaded and read back
// as they are), and a network runs as in precision 'float64' (whose float64 host values the upload
// rounds to the same float32s): the same spikes and trajectories, within the float32 tolerance of
// the webgpu tests (the order of the atomic additions into g_exc varies from run to run).
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Normal, Uniform } from '../../../src/index.js';
import { probe, maxRelDiff, TOL } from './helpers.js';

const available = await probe('test/backends/webgpu/precision');

const COBA = new Neuron({
  parameters: 'El = -60.0 : population\nVt = -50.0 : population\ntau = 20.0 : population\nI = 20.0 : population',
  equations: 'tau * dv/dt = (El - v) + g_exc * (0.0 - v) + g_inh * (-80.0 - v) + I\n5.0 * dg_exc/dt = - g_exc\n10.0 * dg_inh/dt = - g_inh',
  spike: 'v > Vt', reset: 'v = El', refractory: 5.0,
});

async function run(precision: 'float32' | 'float64') {
  const net = new Network({ dt: 0.1, seed: 42, backend: 'webgpu', precision });
  const P = net.create(400, COBA);
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  const e = net.connect(P.slice(0, 320), P, 'exc').connectFixedProbability({ probability: 0.05, weights: new Uniform(0.2, 0.5), delays: new Uniform(0.1, 1.0) });
  net.connect(P.slice(320), P, 'inh').connectFixedProbability({ probability: 0.05, weights: 6, delays: 1.0 });
  const m = net.monitor(P, ['spike', 'g_exc']);
  await net.compile();
  await net.simulate(50);
  const out = {
    spikes: m.get('spike') as Record<number, number[]>, gExc: m.get('g_exc') as Float64Array[], v: Array.from(P.get('v') as Float64Array),
    w: e.flat(), types: [P.state.get('v')!.constructor.name, e.state.get('w')!.constructor.name],
  };
  net.dispose();
  return out;
}

describe.skipIf(!available)("webgpu with precision 'float32'", () => {
  it("Float32Arrays on the host; the same spikes and trajectories as in 'float64'", async () => {
    const f64 = await run('float64'), f32 = await run('float32');
    expect(f64.types).toEqual(['Float64Array', 'Float64Array']);
    expect(f32.types).toEqual(['Float32Array', 'Float32Array']);
    const count = (s: Record<number, number[]>) => Object.values(s).flat().length;
    expect(count(f32.spikes)).toBeGreaterThan(100);
    expect(Math.abs(count(f32.spikes) - count(f64.spikes))).toBeLessThanOrEqual(2);
    f64.gExc.forEach((row, s) => expect(maxRelDiff(f32.gExc[s], row), `step ${s}`).toBeLessThan(TOL));
    // The weights: float64 host values in 'float64' (the device's are their float32s), float32 ones in 'float32'.
    expect(Array.from(f32.w)).toEqual(Array.from(f64.w, Math.fround));
  });
});
