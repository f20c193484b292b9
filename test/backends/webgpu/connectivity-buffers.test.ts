// The connectivity buffers (src/backends/webgpu/memory.ts `GroupBuffer`, `C<n>`): the large
// connectivity arrays live in read-only bindings beside F, I and A (as many as the kernels' storage
// buffers allow: 4 at WebGPU's default of 8), so that a network whose connectivity exceeds one
// binding (2 GiB on NVIDIA's Vulkan driver: the full microcircuit's 3.9 GB) still runs. With the
// binding limit lowered, COBA's arrays spread over several buffers and the network must compute
// exactly what it computes with all of them in one (same adapter, same kernels, same bits); more
// than the buffers allow is refused at compile() naming the array and the projection. (Arrays
// larger than one binding, and float arrays: float-buffers.test.ts.)
import { describe, it, expect, afterEach } from 'vitest';
import { buildCOBA } from '../../../bench/lib/spiking.js';
import { bindingLimit } from '../../../src/backends/webgpu/build.js';
import type { WebGpuEngine } from '../../../src/backends/webgpu/engine.js';
import { Layout } from '../../../src/backends/webgpu/memory.js';
import { probe } from './helpers.js';

const available = await probe('test/backends/webgpu/connectivity-buffers');
afterEach(() => { delete bindingLimit.bytes; });

async function run(limit: number | undefined) {
  if (limit === undefined) delete bindingLimit.bytes;
  else bindingLimit.bytes = limit;
  const b = buildCOBA({ N: 2000, backend: 'webgpu' });
  await b.net.compile({ backend: 'webgpu' });
  await b.net.simulate(50);
  const source = (b.net.engine as WebGpuEngine).source;
  const out = { spikes: b.monitor.get('spike'), v: Array.from(b.pop.v as Float64Array), g: Array.from(b.pop.g_exc as Float64Array), source };
  b.net.dispose();
  return out;
}

/** Connectivity buffers the kernels read. */
const used = (source: string) => ['C0', 'C1', 'C2', 'C3'].filter((c) => source.includes(`${c}[`));

describe.skipIf(!available)('webgpu: connectivity in several storage buffers', () => {
  it('COBA 2000 spread over several buffers computes the same bits as in one', async () => {
    const one = await run(undefined);
    expect(used(one.source)).toEqual(['C0']);
    // The largest array: the excitatory rows' synapse indices, 1600 × 2000 × 0.04 ≈ 128 000 × 4 bytes.
    const spread = await run(600_000);
    expect(used(spread.source).length).toBeGreaterThanOrEqual(2);
    expect(spread.spikes).toEqual(one.spikes);
    expect(spread.v).toEqual(one.v);
    expect(spread.g).toEqual(one.g);
    expect(Object.values(one.spikes).reduce((n, l) => n + l.length, 0)).toBeGreaterThan(100);
  });

  it('connectivity that needs more buffers than a kernel binds is refused naming the array, the projection and the limit', async () => {
    // An array larger than a binding is cut into pieces (memory.ts `Layout`): here too many for the buffers of a kernel.
    await expect(run(100_000)).rejects.toThrow(/needs more storage buffers than this GPU binds in one kernel \(maxStorageBuffersPerShaderStage \d+: F, I, A, the indirect arguments and \d+ buffers of at most 100000 bytes each.*\); the array '_\w+' of projection '[^']+' \(\d+ bytes( in this piece)?\) fits in none: use procedural connectivity/);
  });

  it('arrays go to the first buffer with room; past four buffers a NetworkError names the array', () => {
    const L = new Layout({ separate: (owner) => owner === 'proj', groupElements: 10, describe: (_o, id) => `projection 'p${id}'` });
    const place = (id: number, n: number) => L.add('proj', id, '_pre_rank', 'i', n);
    expect([place(0, 8), place(1, 8), place(2, 2), place(3, 8), place(4, 8)].map((r) => [r.buf, r.offset])).toEqual([['C0', 0], ['C1', 0], ['C0', 8], ['C2', 0], ['C3', 0]]);
    expect(L.add('pop', 0, 'v', 'f', 3).buf).toBe('F');
    expect(L.add('proj', 9, '_pre_rank', 'i', 1).buf).toBe('C1'); // a small one still fits
    expect(L.int('proj', 9, '_pre_rank', 'k')).toBe('C1[8 + k]');
    expect(() => L.off('proj', 9, '_pre_rank')).toThrow(/lives in C1: read it with Layout.int/);
    expect(() => place(5, 8)).toThrow(/needs more storage buffers than this GPU binds in one kernel \(maxStorageBuffersPerShaderStage 8: F, I, A, the indirect arguments and 4 buffers of at most 40 bytes each .*C3 32\); the array '_pre_rank' of projection 'p5' \(32 bytes\) fits in none/);
    expect(() => place(6, 11)).toThrow(/the array '_pre_rank' of projection 'p6' needs 44 bytes, more than this GPU's storage buffer limit \(40 bytes\)/);
  });
});
