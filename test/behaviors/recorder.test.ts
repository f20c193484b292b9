import { describe, expect, it } from 'vitest';
import { Behavior, EventRecorder, Network, NeuronGroup, Recorder, type DenseMatrix } from '../../src/behaviors/index.js';

/** voltage[i] += 1 + i every iteration; spike where (iteration + i) % 3 == 0. */
class Ramp extends Behavior {
  override initialize(n: NeuronGroup): void { n.vars.voltage = n.vector(); n.vars.spike = new Uint8Array(n.size); }
  override iteration(n: NeuronGroup): void {
    for (let i = 0; i < n.size; i++) {
      n.vars.voltage![i]! += 1 + i;
      n.vars.spike![i] = (n.iteration + i) % 3 === 0 ? 1 : 0;
    }
  }
}

async function run(recorders: Record<number, Behavior>, iterations = 4, size = 3): Promise<Network> {
  const net = new Network({ seed: 1 });
  new NeuronGroup({ net, tag: 'g', size, behavior: { 1: new Ramp(), ...recorders } });
  await net.initialize();
  await net.simulateIterations(iterations);
  return net;
}

describe('Recorder', () => {
  it('records per-element expressions as iterations × neurons and reductions as one column', async () => {
    const rec = new Recorder(['voltage', 'mean(voltage)', 'np.max(voltage)', '2 * voltage + 1', 'sum(spike)'], { tag: 'my_recorder' });
    const net = await run({ 9: rec });
    const v = rec.get('voltage');
    expect(v.shape).toEqual([4, 3]);
    expect(v.toArray()).toEqual([[1, 2, 3], [2, 4, 6], [3, 6, 9], [4, 8, 12]]);
    expect(Array.from(rec.get('mean(voltage)').data)).toEqual([2, 4, 6, 8]);
    expect(rec.get('mean(voltage)').shape).toEqual([4, 1]);
    expect(Array.from(rec.get('np.max(voltage)').data)).toEqual([3, 6, 9, 12]);
    expect(rec.get('2 * voltage + 1').row(1)).toEqual(new Float64Array([5, 9, 13]));
    expect(Array.from(rec.get('sum(spike)').data)).toEqual([1, 1, 1, 1]);
    expect(Array.from(rec.iterations())).toEqual([1, 2, 3, 4]);
    // the same data through the network, by tag and by expression (PymoNNto spellings accepted)
    expect(net.get('my_recorder', 0)).toBe(rec);
    expect(net.getRecorded('voltage', 0).toArray()).toEqual(v.toArray());
    expect(net.getRecorded('np.mean(voltage)').data).toEqual(rec.get('mean(voltage)').data);
    expect(net.getRecorded('n.voltage').data).toEqual(v.data);
    expect((net.get<DenseMatrix>('voltage', 0))!.data).toEqual(v.data);
    expect(() => net.getRecorded('current')).toThrow(/nothing recorded under "current"; recorded: 'voltage', 'mean\(voltage\)'/);
  });

  it('records after the behaviours of lower keys and before higher ones', async () => {
    const early = new Recorder('voltage');
    const late = new Recorder('voltage');
    await run({ 0.5: early, 2: late }, 2);
    expect(early.get('voltage').toArray()).toEqual([[0, 0, 0], [1, 2, 3]]);
    expect(late.get('voltage').toArray()).toEqual([[1, 2, 3], [2, 4, 6]]);
  });

  it('every, maxLength, clear', async () => {
    const sparse = new Recorder('voltage', { every: 2 });
    const ring = new Recorder('mean(voltage)', { maxLength: 3 });
    await run({ 9: sparse, 10: ring }, 40);
    expect(Array.from(sparse.iterations())).toEqual(Array.from({ length: 20 }, (_, k) => 2 * (k + 1)));
    expect(Array.from(ring.get('mean(voltage)').data)).toEqual([76, 78, 80]);
    expect(Array.from(ring.iterations())).toEqual([38, 39, 40]);
    ring.clear();
    expect(ring.get('mean(voltage)').rows).toBe(0);
  });

  it('errors name the expression: syntax at initialize, unknown names at the first record', async () => {
    await expect(run({ 9: new Recorder('voltage +') })).rejects.toThrow(/cannot parse the recorded expression 'voltage \+'/);
    await expect(run({ 9: new Recorder('current * 2') })).rejects.toThrow(/'current \* 2': 'g' has no variable 'current' \(it has: voltage, spike/);
  });
  it("uses the equation language's parser and built-ins; reductions of expressions; no eval", async () => {
    const rec = new Recorder(['mean(voltage > 2)', 'clip(voltage, 2, 4)', 'ite(spike, voltage, -1)', 'max(voltage, 5)', 'np.sum(n.voltage * 2)', 'modulo(voltage, 4)']);
    await run({ 9: rec }, 2);
    expect(Array.from(rec.get('mean(voltage > 2)').data)).toEqual([1 / 3, 2 / 3]);
    expect(rec.get('clip(voltage, 2, 4)').toArray()).toEqual([[2, 2, 3], [2, 4, 4]]);
    // iteration 1: spike where (1 + i) % 3 == 0 → i = 2
    expect(rec.get('ite(spike, voltage, -1)').row(0)).toEqual(new Float64Array([-1, -1, 3]));
    expect(rec.get('max(voltage, 5)').row(1)).toEqual(new Float64Array([5, 5, 6]));
    expect(Array.from(rec.get('np.sum(n.voltage * 2)').data)).toEqual([12, 24]);
    expect(rec.get('modulo(voltage, 4)').row(1)).toEqual(new Float64Array([2, 0, 2]));
    // user text is never evaluated as code: JS syntax is rejected by the parser, naming the symbol
    await expect(run({ 9: new Recorder('process.exit(1)') })).rejects.toThrow(/cannot parse the recorded expression 'process\.exit\(1\)': .*'process\.'/);
    await expect(run({ 9: new Recorder('voltage[0]') })).rejects.toThrow(/'voltage\[0\]'.*'\['/);
    await expect(run({ 9: new Recorder('foo(voltage)') }, 1)).rejects.toThrow(/'foo\(voltage\)': unknown function 'foo'/);
    await expect(run({ 9: new Recorder('clip(voltage)') }, 1)).rejects.toThrow(/clip\(\) takes 3 argument\(s\), got 1/);
    await expect(run({ 9: new Recorder('mean(voltage, 2)') }, 1)).rejects.toThrow(/mean\(\) takes one argument/);
  });
});

describe('EventRecorder', () => {
  it("gives 'spike.t' (iteration) and 'spike.i' (index) of every non-zero element", async () => {
    const ev = new EventRecorder('spike', { tag: 'my_event_recorder' });
    const net = await run({ 10: ev }, 4);
    // spike where (iteration + i) % 3 == 0, i in 0..2: t=1 → i=2; t=2 → i=1; t=3 → i=0; t=4 → i=2
    expect(Array.from(net.getRecorded('spike.t', 0).data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(net.getRecorded('spike.i', 0).data)).toEqual([2, 1, 0, 2]);
    expect(net.getRecorded('spike').toArray()).toEqual([[1, 2], [2, 1], [3, 0], [4, 2]]);
    expect(Array.from(ev.t())).toEqual([1, 2, 3, 4]);
    expect(Array.from(ev.i('spike'))).toEqual([2, 1, 0, 2]);
    expect(net.get('my_event_recorder', 0)).toBe(ev);
  });

  it('records nothing while recording is off', async () => {
    const ev = new EventRecorder('voltage > 5');
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, size: 3, behavior: { 1: new Ramp(), 2: ev } });
    await net.initialize();
    await net.simulateIterations(2, { disableRecording: true });
    expect(ev.t().length).toBe(0);
    await net.simulateIterations(1);
    // iteration 3: voltage = [3, 6, 9] → indices 1, 2
    expect(Array.from(ev.i())).toEqual([1, 2]);
    expect(Array.from(ev.t())).toEqual([3, 3]);
  });
});
