// Compact static projections on cpp (issue 19, synapse memory): where the spike walk reads only its
// pre-major copies (post ranks and weights, `N->inv`), the engine frees the post-major synapse
// arrays (`_pre_rank`, `w`, `_syn_dendrite`, `_inv_idx`) after each prepare and writes them back
// (`nx_restore`) on the first read. Everything a user or the runtime reads must be what js holds,
// bit for bit, before and after the arrays were freed, read, written and freed again.
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { Network, Uniform, type BackendName } from '../../../src/index.js';
import { SynapseState } from '../../../src/core/synapse-state.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import { RESTORED_ARRAYS } from '../../../src/backends/cpp/projection.js';
import { conform, expectIdentical, snapshot } from '../../helpers/conformance.js';
import { directory, plastic, Stdp } from './post-range-fixtures.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp/compact: no g++ or clang++ found, skipped');

/** Poisson → LIF (p 0.2) and LIF → LIF (p 0.1), static synapses with per-synapse weights. */
const staticNet = plastic(undefined as never, undefined as never);

/** Whether the projection's post-major arrays are out of its state map now (read without putting them back). */
const freed = (net: Network, name: string) => {
  const st = net.projections.find((p) => p.name === name)!.state as SynapseState;
  return st.deferred && RESTORED_ARRAYS.every((n) => st.peek(n) === undefined);
};

/** Every spike of the LIF population as one sorted list of `t:rank`. */
function spikes(m: ReturnType<Network['monitor']>): string[] {
  return Object.entries(m.get('spike') as Record<string, number[]>).flatMap(([r, ts]) => ts.map((t) => `${t}:${r}`)).sort();
}

describe.skipIf(!compiler)('cpp backend: compact static projections', () => {
  it.each([1, 2])('%i thread(s): freed after compile, the js bits after reads, writes and further runs', async (threads) => {
    const js = staticNet('js'), cpp = staticNet('cpp');
    const mj = js.net.monitor(js.net.populations[1], ['spike']), mc = cpp.net.monitor(cpp.net.populations[1], ['spike']);
    await js.net.compile();
    await cpp.net.compile({ backend: 'cpp', directory, numThreads: threads });
    await js.net.simulate(30);
    await cpp.net.simulate(30);
    expect(freed(cpp.net, 'ff') && freed(cpp.net, 'rec')).toBe(true);
    // Counting synapses reads the row pointers, not the freed pre ranks.
    expect(cpp.net.projections.map((p) => p.nbSynapses)).toEqual(js.net.projections.map((p) => p.nbSynapses));
    expect(freed(cpp.net, 'ff')).toBe(true);
    // Reads put the arrays back, exactly.
    for (const [a, b] of js.net.projections.map((p, i) => [p, cpp.net.projections[i]] as const)) {
      expect(Array.from(b.flat())).toEqual(Array.from(a.flat()));
      expect(b.preRanks).toEqual(a.preRanks);
    }
    expect(freed(cpp.net, 'ff')).toBe(false);
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after 30 ms');
    // A write: the walk's copies are rebuilt from it, then the arrays are freed again.
    for (const net of [js.net, cpp.net]) {
      const ff = net.projections[0];
      ff.set({ w: ff.get('w') as Float64Array[] });
      ff.dendrite(ff.postRanks[3]).set({ w: 0.04 });
      ff.set({ w: (ff.get('w') as Float64Array[]).map((row) => row.map((x) => 1.5 * x)) });
    }
    await js.net.simulate(30);
    await cpp.net.simulate(30);
    expect(freed(cpp.net, 'ff')).toBe(true);
    const sj = spikes(mj);
    expect(spikes(mc)).toEqual(sj);
    expect(sj.length).toBeGreaterThan(100);
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after the write and 30 ms more');
  });

  it('saved and loaded while freed: the same file content as js, and the same run after load()', async () => {
    const js = staticNet('js'), cpp = staticNet('cpp');
    await js.net.compile();
    await cpp.net.compile({ backend: 'cpp', directory });
    await js.net.simulate(20);
    await cpp.net.simulate(20);
    expect(freed(cpp.net, 'rec')).toBe(true);
    const fj = path.join(os.tmpdir(), `neurarchy-compact-${process.pid}-js.json`), fc = fj.replace('-js.', '-cpp.');
    await js.net.save(fj);
    await cpp.net.save(fc);
    expect(freed(cpp.net, 'rec')).toBe(false); // save() read the synapses
    expect(Buffer.compare(readFileSync(fc), readFileSync(fj))).toBe(0);
    // Weights changed, then the saved state loaded back: the run continues as js's.
    for (const net of [js.net, cpp.net]) net.projections[1].set({ w: 0 });
    await js.net.simulate(5);
    await cpp.net.simulate(5);
    await js.net.load(fj);
    await cpp.net.load(fc);
    await js.net.simulate(20);
    await cpp.net.simulate(20);
    expect(freed(cpp.net, 'rec')).toBe(true);
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after load() and 20 ms');
    rmSync(fj, { force: true });
    rmSync(fc, { force: true });
  });

  it('not compact where the walk reads the synapses (plasticity) or a dendrite lists its pre ranks out of order', async () => {
    const stdp = plastic(Stdp)('cpp');
    await stdp.net.compile({ backend: 'cpp', directory });
    await stdp.net.simulate(5);
    expect((stdp.net.projections[0].state as SynapseState).deferred).toBe(false); // STDP writes w
    expect(freed(stdp.net, 'rec')).toBe(true); // the static one is

    // Dendrite 0's pre ranks reversed (a connectivity given in another order): kept, and exact.
    const reversed = (backend: BackendName) => {
      const { net } = staticNet(backend);
      const c = net.projections[1].connectivity!;
      c.preRanks.subarray(c.rowPtr[0], c.rowPtr[1]).reverse();
      return { net };
    };
    const alone = reversed('cpp').net;
    await alone.compile({ backend: 'cpp', directory });
    await alone.simulate(5);
    expect((alone.projections[1].state as SynapseState).deferred).toBe(false);
    expect(freed(alone, 'ff')).toBe(true);
    await conform('cpp', { backend: 'cpp', directory }, reversed, 20, 2);
  });

  it('float32: the weights written back bit for bit', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ dt: 0.1, seed: 3, backend, precision: 'float32' });
      const lif = staticNet('js').net.populations[1].neuron;
      const src = net.create(300, lif, { name: 'a' });
      const dst = net.create(300, lif, { name: 'b' });
      src.set({ v: new Uniform(0, 0.35) });
      net.connect(src, dst, 'exc', undefined, { name: 'ab' }).connectFixedProbability({ probability: 0.2, weights: new Uniform(0, 0.05) });
      return { net };
    };
    const { other } = await conform('cpp', { backend: 'cpp', directory }, build, 10, 2);
    expect(other.net.projections[0].state.get('w')).toBeInstanceOf(Float32Array);
  });

  it('reset({ synapses: true }) puts back the weights of compile, taken when they were first written back', async () => {
    const js = staticNet('js'), cpp = staticNet('cpp');
    await js.net.compile();
    await cpp.net.compile({ backend: 'cpp', directory });
    await js.net.simulate(10);
    await cpp.net.simulate(10);
    expect(freed(cpp.net, 'ff')).toBe(true);
    // A reset before any write: nothing to put back, the arrays stay freed.
    js.net.reset({ synapses: true });
    cpp.net.reset({ synapses: true });
    expect(freed(cpp.net, 'ff')).toBe(true);
    for (const net of [js.net, cpp.net]) net.projections[0].set({ w: 0.03 });
    await js.net.simulate(10);
    await cpp.net.simulate(10);
    expect(cpp.net.projections[0].flat().every((x) => x === 0.03)).toBe(true);
    js.net.reset({ synapses: true });
    cpp.net.reset({ synapses: true });
    await js.net.simulate(10);
    await cpp.net.simulate(10);
    expect(Array.from(cpp.net.projections[0].flat())).not.toContain(0.03);
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after a write, a reset and 10 ms');
  });

  it('after dispose(), a read of the freed synapses is refused with the dispose message', async () => {
    const cpp = staticNet('cpp');
    await cpp.net.compile({ backend: 'cpp', directory });
    await cpp.net.simulate(5);
    const ff = cpp.net.projections[0];
    expect(freed(cpp.net, 'ff')).toBe(true);
    cpp.net.dispose();
    expect(() => ff.flat()).toThrow(/disposed/);
    expect(() => ff.preRanks).toThrow(/disposed/);
  });
});
