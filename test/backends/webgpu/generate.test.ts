// WGSL generation without a GPU: the strategies chosen per projection and the refusals of what the
// webgpu backend does not support yet (runs everywhere, unlike webgpu.test.ts).
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Synapse, NetworkError } from '../../../src/index.js';
import { buildLayout, generateWgsl, historyLengths } from '../../../src/backends/webgpu/generate.js';
import type { EngineInput } from '../../../src/runtime/engine.js';

/** Compiles `net` on js (which allocates the state arrays) and generates its WGSL. */
async function wgsl(net: Network, cpu = false) {
  await net.compile({ backend: 'js' });
  const plan = net.plan!;
  const input = {
    plan, state: { populations: net.populations.map((p) => p.state), projections: net.projections.map((p) => p.state) },
    switches: net.projections, networkId: net.id,
    constants: new Float64Array(plan.constants.length), enabled: new Uint8Array(net.populations.length).fill(1),
    hooks: { active: false, recordTargets() {}, afterNeurons() {}, record() {} },
  } as unknown as EngineInput;
  return generateWgsl(plan, buildLayout(input, historyLengths(plan), 64), { cpu });
}

const Rate = new Neuron({ equations: 'r = sum(exc)' });
const Spiking = new Neuron({ equations: 'v = v + 1 + g_exc\n g_exc = 0.0', spike: 'v > 3', reset: 'v = 0' });

describe('webgpu WGSL generation', () => {
  it('rate sums: a workgroup per long row on GPUs, an invocation per row on CPU adapters', async () => {
    const build = () => {
      const net = new Network();
      const a = net.create(200, Rate), b = net.create(10, Rate);
      net.connect(a, b, 'exc').connectAllToAll(0.1);
      return net;
    };
    const gpu = await wgsl(build(), false);
    const cpu = await wgsl(build(), true);
    const k = (g: typeof gpu) => g.modules[g.kernels.findIndex((x) => x.name === 'proj0_transmit')];
    expect(k(gpu)).toContain('workgroupBarrier');
    expect(k(cpu)).not.toContain('workgroupBarrier');
  });

  it('spike propagation: a workgroup per spiking row (at most 10: dispatched directly, its count read from its slot), float atomic adds into g_target', async () => {
    const net = new Network();
    const p = net.create(10, Spiking);
    net.connect(p, p, 'exc').connectAllToAll(1.0);
    const g = await wgsl(net);
    const j = g.kernels.findIndex((x) => x.name === 'proj0_transmit');
    expect(g.kernels[j].dispatch).toEqual({ bounded: 0, groups: 10, rows: 1 });
    expect(g.modules[j]).toContain('let nwg = vec3<u32>(IND[0], IND[1], IND[2]);');
    expect(g.modules[j]).toContain('if (wid.x >= nwg.x || wid.y >= nwg.y) { return; }');
    expect(g.modules[j]).toContain('array<atomic<u32>>');
    expect(g.modules[j]).toMatch(/nx_addf\(\d+ \+ rk_post, /);
    expect(g.kernels.some((x) => x.name === 'prep_transmission' && x.writesIndirect)).toBe(true);
  });

  it('refuses what it cannot do exactly, naming the model and the feature', async () => {
    const net2 = new Network();
    const q = net2.create(4, Spiking);
    net2.connect(q, q, 'exc', new Synapse({ preSpike: 'g_target += w\n post.v = 0.0' }), { name: 'reset-post' }).connectAllToAll(1.0);
    await expect(wgsl(net2)).rejects.toThrow(NetworkError);
    await expect(wgsl(net2)).rejects.toThrow(/projection 'reset-post' \(pre_spike\)/);
  });
});
