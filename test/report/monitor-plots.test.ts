// Plots straight from monitors.
import { describe, it, expect } from 'vitest';
import { Network, Neuron, monitorRasterSvg, monitorTracesSvg } from '../../src/index.js';

describe('monitor plots', () => {
  it('raster and traces from a monitor, without emptying it', async () => {
    const net = new Network({ seed: 1 });
    const p = net.create(5, new Neuron({ parameters: 'I = 0.0', equations: 'dv/dt = I', spike: 'v > 1', reset: 'v = 0' }));
    p.I = [0.1, 0.2, 0.3, 0.4, 0.5];
    const m = net.monitor(p, ['v', 'spike']);
    await net.compile();
    await net.simulate(50);
    const raster = monitorRasterSvg(m);
    expect(raster).toMatch(/^<svg/);
    expect(raster).toContain('raster-spikes');
    const traces = monitorTracesSvg(m, 'v', [0, 4]);
    expect(traces).toContain('v[0]');
    expect(traces).toContain('v[4]');
    expect((m.get('v') as Float64Array[]).length).toBe(50);
    expect(() => monitorTracesSvg(m, 'u')).toThrow(/does not record 'u'/);
  });
});
